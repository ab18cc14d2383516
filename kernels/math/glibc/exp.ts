// e^x in binary32 as glibc (2.28 and later) computes expf: Arm's optimized-routines algorithm (MIT),
// ARM-software/optimized-routines math/expf.c, copied into glibc as sysdeps/ieee754/flt-32/e_expf.c.
// Written again here from that algorithm and its constants; the C++ twin is fpgasim_glibc_expf in
// kernels/hls/include/fpgasim_math_glibc.h.
//
//   1. z = x * 32/ln2 in double; k = z rounded to the nearest integer (ties to even, by the 1.5 * 2^52
//      shift), r = z - k, so |r| <= 1/2 and x = (k + r) ln2 / 32.
//   2. e^x = 2^(k/32) * 2^(r/32): 2^(k/32) = EXP2_TABLE[k mod 32] * 2^floor(k/32), exact; 2^(r/32) by a cubic
//      in r whose coefficients are exp2f_data.c's scaled by 32^-3, 32^-2, 32^-1 (exact scalings).
//   3. One rounding of the double result to binary32.
// Every double operation rounds once to nearest even and none is fused: glibc's SSE2 build. glibc's FMA
// build (picked at run time on x86-64 CPUs with FMA and AVX2) fuses the cubic's multiply-adds and differs
// on a few inputs (kernels/math/README.md lists them).

import { f32FromHex } from '../f32.js';
import { EXP2_POLY, EXP2_TABLE, EXP2_TABLE_BITS, EXP2_TABLE_SIZE, ROUND_SHIFT } from './exp2-table.js';
import { f64, f64FromHex as h, integerOf, scaleByPow2 } from './f64.js';

const f32 = Math.fround;

const INV_LN2_SCALED = h('0x1.71547652b82fep0') * EXP2_TABLE_SIZE;
const C0 = EXP2_POLY[0] / EXP2_TABLE_SIZE ** 3;
const C1 = EXP2_POLY[1] / EXP2_TABLE_SIZE ** 2;
const C2 = EXP2_POLY[2] / EXP2_TABLE_SIZE;

/** Above this e^x overflows to +Infinity (glibc: x > log(0x1p128)). */
const OVERFLOW_X = f32FromHex('0x1.62e42ep6');
/** Below this e^x underflows to +0 (glibc: x < log(0x1p-150)). */
const UNDERFLOW_X = f32FromHex('-0x1.9fe368p6');
/** Below this (and above UNDERFLOW_X) glibc returns the smallest subnormal (__math_may_uflowf). */
const MAY_UNDERFLOW_X = f32FromHex('-0x1.9d1d9ep6');
const SMALLEST_SUBNORMAL = f32FromHex('0x1p-149');

/** expf(x) as glibc's non-FMA build returns it, for any binary32 x (NaN in, NaN out). */
export function expGlibc(x: number): number {
  // glibc tests the top 12 bits of |x| against those of 88.0f: the same as |x| >= 88 or NaN
  if (!(x < 88 && x > -88)) {
    if (x === -Infinity) return 0;
    if (!(x < Infinity)) return x + x; // +Infinity or NaN
    if (x > OVERFLOW_X) return Infinity;
    if (x < UNDERFLOW_X) return 0;
    if (x < MAY_UNDERFLOW_X) return SMALLEST_SUBNORMAL;
  }
  const xd = f64(x);
  const z = INV_LN2_SCALED * xd;
  const kd = z + ROUND_SHIFT - ROUND_SHIFT;
  const r = z - kd;
  const k = integerOf(kd); // in [-150 * 32, 128 * 32]
  const s = scaleByPow2(EXP2_TABLE[k & (EXP2_TABLE_SIZE - 1)], k >> EXP2_TABLE_BITS);
  const c = C0 * r + C1;
  const r2 = r * r;
  const y = (c * r2 + (C2 * r + 1)) * s;
  return f32(y);
}
