import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { EXP_MAX_X, EXP_MIN_X, expF32 } from '../../../kernels/math/exp.js';
import { describeUlpReport, worstUlp } from '../../helpers/ulp.js';
import { logUniformF32, uniformF32, ulpNeighbours } from './inputs.js';

const exact = (x: number): number => Math.exp(x);

describe('expF32', () => {
  it('gives the exact values at 0 and at the special inputs', () => {
    expect(expF32(0)).toBe(1);
    expect(expF32(-0)).toBe(1);
    expect(expF32(Infinity)).toBe(Infinity);
    expect(expF32(-Infinity)).toBe(0);
    expect(expF32(NaN)).toBeNaN();
    expect(expF32(89)).toBe(Infinity);
    expect(expF32(-105)).toBe(0);
    expect(expF32(1)).toBe(Math.fround(Math.E));
  });

  it('stays within 1 ulp of the correctly rounded result over [-104, 88.75] (softmax, SiLU)', () => {
    const rng = seedrandom('expF32 accuracy');
    const inputs = [
      ...uniformF32(rng, 200_000, EXP_MIN_X, EXP_MAX_X),
      ...uniformF32(rng, 50_000, -104, -87), // results in the subnormal range
      ...logUniformF32(rng, 50_000, 2 ** -30, 1), // near 0, both signs
      ...ulpNeighbours(88.72283935546875, 2000), // the overflow threshold
      ...ulpNeighbours(-103.97207641601562, 2000), // where results round to 0
      ...ulpNeighbours(-87.33654022216797, 2000), // where results leave the normal range
    ];
    const report = worstUlp(inputs.map((x) => [x]), expF32, exact);
    console.log(describeUlpReport('expF32', report));
    expect(report.worstUlp, describeUlpReport('expF32', report)).toBeLessThanOrEqual(1);
  });

  it('overflows to +Infinity exactly where the correctly rounded result does', () => {
    for (const x of ulpNeighbours(88.72283935546875, 50)) {
      expect(expF32(x) === Infinity, `x = ${x}`).toBe(Math.fround(Math.exp(x)) === Infinity);
    }
  });
});
