import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { powF32 } from '../../../kernels/math/pow.js';
import { describeUlpReport, worstUlp } from '../../helpers/ulp.js';
import { logUniformF32, uniformF32 } from './inputs.js';

/** Pairs (x, y), x log-uniform in [1e-3, 1e4] and y uniform in [-4, 4], whose x^y is a normal binary32. */
function generalPairs(rng: seedrandom.PRNG, count: number): number[][] {
  const pairs: number[][] = [];
  while (pairs.length < count) {
    const [x] = logUniformF32(rng, 1, 1e-3, 1e4).map(Math.abs);
    const [y] = uniformF32(rng, 1, -4, 4);
    const exact = Math.fround(Math.pow(x, y));
    if (exact >= 2 ** -126 && exact < Infinity) pairs.push([x, y]);
  }
  return pairs;
}

describe('powF32', () => {
  it('gives the exact values x^0 = 1, x^1 = x, 1^y = 1 and integer powers of 2 and 10', () => {
    const rng = seedrandom('powF32 exact values');
    for (const x of [...logUniformF32(rng, 10_000, 2 ** -149, 3e38).map(Math.abs), 1, 10000, 2 ** -149]) {
      expect(powF32(x, 0), `pow(${x}, 0)`).toBe(1);
      expect(powF32(x, 1), `pow(${x}, 1)`).toBe(x);
    }
    for (const y of [-1e30, -3.5, 0.25, 7, 1e30]) expect(powF32(1, y)).toBe(1);
    expect(powF32(2, 10)).toBe(1024);
    expect(powF32(2, -149)).toBe(2 ** -149);
    expect(powF32(10, 3)).toBe(1000);
    expect(powF32(10000, 0.5)).toBe(100);
    expect(powF32(16, 0.25)).toBe(2);
  });

  it('overflows to +Infinity and underflows to +0 as x^y leaves binary32', () => {
    expect(powF32(10, 39)).toBe(Infinity);
    expect(powF32(10, -46)).toBe(0);
    expect(powF32(3e38, 3e38)).toBe(Infinity);
    expect(powF32(0.5, 1e30)).toBe(0);
  });

  it('returns NaN outside its domain (x <= 0, x infinite, anything NaN, y infinite)', () => {
    for (const [x, y] of [[0, 1], [-0, 1], [-2, 2], [Infinity, 1], [NaN, 0], [2, NaN], [2, Infinity], [0.5, -Infinity]]) {
      expect(powF32(x, y), `pow(${x}, ${y})`).toBeNaN();
    }
  });

  it('stays within 1 ulp of the correctly rounded 10000^y for y in [0, 1) (RoPE frequencies)', () => {
    const rng = seedrandom('powF32 rope');
    const headSizeExponents = [32, 48, 64, 128].flatMap((headSize) =>
      Array.from({ length: headSize / 2 }, (_, i) => Math.fround((2 * i) / headSize)),
    );
    const inputs = [...uniformF32(rng, 200_000, 0, 1), ...headSizeExponents].filter((y) => y < 1).map((y) => [10000, y]);
    const report = worstUlp(inputs, powF32, Math.pow);
    console.log(describeUlpReport('powF32(10000, y)', report));
    expect(report.worstUlp, describeUlpReport('powF32(10000, y)', report)).toBeLessThanOrEqual(1);
  });

  it('stays within 1 ulp of the correctly rounded x^y for x in [1e-3, 1e4], y in [-4, 4]', () => {
    const report = worstUlp(generalPairs(seedrandom('powF32 general'), 200_000), powF32, Math.pow);
    console.log(describeUlpReport('powF32(x, y)', report));
    expect(report.worstUlp, describeUlpReport('powF32(x, y)', report)).toBeLessThanOrEqual(1);
  });
});
