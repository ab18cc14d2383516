import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../../kernels/errors.js';
import { parseSeed, Xorshift64Star } from '../../../kernels/sampling/xorshift.js';

describe('Xorshift64Star (llama2.c random_u32 / random_f32)', () => {
  it('reproduces the first draw for seed 1, worked out by hand', () => {
    // state = 1
    //   state ^= state >> 12  -> 1 ^ 0              = 0x1
    //   state ^= state << 25  -> 0x1 ^ 0x2000000    = 0x2000001
    //   state ^= state >> 27  -> 0x2000001 ^ 0      = 0x2000001          (2^25 + 1)
    // state * M mod 2^64 = (M << 25) + M mod 2^64, with M = 0x2545F4914F6CDD1D:
    //   M << 25 mod 2^64 = 0x229ED9BA3A000000
    //   + M              = 0x47E4CE4B896CDD1D   (the sum does not wrap)
    //   >> 32            = 0x47E4CE4B = 1206177355
    // f32 = (1206177355 >> 8) / 2^24 = 4711630 / 16777216 = 0.28083503246307373 (exact in binary32)
    const rng = new Xorshift64Star(1);
    expect(rng.u32()).toBe(1206177355);
    expect(rng.stateU64).toBe(0x2000001n);
    // Second draw from state 0x2000001:
    //   ^= >> 12 -> 0x2000001 ^ 0x2000            = 0x2002001
    //   ^= << 25 -> 0x2002001 ^ 0x4004002000000   = 0x4004000002001
    //   ^= >> 27 -> 0x4004000002001 ^ 0x800800    = 0x4004000802801
    //   * M mod 2^64 = 0xABCFA6A8E079651D, >> 32 = 0xABCFA6A8 = 2882512552
    expect(rng.u32()).toBe(2882512552);
    expect(rng.stateU64).toBe(0x4004000802801n);
  });

  it('gives the same values as llama2.c compiled with gcc', () => {
    // First five random_u32 and random_f32 values printed by llama2.c's two functions compiled with
    // gcc 12 (x86-64), for seeds 42 and 2^64 - 1.
    const u42 = new Xorshift64Star(42);
    expect([u42.u32(), u42.u32(), u42.u32(), u42.u32(), u42.u32()]).toEqual([
      1456360119, 3359763283, 3393612768, 4054632243, 3283045847,
    ]);
    expect(u42.stateU64).toBe(6045135835962859838n);
    const top = new Xorshift64Star('18446744073709551615');
    expect([top.u32(), top.u32(), top.u32()]).toEqual([4180462053, 2415166680, 879531507]);
    const f1 = new Xorshift64Star(1);
    expect([f1.f32(), f1.f32()]).toEqual([4711630 / 16777216, 11259814 / 16777216]);
    const f1337 = new Xorshift64Star(1337n);
    const coins = [f1337.f32(), f1337.f32(), f1337.f32()];
    // gcc printed 0.230317235 0.19051826 0.310865164 (%.9g of the float)
    expect(coins.map((c) => Number(c.toPrecision(9)))).toEqual([0.230317235, 0.19051826, 0.310865164]);
    for (const c of coins) expect(Math.fround(c)).toBe(c);
  });

  it('keeps seed 0 at state 0: every draw is 0 (llama2.c run.c swaps seed 0 for the time)', () => {
    const rng = new Xorshift64Star(0);
    for (let i = 0; i < 5; i++) expect(rng.f32()).toBe(0);
    expect(rng.stateU64).toBe(0n);
  });

  it('accepts seeds as number, bigint or decimal string, and refuses others with one line', () => {
    expect(parseSeed(7)).toBe(7n);
    expect(parseSeed('12345678901234567890')).toBe(12345678901234567890n);
    expect(parseSeed(2n ** 64n - 1n)).toBe(2n ** 64n - 1n);
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60, '-3', '0x10', '', 2n ** 64n, '18446744073709551616']) {
      expect(() => parseSeed(bad)).toThrow(FpgasimError);
    }
    expect(() => parseSeed(-1)).toThrow('seed: must be an integer from 0 to 2^64 - 1 (18446744073709551615), got -1');
  });
});
