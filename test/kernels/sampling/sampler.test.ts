import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../../kernels/errors.js';
import { Sampler } from '../../../kernels/sampling/sampler.js';
import { softmax } from '../../../kernels/softmax.js';

// The first five coins (random_f32) for seed 1, from xorshift.test.ts and llama2.c compiled with gcc:
// 0.2808, 0.6711, 0.7258, 0.3035, 0.0562.
const draw = (sampler: Sampler, logits: number[], count: number) =>
  Array.from({ length: count }, () => sampler.sample(Float32Array.from(logits)));

describe('Sampler', () => {
  it('takes the first maximum at temperature 0 and leaves the logits alone', () => {
    const sampler = new Sampler({ vocabSize: 6, temperature: 0, topp: 0.9, seed: 1 });
    const logits = Float32Array.from([0.5, -1, 3.25, 3.25, 2, -7]);
    expect(sampler.sample(logits)).toBe(2);
    expect(Array.from(logits)).toEqual([0.5, -1, 3.25, 3.25, 2, -7]);
  });

  it('samples multinomially with top-p off: equal logits give floor(coin * 4)', () => {
    // softmax of four equal logits is exactly 0.25 each; running sums 0.25, 0.5, 0.75, 1.
    for (const topp of [0, 1]) {
      const sampler = new Sampler({ vocabSize: 4, temperature: 1, topp, seed: 1 });
      expect(draw(sampler, [3, 3, 3, 3], 5)).toEqual([1, 2, 2, 1, 0]);
    }
  });

  it('samples top-p from the nucleus, ties in index order', () => {
    // Six tokens share the mass equally (1/6), two get exp(-200) = 0 in binary32. topp 0.4: cutoff
    // 0.6 / 7 keeps the six; sums 1/6, 2/6, 3/6 > 0.4 -> nucleus = indices 0, 1, 3 (the first three by
    // index), total 0.5, r = coin * 0.5: 0.140 -> 0, 0.336 -> 3 (past 2/6), 0.363 -> 3, 0.152 -> 0, 0.028 -> 0.
    const sampler = new Sampler({ vocabSize: 8, temperature: 1, topp: 0.4, seed: 1 });
    expect(draw(sampler, [0, 0, -200, 0, 0, -200, 0, 0], 5)).toEqual([0, 3, 3, 0, 0]);
  });

  it('divides by the float32 temperature and leaves softmax probabilities in the logits', () => {
    const sampler = new Sampler({ vocabSize: 5, temperature: 0.7, topp: 0, seed: 9 });
    expect(sampler.temperature).toBe(Math.fround(0.7));
    const logits = Float32Array.from([1.5, -0.25, 0.75, 2, 0]);
    const expected = logits.map((x) => Math.fround(x / Math.fround(0.7)));
    softmax(expected, 5);
    sampler.sample(logits);
    expect(Array.from(logits)).toEqual(Array.from(expected));
    expect(logits.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('repeats a token sequence for the same seed and changes it for another (50-way distribution)', () => {
    const rng = seedrandom('sampler 50-way logits');
    const logits = Array.from({ length: 50 }, () => rng() * 4 - 2);
    const run = (seed: number | bigint | string, topp: number) =>
      draw(new Sampler({ vocabSize: 50, temperature: 1, topp, seed }), logits, 40);
    for (const topp of [0.9, 1]) {
      const first = run(42, topp);
      expect(run(42n, topp)).toEqual(first);
      expect(run('42', topp)).toEqual(first);
      expect(run(43, topp)).not.toEqual(first);
      expect(new Set(first).size).toBeGreaterThan(10); // really sampling, not stuck on one token
    }
  });

  it('with seed 0 every coin is 0: the first token with non-zero probability', () => {
    const sampler = new Sampler({ vocabSize: 3, temperature: 1, topp: 0, seed: 0 });
    expect(draw(sampler, [-200, 0, 5], 3)).toEqual([1, 1, 1]);
  });

  it('refuses bad settings with one line naming the field', () => {
    const ok = { vocabSize: 4, temperature: 1, topp: 0.9, seed: 1 };
    expect(() => new Sampler({ ...ok, temperature: -0.5 })).toThrow(
      'temperature: must be a finite number >= 0 (0 = greedy), got -0.5',
    );
    expect(() => new Sampler({ ...ok, temperature: Number.NaN })).toThrow(FpgasimError);
    expect(() => new Sampler({ ...ok, topp: 1.5 })).toThrow('topp: must be a number from 0 to 1, got 1.5');
    expect(() => new Sampler({ ...ok, seed: -1 })).toThrow('seed: must be an integer from 0 to 2^64 - 1');
    expect(() => new Sampler({ ...ok, seed: '2e5' })).toThrow(FpgasimError);
    expect(() => new Sampler({ ...ok, vocabSize: 0 })).toThrow('vocabSize: must be a positive integer, got 0');
    expect(() => new Sampler(ok).sample(new Float32Array(5))).toThrow('logits: expected 4 values (vocabSize), got 5');
  });
});
