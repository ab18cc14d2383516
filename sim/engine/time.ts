// Simulated time is an integer number of picoseconds held in a plain JS number. Integers are exact up to
// 2^53, so the engine represents up to 2^53 ps = 9,007 s, about 2.5 hours of simulated time: far beyond a
// decode step (milliseconds). Scheduling past that limit fails with a clear error instead of silently
// losing picoseconds.

import { FpgasimError } from '../../kernels/errors.js';

export const PS_PER_S = 1e12;

/** The last picosecond the engine can represent exactly (2^53 - 1). */
export const MAX_TIME_PS = Number.MAX_SAFE_INTEGER;

/**
 * Throws unless delayPs is a whole, non-negative number of picoseconds (a fractional delay is a bug).
 * Takes the event rather than its description so the hot path builds no string.
 */
export function checkDelayPs(delayPs: number, event: { describe(): string }): void {
  if (!Number.isInteger(delayPs) || delayPs < 0) {
    throw new Error(`${event.describe()}: delay ${delayPs} ps must be a whole, non-negative number of picoseconds`);
  }
}

/** Throws FpgasimError when timePs is beyond what the engine represents exactly. */
export function checkTimePs(timePs: number): void {
  if (timePs > MAX_TIME_PS) {
    throw new FpgasimError(
      `simulated time ${timePs} ps is beyond 2^53 ps (about 2.5 hours), the last time the engine represents exactly`,
    );
  }
}

/**
 * Rounds a fractional duration up to whole picoseconds, forgiving float noise: a duration computed as
 * 131072000.00000001 ps (bytes / rate with an inexact rate) is 131072000 ps, not 131072001.
 */
export function ceilPs(durationPs: number): number {
  return Math.ceil(durationPs - (1e-6 + 1e-12 * durationPs));
}

/** Seconds to whole picoseconds, rounded to nearest. */
export function secondsToPs(seconds: number): number {
  return Math.round(seconds * PS_PER_S);
}
