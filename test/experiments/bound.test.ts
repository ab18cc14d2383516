import { describe, expect, it } from 'vitest';
import { bandwidthBound } from '../../experiments/bound.js';
import { MODEL_SHAPES } from '../../kernels/model/shapes.js';
import { loadDevice } from '../../hw-models/devices/load.js';
import { simulate } from '../../sim/simulate.js';
import { hlstransform } from '../helpers/designs.js';

describe('the bandwidth bound', () => {
  it('is F1 DDR peak over the bytes a stories110M token must read, worked by hand', () => {
    // weights: 12 x (4 x 768^2 + 3 x 768 x 2048) + 32000 x 768 = 109,510,656 int8, plus a float per 64: 116,355,072 B
    // norms 25 x 768 x 4 = 76,800 B; one embedding row 768 x 4 = 3,072 B
    // KV cache: 2 x 12 layers x 768 x 4 B per position, 128.5 positions on average over 256 tokens = 9,474,048 B
    const bound = bandwidthBound(MODEL_SHAPES.stories110M, hlstransform(), loadDevice('vu9p-f1'), 256);
    expect(bound.bytesPerToken).toBe(116_355_072 + 76_800 + 3_072 + 9_474_048);
    expect(bound.peakBandwidthBytesPerS).toBeCloseTo(4 * 17.0667e9, -3);
    expect(bound.tokensPerSecond).toBeCloseTo(542.19, 2);
  });

  it('is what the HLSTransform design reads, give or take its writes (new cache rows, logits)', () => {
    const design = hlstransform();
    const bound = bandwidthBound(MODEL_SHAPES.stories110M, design, loadDevice('vu9p-f1'), 256);
    const result = simulate({ design, config: MODEL_SHAPES.stories110M, modelName: 'stories110M', tokens: 256, mode: 'analytic' });
    const simulatedBytes = result.fpga.memory.reduce((sum, m) => sum + m.bytesPerToken, 0);
    const writes = 2 * 12 * 768 * 4 + 32000 * 4;
    expect(simulatedBytes).toBeCloseTo(bound.bytesPerToken + writes, -2);
  });
});
