// llama2.c's random number generator: xorshift64* (Marsaglia's xorshift with a multiplicative output
// scramble, https://en.wikipedia.org/wiki/Xorshift#xorshift*) on an unsigned 64-bit state.
//
//   state ^= state >> 12;  state ^= state << 25;  state ^= state >> 27;      (all mod 2^64)
//   random_u32 = (state * 0x2545F4914F6CDD1D mod 2^64) >> 32
//   random_f32 = (random_u32 >> 8) / 16777216.0f                              (24 random bits, in [0, 1))
//
// The state is a BigInt: the sampler draws one number per generated token, so exactness costs nothing
// that matters. Seed 0 is a fixed point of the xorshift steps: state 0 stays 0 and every draw is 0.
// llama2.c's command line never reaches that state (its run.c replaces seed 0 by time(NULL)); here the
// seed is taken literally, so seed 0 means "every coin is 0" and the choice is always the first token
// with non-zero probability. Choosing a time-based seed is the caller's business, not the kernel's.

import { check } from '../errors.js';

const MASK_64 = (1n << 64n) - 1n;
const SCRAMBLE = 0x2545f4914f6cdd1dn;

/** Validates a seed (number, bigint or decimal string) as an unsigned 64-bit integer. */
export function parseSeed(seed: number | bigint | string, field = 'seed'): bigint {
  let value: bigint | undefined;
  if (typeof seed === 'bigint') value = seed;
  else if (typeof seed === 'number' && Number.isSafeInteger(seed)) value = BigInt(seed);
  else if (typeof seed === 'string' && /^[0-9]+$/.test(seed)) value = BigInt(seed);
  check(
    value !== undefined && value >= 0n && value <= MASK_64,
    `${field}: must be an integer from 0 to 2^64 - 1 (18446744073709551615), got ${String(seed)}`,
  );
  return value;
}

export class Xorshift64Star {
  private state: bigint;

  constructor(seed: number | bigint | string) {
    this.state = parseSeed(seed);
  }

  /** The current 64-bit state (what llama2.c keeps in sampler->rng_state). */
  get stateU64(): bigint {
    return this.state;
  }

  /** llama2.c's random_u32: advances the state, returns an integer in [0, 2^32). */
  u32(): number {
    let s = this.state;
    s ^= s >> 12n;
    s = (s ^ (s << 25n)) & MASK_64;
    s ^= s >> 27n;
    this.state = s;
    return Number(((s * SCRAMBLE) & MASK_64) >> 32n);
  }

  /** llama2.c's random_f32: a float32 in [0, 1) with 24 random bits (the quotient is exact). */
  f32(): number {
    return (this.u32() >>> 8) / 16777216;
  }
}
