import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { GLIBC_MATH, mathFunctions } from '../../kernels/math/library.js';

const expGlibc = GLIBC_MATH.exp; // the default math
import { softmax } from '../../kernels/softmax.js';

const f = Math.fround;
const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('softmax', () => {
  it('[1, 2, 3]: subtract the max 3, exponentiate, divide by the sequential sum', () => {
    const x = new Float32Array([1, 2, 3]);
    softmax(x, 3);
    const e = [expGlibc(-2), expGlibc(-1), expGlibc(0)];
    expect(e[2]).toBe(1);
    const sum = f(f(e[0] + e[1]) + e[2]);
    expect(Array.from(x)).toEqual(e.map((v) => f(v / sum)));
    // and the textbook values
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    [1, 2, 3].forEach((v, i) => expect(x[i]).toBeCloseTo(Math.exp(v) / z, 7));
  });

  it('equal inputs share exactly: [5, 5, 5, 5] gives 0.25 each; one input gives 1', () => {
    const x = new Float32Array([5, 5, 5, 5]);
    softmax(x, 4);
    expect(Array.from(x)).toEqual([0.25, 0.25, 0.25, 0.25]);
    const one = new Float32Array([-1234.5]);
    softmax(one, 1);
    expect(one[0]).toBe(1);
  });

  it('subtracting the max makes huge inputs safe: [3e38, 3e38, -3e38] gives [0.5, 0.5, 0]', () => {
    const x = new Float32Array([3e38, 3e38, -3e38]);
    softmax(x, 3);
    expect(Array.from(x)).toEqual([0.5, 0.5, 0]);
    const big = new Float32Array([1000, 999]);
    softmax(big, 2);
    expect(big[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
    expect(big.every(Number.isFinite)).toBe(true);
  });

  it("exponentiates with the math it is given: binary32's exp, step for step, and other bits than glibc's", () => {
    const rng = seedrandom('softmax math');
    const scores = Float32Array.from({ length: 200 }, () => (rng() * 2 - 1) * 8);
    const binary32 = mathFunctions('binary32');
    const [glibc, own] = [scores.slice(), scores.slice()];
    softmax(glibc, 200);
    softmax(own, 200, 1, 0, binary32);
    const max = Math.max(...scores);
    const e = Array.from(scores, (v) => binary32.exp(f(v - max)));
    const sum = e.reduce((a, b) => f(a + b), 0);
    expect(Array.from(own)).toEqual(e.map((v) => f(v / sum)));
    expect(bytes(own).equals(bytes(glibc))).toBe(false);
  });

  it('works on size values at offset and leaves the rest alone', () => {
    const x = new Float32Array([7, 0, 0, 7]);
    softmax(x, 2, 1, 1);
    expect(Array.from(x)).toEqual([7, 0.5, 0.5, 7]);
  });

  it('on random scores: sums to 1 within a few ulp; accumulator counts change bits, each reproducibly', () => {
    const rng = seedrandom('softmax');
    const size = 1000;
    const scores = Float32Array.from({ length: size }, () => (rng() * 2 - 1) * 8);
    const run = (accumulators: number) => {
      const x = scores.slice();
      softmax(x, size, accumulators);
      return x;
    };
    const sequential = run(1);
    expect(sequential.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(sequential.every((p) => p > 0 && p < 1)).toBe(true);
    for (const accumulators of [2, 3, 8]) {
      const other = run(accumulators);
      expect(bytes(other).equals(bytes(sequential)), `${accumulators}`).toBe(false);
      expect(bytes(other).equals(bytes(run(accumulators))), `${accumulators}`).toBe(true);
      expect(other.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });
});
