import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../../kernels/errors.js';
import { LAYER_MATRICES, layerMatrixShape } from '../../../kernels/model/layout.js';
import { dequantizeTensorQ80 } from '../../../kernels/model/quantize-checkpoint.js';
import { MODEL_SHAPES } from '../../../kernels/model/shapes.js';
import { synthModel } from '../../../kernels/model/synth.js';
import type { QuantizedTensor } from '../../../kernels/model/types.js';
import { writeQ8Checkpoint } from '../../../kernels/model/write.js';
import { TINY } from './fixtures.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// W (rows, cols) @ x (cols,) -> rms of the output, in float64 (a statistic, not a kernel)
function outputRms(tensor: QuantizedTensor, groupSize: number, rows: number, x: Float64Array): number {
  const w = dequantizeTensorQ80(tensor, groupSize);
  const cols = x.length;
  let sumSquares = 0;
  for (let r = 0; r < rows; r++) {
    let y = 0;
    for (let c = 0; c < cols; c++) y += w[r * cols + c] * x[c];
    sumSquares += y * y;
  }
  return Math.sqrt(sumSquares / rows);
}

describe('synthetic models', () => {
  it('gives the same bytes for the same seed, other bytes for another seed', () => {
    const a = writeQ8Checkpoint(synthModel(TINY, { seed: 7 }));
    expect(writeQ8Checkpoint(synthModel(TINY, { seed: 7 }))).toEqual(a);
    expect(sha256(writeQ8Checkpoint(synthModel(TINY, { seed: 8 })))).not.toBe(sha256(a));
    // pinned, so that a change to how weights are drawn is a deliberate one
    expect(sha256(a)).toBe('1c8c6b0e781cc10465b1c8e9686fb94bce8334924d9137694583912411109c6c');
  });

  it('has the shape, the default group size and a shared classifier', () => {
    const { config, weights } = synthModel(TINY, { seed: 0 });
    expect(config).toEqual(TINY);
    expect(weights.groupSize).toBe(8);
    expect(weights.sharedClassifier).toBe(true);
    expect(weights.wcls).toBe(weights.tokenEmbedding);
    expect(Array.from(weights.tokenEmbeddingF32)).toEqual(Array.from(dequantizeTensorQ80(weights.tokenEmbedding, 8)));
    for (const name of LAYER_MATRICES) {
      const [rows, cols] = layerMatrixShape(TINY, name);
      expect(weights[name]).toHaveLength(2);
      expect(weights[name][1].q).toHaveLength(rows * cols);
      expect(weights[name][1].s).toHaveLength((rows * cols) / 8);
    }
    expect(synthModel(TINY, { seed: 0, groupSize: 2 }).weights.wq[0].s).toHaveLength(128);
  });

  it('draws weights that keep activations near unit scale', () => {
    const config = MODEL_SHAPES.stories260K;
    const { weights } = synthModel(config, { seed: 3 });
    for (const norm of [weights.rmsAtt, weights.rmsFfn, weights.rmsFinal]) {
      expect(Math.min(...norm)).toBeGreaterThanOrEqual(Math.fround(0.9));
      expect(Math.max(...norm)).toBeLessThanOrEqual(Math.fround(1.1));
    }
    expect(Math.min(...weights.w1[0].q)).toBe(-127);
    expect(Math.max(...weights.w1[0].q)).toBe(127);
    const rng = seedrandom('unit input');
    for (const name of ['wq', 'wk', 'w1', 'w2'] as const) {
      const [rows, cols] = layerMatrixShape(config, name);
      // an input of rms 1 (what RMSNorm hands a matmul) should give outputs of rms about 1
      const x = Float64Array.from({ length: cols }, () => (rng() < 0.5 ? -1 : 1));
      const rms = outputRms(weights[name][0], weights.groupSize, rows, x);
      expect(rms).toBeGreaterThan(0.7);
      expect(rms).toBeLessThan(1.4);
    }
  });

  it('refuses shapes whose file would exceed 4 GiB, pointing to timing-only simulation', () => {
    // (refused before drawing: drawing would need 6.5 GiB)
    expect(() => synthModel(MODEL_SHAPES['llama2-7b'], { seed: 0 })).toThrow(FpgasimError);
    expect(() => synthModel(MODEL_SHAPES['llama2-7b'], { seed: 0 })).toThrow(/6\.5 GiB file, over the 4 GiB limit.*--timing-only \/ --model-shape/);
  });

  it('refuses invalid shapes and group sizes', () => {
    expect(() => synthModel({ ...TINY, nHeads: 3 }, { seed: 0 })).toThrow('synth-model: n_heads 3 does not divide dim 16');
    expect(() => synthModel(TINY, { seed: 0, groupSize: 16 })).toThrow('synth-model: group size 16 does not divide hidden_dim 40');
    expect(() => synthModel({ ...TINY, dim: 15.5 }, { seed: 0 })).toThrow('synth-model: dim 15.5 is out of range');
  });
});
