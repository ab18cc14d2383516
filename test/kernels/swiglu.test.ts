import { describe, expect, it } from 'vitest';
import { GLIBC_MATH, mathFunctions } from '../../kernels/math/library.js';
import { swiglu } from '../../kernels/swiglu.js';

const f = Math.fround;

/** llama2.c's silu, step by step: v * (1 / (1 + exp(-v))). */
const silu = (v: number, exp = GLIBC_MATH.exp) => f(v * f(1 / f(1 + exp(-v))));

describe('swiglu', () => {
  it('silu(0) = 0, so a zero gate gives 0 whatever hb2 holds', () => {
    const hb = new Float32Array([0, 0]);
    swiglu(hb, new Float32Array([5, -3e38]), 2);
    expect(Array.from(hb)).toEqual([0, -0]);
  });

  it('hand-worked: hb = [1, -2], hb2 = [2, 0.5] gives silu(1) * 2 and silu(-2) * 0.5 in binary32 steps', () => {
    const hb = new Float32Array([1, -2]);
    const hb2 = new Float32Array([2, 0.5]);
    swiglu(hb, hb2, 2);
    expect(Array.from(hb)).toEqual([f(silu(1) * 2), f(silu(-2) * 0.5)]);
    expect(hb[0]).toBeCloseTo((2 * 1) / (1 + Math.exp(-1)), 6); // 1.4621172
    expect(hb[1]).toBeCloseTo((0.5 * -2) / (1 + Math.exp(2)), 6); // -0.1192029
    expect(Array.from(hb2)).toEqual([2, 0.5]);
  });

  it("calls the exp of the math it is given (binary32 here)", () => {
    const binary32 = mathFunctions('binary32');
    const hb = Float32Array.from({ length: 64 }, (_, i) => (i - 32) / 5);
    const hb2 = new Float32Array(64).fill(1);
    const expected = Array.from(hb, (v) => silu(v, binary32.exp));
    swiglu(hb, hb2, 64, binary32);
    expect(Array.from(hb)).toEqual(expected);
  });

  it('silu tends to v for large v and to -0 for very negative v (exp overflows, 1 / (1 + inf) = 0)', () => {
    const hb = new Float32Array([30, -200, 7]);
    swiglu(hb, new Float32Array([1, 1, 1]), 2); // n = 2: the third value is left alone
    expect(hb[0]).toBe(30);
    expect(Object.is(hb[1], -0)).toBe(true);
    expect(hb[2]).toBe(7);
  });
});
