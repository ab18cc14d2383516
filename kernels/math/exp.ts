// e^x in binary32, the project's own algorithm (DESIGN.md, "numeric contract"); the C++ twin is
// fpgasim_expf in kernels/hls/include/fpgasim_math.h, step for step.
//
//   1. k = nearest integer to x / ln2 (by the 1.5 * 2^23 rounding trick), so x = k ln2 + r, |r| <= ln2/2.
//   2. r = (x - k LN2_HI) - k LN2_LO (Cody-Waite): LN2_HI has 15 significant bits and |k| <= 150 needs 8,
//      so k LN2_HI is exact, and so is the subtraction (x and k LN2_HI are close). The rounding error of
//      the last subtraction is kept as rLo (twoSumError).
//   3. e^r = 1 + r + r^2 P(r), P of degree 5 (Cephes expf coefficients), summed as
//      (1 + r) + ((r^2 P + rLo) + the rounding error of 1 + r): only the final addition and the small
//      terms round, so the result is within about 0.52 ulp before step 4.
//   4. e^x = e^r * 2^k1 * 2^k2 with k1 + k2 = k, both halves normal powers of two: the first product is
//      exact, the second rounds once, so results that overflow become +Infinity and results in the
//      subnormal range are rounded once from e^r, never twice.
// powF32 enters at step 1 with its argument y ln x as a pair hi + lo (expF32Sum); expF32 is lo = 0.
// Every step is one binary32 operation rounded to nearest even. Worst error measured against the
// correctly rounded result over [-104, 88.75]: see test/kernels/math/exp.test.ts.

import { f32FromHex, pow2F32 } from './f32.js';
import { fastTwoSumError, twoSumError } from './error-free.js';

const f32 = Math.fround;

/** Above this, e^x rounds to +Infinity (the exact threshold is 88.7228...; between them step 4 overflows). */
export const EXP_MAX_X = f32FromHex('0x1.63p6'); // 88.75
/** Below this, e^x rounds to +0 (e^x < 2^-150, half the smallest subnormal, below x = -103.97...). */
export const EXP_MIN_X = f32FromHex('-0x1.ap6'); // -104

export const INV_LN2 = f32FromHex('0x1.715476p0');
export const LN2_HI = f32FromHex('0x1.62e4p-1');
export const LN2_LO = f32FromHex('0x1.7f7d1cp-20');
/** f32(f32(v + ROUND_MAGIC) - ROUND_MAGIC) is v rounded to the nearest integer (ties to even), |v| < 2^22. */
export const ROUND_MAGIC = f32FromHex('0x1.8p23');

const P0 = f32FromHex('0x1.a0d2cep-13');
const P1 = f32FromHex('0x1.6e879cp-10');
const P2 = f32FromHex('0x1.11121p-7');
const P3 = f32FromHex('0x1.555382p-5');
const P4 = f32FromHex('0x1.555554p-3');
const P5 = f32FromHex('0x1p-1');

/** e^x for a binary32 x; +Infinity above EXP_MAX_X, +0 below EXP_MIN_X, NaN for NaN. */
export function expF32(x: number): number {
  return expF32Sum(x, 0);
}

/**
 * e^(hi + lo) for binary32 hi and a small correction lo (|lo| <= ulp(hi); powF32 passes y ln x as such a
 * pair). lo is only read when hi is within [EXP_MIN_X, EXP_MAX_X].
 */
export function expF32Sum(hi: number, lo: number): number {
  if (hi > EXP_MAX_X) return Infinity;
  if (hi < EXP_MIN_X) return 0;
  if (Number.isNaN(hi)) return NaN;

  // 1, 2. hi + lo = k ln2 + r + rLo
  const k = f32(f32(f32(hi * INV_LN2) + ROUND_MAGIC) - ROUND_MAGIC);
  const a = f32(hi - f32(k * LN2_HI)); // exact
  const c = f32(f32(k * LN2_LO) - lo); // |c| < 2^-12: its rounding error is far below the result's ulp
  const r = f32(a - c);
  const rLo = twoSumError(a, -c, r);

  // 3. e^(r + rLo) = (1 + r) + (r^2 P(r) + rLo), with the rounding error of 1 + r added back
  const z = f32(r * r);
  let p = P0;
  p = f32(f32(p * r) + P1);
  p = f32(f32(p * r) + P2);
  p = f32(f32(p * r) + P3);
  p = f32(f32(p * r) + P4);
  p = f32(f32(p * r) + P5);
  const onePlusR = f32(1 + r);
  const tail = f32(f32(f32(p * z) + rLo) + fastTwoSumError(1, r, onePlusR));
  const expR = f32(onePlusR + tail);

  // 4. e^(r + rLo) * 2^k in two exact-then-once-rounded steps
  const ki = Math.trunc(k);
  const k1 = Math.trunc(ki / 2);
  return f32(f32(expR * pow2F32(k1)) * pow2F32(ki - k1));
}
