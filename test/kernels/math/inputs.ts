// Seeded binary32 inputs for the accuracy and equivalence tests of kernels/math.

import type { PRNG } from 'seedrandom';

/** count binary32 values uniform in [lo, hi]. */
export function uniformF32(rng: PRNG, count: number, lo: number, hi: number): number[] {
  return Array.from({ length: count }, () => Math.fround(lo + (hi - lo) * rng()));
}

/** count binary32 values with magnitude log-uniform in [minAbs, maxAbs] and a random sign. */
export function logUniformF32(rng: PRNG, count: number, minAbs: number, maxAbs: number): number[] {
  const logMin = Math.log(minAbs);
  const logMax = Math.log(maxAbs);
  return Array.from({ length: count }, () => {
    const magnitude = Math.exp(logMin + (logMax - logMin) * rng());
    return Math.fround(rng() < 0.5 ? -magnitude : magnitude);
  });
}

/** The binary32 values within radius ulps of center (a binary32 value), center included. */
export function ulpNeighbours(center: number, radius: number): number[] {
  const bits = new Int32Array(new Float32Array([center]).buffer)[0];
  const neighbours = new Int32Array(2 * radius + 1).map((_, i) => bits - radius + i);
  return Array.from(new Float32Array(neighbours.buffer));
}
