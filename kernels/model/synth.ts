// Synthetic Q8_0 models: seeded random weights of any valid shape, for tests and for simulating shapes no
// one has trained. Weights are drawn so a forward pass keeps activations in a sane range:
//   - each matrix (rows, fanIn): int8 values uniform in -127..127, and per group a scale near
//     sqrt(3 / fanIn) / 127, so values have variance about 1 / fanIn and each output about unit variance;
//     scales vary by +-25% between groups so a kernel that uses the wrong group's scale is caught;
//   - the token embedding doubles as the (shared) classifier: fanIn = dim keeps logits near unit scale;
//   - RMSNorm weights uniform in 0.9..1.1.
import seedrandom from 'seedrandom';
import { check } from '../errors.js';
import { checkpointLayout } from './header.js';
import { LAYER_MATRICES, layerMatrixShape } from './layout.js';
import { dequantizeTensorQ80 } from './quantize-checkpoint.js';
import { defaultGroupSize } from './shapes.js';
import type { Model, ModelConfig, Q8Weights, QuantizedTensor } from './types.js';

/** Largest synthetic file: larger shapes (Llama 2 7B) are for timing-only simulation. */
export const MAX_SYNTH_FILE_BYTES = 4 * 1024 ** 3;

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting PRNG), seeded from seedrandom: stories110M needs
 * ~120 million draws, about 10x faster this way than calling seedrandom itself per value.
 */
class FastRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    const seeder = seedrandom(seed);
    [this.a, this.b, this.c, this.d] = [seeder.int32(), seeder.int32(), seeder.int32(), seeder.int32()];
  }

  /** Uniform integer in 0..2^32-1. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  nextUnit(): number {
    return this.nextUint32() / 4294967296;
  }
}

// random Q8_0 matrix (count / fanIn, fanIn) with groups of groupSize values
function drawMatrix(random: FastRandom, count: number, fanIn: number, groupSize: number): QuantizedTensor {
  const q = new Int8Array(count);
  const s = new Float32Array(count / groupSize);
  const meanScale = Math.sqrt(3 / fanIn) / 127;
  for (let group = 0; group < s.length; group++) s[group] = Math.fround(meanScale * (0.75 + 0.5 * random.nextUnit()));
  for (let i = 0; i < count; i++) q[i] = (random.nextUint32() % 255) - 127;
  return { q, s };
}

// random RMSNorm weights (count,) in 0.9..1.1
function drawNorm(random: FastRandom, count: number): Float32Array {
  const norm = new Float32Array(count);
  for (let i = 0; i < count; i++) norm[i] = Math.fround(0.9 + 0.2 * random.nextUnit());
  return norm;
}

export interface SynthOptions {
  seed: number | string;
  groupSize?: number; // default: defaultGroupSize(config)
}

/** A seeded random Q8 model of this shape with a shared classifier; the same seed gives the same bytes. */
export function synthModel(config: ModelConfig, options: SynthOptions): Model & { weights: Q8Weights } {
  const groupSize = options.groupSize ?? defaultGroupSize(config);
  const { fileBytes } = checkpointLayout('q8', config, true, groupSize, 'synth-model');
  check(
    fileBytes <= MAX_SYNTH_FILE_BYTES,
    `synth-model: this shape needs a ${(fileBytes / 1024 ** 3).toFixed(1)} GiB file, over the 4 GiB limit for synthetic models; it is a timing-only shape: simulate it with --timing-only / --model-shape instead of a model file`,
  );
  const random = new FastRandom(`fpgasim synth-model ${options.seed}`);
  const { dim, nLayers, vocabSize } = config;
  const rmsAtt = drawNorm(random, nLayers * dim);
  const rmsFfn = drawNorm(random, nLayers * dim);
  const rmsFinal = drawNorm(random, dim);
  const tokenEmbedding = drawMatrix(random, vocabSize * dim, dim, groupSize);
  const layers = Object.fromEntries(
    LAYER_MATRICES.map((name) => {
      const [rows, fanIn] = layerMatrixShape(config, name);
      return [name, Array.from({ length: nLayers }, () => drawMatrix(random, rows * fanIn, fanIn, groupSize))];
    }),
  ) as Pick<Q8Weights, (typeof LAYER_MATRICES)[number]>;
  return {
    config: { ...config },
    weights: {
      kind: 'q8',
      groupSize,
      rmsAtt,
      rmsFfn,
      rmsFinal,
      tokenEmbedding,
      tokenEmbeddingF32: dequantizeTensorQ80(tokenEmbedding, groupSize),
      ...layers,
      wcls: tokenEmbedding,
      sharedClassifier: true,
    },
  };
}
