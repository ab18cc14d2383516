// sin x and cos x in binary32, the project's own algorithm (DESIGN.md, "numeric contract"); the C++ twins
// are fpgasim_sinf and fpgasim_cosf in kernels/hls/include/fpgasim_math.h, step for step.
//
//   1. Work on |x| (sin is odd, cos even) and find k = nearest integer to |x| / (pi/2), so
//      |x| = k pi/2 + r with |r| <= pi/4. cos x is sin(|x| + pi/2): the same r, quadrant k + 1.
//   2. r = |x| - k (P1 + P2 + P3 + P4 + P5), pi/2 split in five binary32 parts (Cody-Waite). P1..P4 have at
//      most 12 significant bits and k < 2^12, so every k * Pi is exact; |x| - k P1 and then - k P2 are exact
//      (the operands are close, the result below 1 on a 2^-24 grid); the next two subtractions keep their
//      rounding errors (twoSumError), so r is carried as rHi + rLo. This matters: over |x| <= 4096 some
//      binary32 x lie within 2^-27.8 of a multiple of pi/2, and r must be right to a few parts in 2^24.
//   3. sin r = r + r^3 S(r^2), cos r = 1 - r^2/2 + r^4 C(r^2) (Cephes sinf/cosf coefficients), with the
//      rLo correction (sin(rHi + rLo) ~ sin rHi + rLo, cos(rHi + rLo) ~ cos rHi - rHi rLo) and the rounding
//      error of 1 - r^2/2 added back.
//   4. Quadrant (k + shift) mod 4 picks sin r, cos r, -sin r or -cos r; sin of a negative x is negated.
//
// Valid for |x| <= SIN_COS_MAX_ABS_X (k < 2^12 keeps step 2 exact); RoPE needs |pos * freq| < 4096.
// Larger |x|, Infinity and NaN give NaN: the model never asks for them, and a silent inaccurate value
// would be worse. Worst error measured: see test/kernels/math/sincos.test.ts.

import { f32Bits, f32FromHex } from './f32.js';
import { ROUND_MAGIC } from './exp.js';
import { fastTwoSumError, twoSumError } from './error-free.js';

const f32 = Math.fround;

/** Largest |x| sinF32 and cosF32 accept: |x| * 2/pi rounds to at most 4095 = 2^12 - 1. */
export const SIN_COS_MAX_ABS_X = 6432;

const TWO_OVER_PI = f32FromHex('0x1.45f306p-1');
const PIO2_1 = f32FromHex('0x1.92p0'); // pi/2 to 2^-11
const PIO2_2 = f32FromHex('0x1.fb4p-12'); // the next bits, to 2^-23
const PIO2_3 = f32FromHex('0x1.444p-24'); // to 2^-35
const PIO2_4 = f32FromHex('0x1.68p-39'); // to 2^-47
const PIO2_5 = f32FromHex('0x1.84698ap-48'); // the rest, rounded

const S1 = f32FromHex('-0x1.9943f2p-13');
const S2 = f32FromHex('0x1.11073cp-7');
const S3 = f32FromHex('-0x1.555546p-3');
const C1 = f32FromHex('0x1.99eb9cp-16');
const C2 = f32FromHex('-0x1.6c0c34p-10');
const C3 = f32FromHex('0x1.55554ap-5');

/** sin x for a binary32 x with |x| <= SIN_COS_MAX_ABS_X; NaN outside. */
export function sinF32(x: number): number {
  return sinShifted(x, 0, f32Bits(x) < 0); // the sign bit, so that sin(-0) = -0
}

/** cos x for a binary32 x with |x| <= SIN_COS_MAX_ABS_X; NaN outside. */
export function cosF32(x: number): number {
  return sinShifted(x, 1, false);
}

/** sin(|x| + quarterTurns * pi/2), negated if negate: steps 1 to 4 above. NaN is never negated. */
function sinShifted(x: number, quarterTurns: number, negate: boolean): number {
  const ax = x < 0 ? -x : x;
  if (!(ax <= SIN_COS_MAX_ABS_X)) return NaN;
  const k = f32(f32(f32(ax * TWO_OVER_PI) + ROUND_MAGIC) - ROUND_MAGIC);

  const a2 = f32(f32(ax - f32(k * PIO2_1)) - f32(k * PIO2_2));
  const kP3 = f32(k * PIO2_3);
  const a3 = f32(a2 - kP3);
  const a3Err = twoSumError(a2, -kP3, a3);
  const kP4 = f32(k * PIO2_4);
  const a4 = f32(a3 - kP4);
  const a4Err = twoSumError(a3, -kP4, a4);
  const lo = f32(f32(a3Err + a4Err) - f32(k * PIO2_5));
  const rHi = f32(a4 + lo);
  const rLo = fastTwoSumError(a4, lo, rHi);

  const quadrant = (Math.trunc(k) + quarterTurns) & 3;
  const value = quadrant & 1 ? cosReduced(rHi, rLo) : sinReduced(rHi, rLo);
  return ((quadrant & 2) !== 0) !== negate ? -value : value;
}

/** sin(r + rLo) for |r| <= pi/4, |rLo| <= ulp(r). */
function sinReduced(r: number, rLo: number): number {
  const z = f32(r * r);
  const s = f32(f32(f32(f32(S1 * z) + S2) * z) + S3);
  return f32(r + f32(f32(f32(s * z) * r) + rLo));
}

/** cos(r + rLo) for |r| <= pi/4, |rLo| <= ulp(r). */
function cosReduced(r: number, rLo: number): number {
  const z = f32(r * r);
  const c = f32(f32(f32(f32(C1 * z) + C2) * z) + C3);
  const halfZ = f32(0.5 * z);
  const w = f32(1 - halfZ);
  const wErr = fastTwoSumError(1, -halfZ, w); // the rounding error of 1 - z/2, added back below
  const tail = f32(f32(wErr + f32(f32(c * z) * z)) - f32(r * rLo));
  return f32(w + tail);
}
