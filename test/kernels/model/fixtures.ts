// Small models and byte-poking helpers shared by the model-file tests.
import seedrandom from 'seedrandom';
import { LAYER_MATRICES, layerMatrixShape } from '../../../kernels/model/layout.js';
import type { F32Weights, Model, ModelConfig } from '../../../kernels/model/types.js';

/** dim 16, GQA (4 query heads, 2 key/value heads, head size 4), hidden_dim 40: group sizes 1, 2, 4, 8. */
export const TINY: ModelConfig = { dim: 16, hiddenDim: 40, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 32, seqLen: 8 };

/** A float32 model with seeded weights uniform in -1..1 (a few exact zeros, to exercise all-zero groups). */
export function randomF32Model(config: ModelConfig, seed: string, sharedClassifier: boolean): Model & { weights: F32Weights } {
  const rng = seedrandom(seed);
  const draw = (count: number) => Float32Array.from({ length: count }, () => (rng() < 0.02 ? 0 : 2 * rng() - 1));
  const { dim, nLayers, vocabSize } = config;
  const tokenEmbedding = draw(vocabSize * dim);
  const layers = Object.fromEntries(
    LAYER_MATRICES.map((name) => {
      const [rows, cols] = layerMatrixShape(config, name);
      return [name, Array.from({ length: nLayers }, () => draw(rows * cols))];
    }),
  ) as Pick<F32Weights, (typeof LAYER_MATRICES)[number]>;
  return {
    config: { ...config },
    weights: {
      kind: 'f32',
      rmsAtt: draw(nLayers * dim),
      rmsFfn: draw(nLayers * dim),
      rmsFinal: draw(dim),
      tokenEmbedding,
      ...layers,
      wcls: sharedClassifier ? tokenEmbedding : draw(vocabSize * dim),
      sharedClassifier,
    },
  };
}

/** A copy of bytes with the int32 at offset replaced (little-endian, any alignment). */
export function withInt32(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setInt32(offset, value, true);
  return copy;
}

export const int32At = (bytes: Uint8Array, offset: number) => new DataView(bytes.buffer, bytes.byteOffset).getInt32(offset, true);

/** Every array of a model's weights, flattened to plain arrays, for deep comparison across formats. */
export function weightArrays(model: Model): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [key, value] of Object.entries(model.weights)) {
    const tensors = Array.isArray(value) ? value : [value];
    tensors.forEach((tensor, index) => {
      if (tensor instanceof Float32Array) out[`${key}.${index}`] = Array.from(tensor);
      else if (tensor && typeof tensor === 'object' && 'q' in tensor) {
        out[`${key}.${index}.q`] = Array.from(tensor.q);
        out[`${key}.${index}.s`] = Array.from(tensor.s);
      }
    });
  }
  return out;
}
