import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { FpgasimError } from '../../../kernels/errors.js';
import { dequantizeTensorQ80, quantizeModel, quantizeTensorQ80, roundHalfToEven } from '../../../kernels/model/quantize-checkpoint.js';
import { loadModel } from '../../../kernels/model/read.js';
import type { F32Weights, Model } from '../../../kernels/model/types.js';
import { writeQ8Checkpoint } from '../../../kernels/model/write.js';
import { modelFile } from '../../helpers/models.js';
import { TINY, randomF32Model } from './fixtures.js';

describe('Q8_0 checkpoint quantization (export.py quantize_q80)', () => {
  it('rounds ties to even, as torch.round', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999, 2.5001, -126.5, 127].map(roundHalfToEven)).toEqual([
      0, 2, 2, 4, 0, -2, -2, 2, 3, -126, 127,
    ]);
  });

  it('quantizes each group by its own max |w| / 127, ties to even, an all-zero group to scale 0', () => {
    const values = new Float32Array([127, 2.5, -2.5, 3.5, 0, 0, 0, 0, -254, 1, 3, -0.5]);
    const { q, s } = quantizeTensorQ80(values, 4);
    expect(Array.from(s)).toEqual([1, 0, 2]);
    expect(Array.from(q)).toEqual([127, 2, -2, 4, 0, 0, 0, 0, -127, 0, 2, 0]);
    // a non-trivial scale: 0.3 / fround(1 / 127) is 38.09999..., rounded to 38
    const small = quantizeTensorQ80(new Float32Array([1, 0.3]), 2);
    expect(small.s[0]).toBe(Math.fround(1 / 127));
    expect(Array.from(small.q)).toEqual([127, 38]);
  });

  it('dequantizes with one binary32 multiply per value, within half a step of the input', () => {
    const rng = seedrandom('dequantize');
    const values = Float32Array.from({ length: 256 }, () => (rng() - 0.5) * 6);
    const tensor = quantizeTensorQ80(values, 16);
    const restored = dequantizeTensorQ80(tensor, 16);
    restored.forEach((value, i) => {
      const scale = tensor.s[Math.floor(i / 16)];
      expect(value).toBe(Math.fround(tensor.q[i] * scale));
      expect(Math.abs(value - values[i])).toBeLessThanOrEqual(scale / 2 + 1e-6 * scale);
    });
  });

  it('refuses a tensor that is not a whole number of groups', () => {
    expect(() => quantizeTensorQ80(new Float32Array(10), 4)).toThrow(new FpgasimError('quantize: 10 values are not a multiple of group size 4'));
  });

  it('quantizes a whole model, keeping a shared classifier shared', () => {
    const shared = quantizeModel(randomF32Model(TINY, 'model', true), 8);
    expect(shared.weights.wcls).toBe(shared.weights.tokenEmbedding);
    expect(shared.weights.groupSize).toBe(8);
    expect(shared.weights.w1[1].s).toHaveLength((40 * 16) / 8);
    expect(Array.from(shared.weights.tokenEmbeddingF32)).toEqual(Array.from(dequantizeTensorQ80(shared.weights.tokenEmbedding, 8)));
    const unshared = quantizeModel(randomF32Model(TINY, 'model', false), 8);
    expect(unshared.weights.wcls).not.toBe(unshared.weights.tokenEmbedding);
    expect(() => quantizeModel(randomF32Model(TINY, 'model', true), 16)).toThrow('quantize: group size 16 does not divide hidden_dim 40');
  });

  const legacy = modelFile('stories260K.bin');
  it.skipIf(!legacy.present)(`quantizes stories260K.bin with group size 4 to export.py's bytes (sha256) ${legacy.missing}`, () => {
    const model = loadModel(legacy.path) as Model & { weights: F32Weights };
    const bytes = writeQ8Checkpoint(quantizeModel(model, 4));
    expect(bytes.length).toBe(521_728);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe('c8c032d04f8a48b2c8f9b708cc571a895d45fe23521f47f542b897d64ad77c50');
  });
});
