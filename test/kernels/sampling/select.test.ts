import { describe, expect, it } from 'vitest';
import { sampleArgmax, sampleMultinomial, sampleTopP } from '../../../kernels/sampling/select.js';

// Expected choices below were printed by llama2.c's sample_mult / sample_topp (the final run.c, coin as
// an argument) compiled with gcc 12 against glibc 2.36, for the same float32 inputs.
const f32 = (values: number[]) => Float32Array.from(values);
const coins = [0, 0.05, 0.1, 0.2999, 0.3, 0.35, 0.5, 0.64, 0.65, 0.99, 0.9999999].map(Math.fround);
const probabilities = f32([0.1, 0.2, 0.05, 0.3, 0.15, 0.2]);

describe('sampleArgmax', () => {
  it('returns the first index of the maximum', () => {
    expect(sampleArgmax(f32([-3, 7.5, -1, 7.5, 2]), 5)).toBe(1);
    expect(sampleArgmax(f32([-5, -2, -9]), 3)).toBe(1);
    expect(sampleArgmax(f32([-Infinity, -Infinity]), 2)).toBe(0);
    expect(sampleArgmax(f32([1, 2, 3, 99]), 3)).toBe(2); // only the first n values count
  });
});

describe('sampleMultinomial', () => {
  it('picks the first index whose float32 running sum exceeds the coin, as llama2.c', () => {
    // Running sums 0.1, 0.3, 0.35, 0.65, 0.8, 1.0; a coin equal to a sum goes to the next index (coin < cdf).
    expect(coins.map((coin) => sampleMultinomial(probabilities, 6, coin))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 3, 5, 5]);
  });

  it('falls back to the last index when the running sum never exceeds the coin', () => {
    expect(sampleMultinomial(f32([0.25, 0.25, 0.25, 0.2]), 4, Math.fround(0.99))).toBe(3);
  });
});

describe('sampleTopP', () => {
  const order = new Int32Array(16);

  it('keeps the smallest most likely set whose sum exceeds topp (0.9: drops 0.1 and 0.05)', () => {
    // Sorted: 3 (0.3), 1 (0.2), 5 (0.2), 4 (0.15) -> 0.85, then 0 (0.1) -> 0.95 > 0.9; r = coin * 0.95.
    const chosen = coins.map((coin) => sampleTopP(probabilities, 6, Math.fround(0.9), coin, order));
    expect(chosen).toEqual([3, 3, 3, 3, 3, 1, 1, 5, 5, 0, 0]);
    expect(chosen).not.toContain(2); // 0.05 is below the nucleus
  });

  it('applies the (1 - topp) / (n - 1) cutoff before sorting', () => {
    // topp 0.6: cutoff 0.08 drops 0.05; sums 0.3, 0.5, 0.7 > 0.6 -> nucleus {3, 1, 5}.
    const chosen = coins.map((coin) => sampleTopP(probabilities, 6, Math.fround(0.6), coin, order));
    expect(chosen).toEqual([3, 3, 3, 3, 3, 3, 1, 1, 1, 5, 5]);
  });

  it('orders equal probabilities by index (glibc qsort is a stable merge sort)', () => {
    const tieCoins = [0, 0.4, 0.49, 0.5, 0.6, 0.99].map(Math.fround);
    // 0.3 at indices 1 and 3: index 1 comes first.
    const pairs = f32([0.1, 0.3, 0.1, 0.3, 0.2]);
    expect(tieCoins.map((coin) => sampleTopP(pairs, 5, Math.fround(0.5), coin, order))).toEqual([1, 1, 1, 3, 3, 3]);
    // Eight tokens of 0.125: the nucleus is indices 0..4 in index order (0.625 > 0.5), r = coin * 0.625.
    const flat = new Float32Array(8).fill(0.125);
    expect(tieCoins.map((coin) => sampleTopP(flat, 8, Math.fround(0.5), coin, order))).toEqual([0, 2, 2, 2, 3, 4]);
  });

  it('returns the argmax when nothing reaches the cutoff (llama2.c reads out of bounds there)', () => {
    // topp 0.01 over two tokens: cutoff 0.99 keeps neither 0.45 nor 0.55.
    expect(sampleTopP(f32([0.45, 0.55]), 2, Math.fround(0.01), 0.5, order)).toBe(1);
  });
});
