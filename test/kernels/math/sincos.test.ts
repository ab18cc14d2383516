import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { f32FromHex } from '../../../kernels/math/f32.js';
import { SIN_COS_MAX_ABS_X, cosF32, sinF32 } from '../../../kernels/math/sincos.js';
import { describeUlpReport, worstUlp } from '../../helpers/ulp.js';
import { logUniformF32, uniformF32, ulpNeighbours } from './inputs.js';

/** The binary32 x <= 6432 closest to a multiple of pi/2 (|x - 161 pi/2| = 2^-27.8), and its neighbours. */
const HARDEST_REDUCTION = ulpNeighbours(f32FromHex('0x1.f9cbe2p7'), 100);

/** RoPE angles as llama2.c forms them: pos * (1 / 10000^(i / headSize)), pos < 4096, headSize 64 and 48. */
function ropeAngles(): number[] {
  const angles: number[] = [];
  for (const headSize of [64, 48]) {
    for (let i = 0; i < headSize; i += 2) {
      const freq = Math.fround(1 / Math.fround(Math.pow(10000, Math.fround(i / headSize))));
      for (let pos = 0; pos < 4096; pos++) angles.push(Math.fround(pos * freq));
    }
  }
  return angles;
}

function accuracyInputs(): number[][] {
  const rng = seedrandom('sinF32/cosF32 accuracy');
  return [
    ...uniformF32(rng, 200_000, -4096, 4096),
    ...uniformF32(rng, 20_000, 4096, SIN_COS_MAX_ABS_X),
    ...uniformF32(rng, 50_000, -8, 8),
    ...logUniformF32(rng, 50_000, 2 ** -40, 1), // small angles
    ...HARDEST_REDUCTION,
    ...ropeAngles(),
  ].map((x) => [x]);
}

describe('sinF32 and cosF32', () => {
  it('give the exact values at 0 and NaN outside [-6432, 6432]', () => {
    expect(Object.is(sinF32(0), 0)).toBe(true);
    expect(Object.is(sinF32(-0), -0)).toBe(true);
    expect(cosF32(0)).toBe(1);
    expect(cosF32(-0)).toBe(1);
    expect(sinF32(2 ** -30)).toBe(2 ** -30);
    for (const x of [NaN, Infinity, -Infinity, 6433, -1e6]) {
      expect(sinF32(x), `sin ${x}`).toBeNaN();
      expect(cosF32(x), `cos ${x}`).toBeNaN();
    }
    expect(sinF32(SIN_COS_MAX_ABS_X)).toBe(Math.fround(Math.sin(SIN_COS_MAX_ABS_X)));
  });

  it('are odd and even exactly', () => {
    const rng = seedrandom('sinF32/cosF32 symmetry');
    for (const x of uniformF32(rng, 10_000, 0, 4096)) {
      expect(sinF32(-x)).toBe(-sinF32(x));
      expect(cosF32(-x)).toBe(cosF32(x));
    }
  });

  const inputs = accuracyInputs();
  for (const [name, fn, exact] of [
    ['sinF32', sinF32, Math.sin],
    ['cosF32', cosF32, Math.cos],
  ] as const) {
    it(`${name} stays within 1 ulp of the correctly rounded result over [-4096, 4096] (RoPE)`, () => {
      const report = worstUlp(inputs, fn, exact);
      console.log(describeUlpReport(name, report));
      expect(report.worstUlp, describeUlpReport(name, report)).toBeLessThanOrEqual(1);
    });
  }
});
