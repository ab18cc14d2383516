import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { rmsnorm } from '../../kernels/rmsnorm.js';

const f = Math.fround;
const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** RMSNorm's binary32 steps after the sum of squares: mean, + 1e-5, then 1 / sqrt. */
function inverseRms(sumSquares: number, size: number): number {
  const mean = f(sumSquares / size);
  return f(1 / f(Math.sqrt(f(mean + f(1e-5)))));
}

describe('rmsnorm', () => {
  it('x = [3, 4], weight [1, 2]: sum 25, mean 12.5, + 1e-5, 1 / sqrt, then weight * (scale * x)', () => {
    const out = new Float32Array(2);
    rmsnorm(out, new Float32Array([3, 4]), new Float32Array([1, 2]), 0, 2);
    const scale = inverseRms(25, 2); // 3 * 3 + 4 * 4 = 25, exact
    expect(Array.from(out)).toEqual([f(1 * f(scale * 3)), f(2 * f(scale * 4))]);
    expect(out[0]).toBeCloseTo(3 / Math.sqrt(12.50001), 6);
    expect(out[1]).toBeCloseTo(8 / Math.sqrt(12.50001), 6);
  });

  it('reads the weight at weightOffset (the layer), and may write over its input', () => {
    const weight = new Float32Array([9, 9, 1, 2]);
    const x = new Float32Array([3, 4]);
    const expected = new Float32Array(2);
    rmsnorm(expected, x, new Float32Array([1, 2]), 0, 2);
    rmsnorm(x, x, weight, 2, 2);
    expect(bytes(x).equals(bytes(expected))).toBe(true);
  });

  it('sums the squares in accumulators interleaved by index, then combines them by the tree', () => {
    // squares 2^24, 1, 2^24, 1, 1, 1: one accumulator loses every 1 (spacing 2, then 4, ties to even);
    // two accumulators meet 2^25 + 1 (rounds to 2^25) and 1 + 1 + 1 = 3, and 2^25 + 3 rounds up to 2^25 + 4
    const x = new Float32Array([4096, 1, 4096, 1, 1, 1]);
    const weight = new Float32Array(6).fill(1);
    const sequential = new Float32Array(6);
    const twoWay = new Float32Array(6);
    rmsnorm(sequential, x, weight, 0, 6, 1);
    rmsnorm(twoWay, x, weight, 0, 6, 2);
    expect(sequential[1]).toBe(f(1 * f(inverseRms(2 ** 25, 6) * 1)));
    expect(twoWay[1]).toBe(f(1 * f(inverseRms(2 ** 25 + 4, 6) * 1)));
    expect(twoWay[1]).not.toBe(sequential[1]);
  });

  it('on random data: one accumulator is the sequential sum; other counts change bits, each reproducibly', () => {
    const rng = seedrandom('rmsnorm');
    const size = 768;
    const x = Float32Array.from({ length: size }, () => (rng() * 2 - 1) * 3);
    const weight = Float32Array.from({ length: size }, () => 0.9 + 0.2 * rng());
    let ss = 0;
    for (let j = 0; j < size; j++) ss = f(ss + f(x[j] * x[j]));
    const scale = inverseRms(ss, size);
    const reference = Float32Array.from(x, (v, j) => f(weight[j] * f(scale * v)));
    const run = (accumulators: number) => {
      const out = new Float32Array(size);
      rmsnorm(out, x, weight, 0, size, accumulators);
      return out;
    };
    expect(bytes(run(1)).equals(bytes(reference))).toBe(true);
    for (const accumulators of [2, 4, 16]) {
      expect(bytes(run(accumulators)).equals(bytes(run(1))), `${accumulators}`).toBe(false);
      expect(bytes(run(accumulators)).equals(bytes(run(accumulators))), `${accumulators}`).toBe(true);
      run(accumulators).forEach((v, j) => expect(v).toBeCloseTo(reference[j], 5));
    }
  });
});
