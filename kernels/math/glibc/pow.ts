// x^y in binary32 as glibc (2.28 and later) computes powf: Arm's optimized-routines algorithm (MIT),
// ARM-software/optimized-routines math/powf.c and math/powf_log2_data.c, copied into glibc as
// sysdeps/ieee754/flt-32/e_powf.c and e_powf_log2_data.c. Written again here from that algorithm and its
// constants; the C++ twin is fpgasim_glibc_powf in kernels/hls/include/fpgasim_math_glibc.h.
// llama2.c's RoPE asks for powf(10000, i / head_size), the exponent in [0, 1).
//
//   1. Special inputs (x or y zero, infinite, NaN; x negative or subnormal) as powf.c sorts them.
//   2. log2 x in double: x = 2^k z with z in [0x3f330000, 2 * 0x3f330000) (as binary32 bits), c the centre
//      of z's sixteenth of that range (POWF_LOG2_TABLE_BITS = 4): log2 x = k + log2 c + log1p(z/c - 1)/ln2,
//      the last by a degree-5 polynomial (log2Inline).
//   3. 2^(y log2 x) in double (exp2Inline: the 32-entry table and cubic that expf uses, with x unscaled),
//      the sign of a negative x with odd integer y put in by flipping the scale's sign; one rounding.
// Every double operation rounds once to nearest even and none is fused: glibc's SSE2 build (its FMA build
// fuses the multiply-adds; kernels/math/README.md says what differs).

import { f32Bits, f32FromBits, f32FromHex } from '../f32.js';
import { EXP2_POLY, EXP2_TABLE, EXP2_TABLE_BITS, EXP2_TABLE_SIZE, ROUND_SHIFT } from './exp2-table.js';
import { f64, f64FromHex as h, integerOf, intToF64, scaleByPow2 } from './f64.js';

const f32 = Math.fround;

const LOG2_TABLE_BITS = 4;
/** Bits of 0x1.66p-1 (about 0.7): z = x / 2^k is kept in [OFF, 2 OFF) so log2 z is near zero. */
const OFF = 0x3f330000;

/** 1/c and log2 c for the 16 subintervals (powf_log2_data.c, POWF_SCALE = 1 as on x86-64). */
const INV_C = Float64Array.from(
  [
    '0x1.661ec79f8f3bep0', '0x1.571ed4aaf883dp0', '0x1.49539f0f010bp0', '0x1.3c995b0b80385p0',
    '0x1.30d190c8864a5p0', '0x1.25e227b0b8eap0', '0x1.1bb4a4a1a343fp0', '0x1.12358f08ae5bap0',
    '0x1.0953f419900a7p0', '0x1p0', '0x1.e608cfd9a47acp-1', '0x1.ca4b31f026aap-1',
    '0x1.b2036576afce6p-1', '0x1.9c2d163a1aa2dp-1', '0x1.886e6037841edp-1', '0x1.767dcf5534862p-1',
  ],
  h,
);
const LOG2_C = Float64Array.from(
  [
    '-0x1.efec65b963019p-2', '-0x1.b0b6832d4fca4p-2', '-0x1.7418b0a1fb77bp-2', '-0x1.39de91a6dcf7bp-2',
    '-0x1.01d9bf3f2b631p-2', '-0x1.97c1d1b3b7afp-3', '-0x1.2f9e393af3c9fp-3', '-0x1.960cbbf788d5cp-4',
    '-0x1.a6f9db6475fcep-5', '0x0p0', '0x1.338ca9f24f53dp-4', '0x1.476a9543891bap-3',
    '0x1.e840b4ac4e4d2p-3', '0x1.40645f0c6651cp-2', '0x1.88e9c2c1b9ff8p-2', '0x1.ce0a44eb17bccp-2',
  ],
  h,
);
/** log1p(r)/ln2 ~ A4 r + A3 r^2 + A2 r^3 + A1 r^4 + A0 r^5 (powf_log2_data.c's poly). */
const A0 = h('0x1.27616c9496e0bp-2');
const A1 = h('-0x1.71969a075c67ap-2');
const A2 = h('0x1.ec70a6ca7baddp-2');
const A3 = h('-0x1.7154748bef6c8p-1');
const A4 = h('0x1.71547652ab82bp0');

/** The exponent for exp2Inline: k/32 rounded by adding and subtracting 1.5 * 2^52 / 32. */
const SHIFT_SCALED = ROUND_SHIFT / EXP2_TABLE_SIZE;
/** Beyond these y log2 x the result overflows to Infinity or underflows (powf.c's thresholds). */
const OVERFLOW_YLOGX = h('0x1.fffffffd1d571p6');
const SMALLEST_SUBNORMAL = f32FromHex('0x1p-149');
const SUBNORMAL_SCALE = f32FromHex('0x1p23');

const SIGN_BIT = 0x80000000;
const BITS_ONE = 0x3f800000;
const BITS_INFINITY = 0x7f800000;

/** powf(x, y) as glibc's non-FMA build returns it, for any binary32 x and y. */
export function powGlibc(x: number, y: number): number {
  let negative = false; // the result's sign (glibc's sign_bias)
  let ix = f32Bits(x) >>> 0;
  const iy = f32Bits(y) >>> 0;
  if (((ix - 0x00800000) >>> 0) >= BITS_INFINITY - 0x00800000 || zeroInfNaN(iy)) {
    // x < 2^-126 (or negative), infinite or NaN; or y zero, infinite or NaN
    if (zeroInfNaN(iy)) {
      if (((2 * iy) >>> 0) === 0) return isSignalingNaN(ix) ? x + y : 1;
      if (ix === BITS_ONE) return isSignalingNaN(iy) ? x + y : 1;
      if (((2 * ix) >>> 0) > 2 * BITS_INFINITY || ((2 * iy) >>> 0) > 2 * BITS_INFINITY) return x + y;
      if (((2 * ix) >>> 0) === 2 * BITS_ONE) return 1;
      if ((((2 * ix) >>> 0) < 2 * BITS_ONE) === !(iy & SIGN_BIT)) return 0; // |x| < 1, y = +inf, or |x| > 1, y = -inf
      return f32(y * y); // +Infinity
    }
    if (zeroInfNaN(ix)) {
      let x2 = f32(x * x);
      if (ix & SIGN_BIT && integerKind(iy) === ODD) x2 = -x2;
      return iy & SIGN_BIT ? f32(1 / x2) : x2;
    }
    // x and y are nonzero and finite
    if (ix & SIGN_BIT) {
      const kind = integerKind(iy);
      if (kind === NOT_INTEGER) return NaN; // glibc's __math_invalidf
      negative = kind === ODD;
      ix &= 0x7fffffff;
    }
    if (ix < 0x00800000) {
      // a subnormal x: normalize so that its biased exponent becomes negative
      ix = (f32Bits(f32(x * SUBNORMAL_SCALE)) & 0x7fffffff) >>> 0;
      ix = (ix - (23 << 23)) >>> 0;
    }
  }
  const ylogx = f64(y) * log2Inline(ix);
  // glibc compares the top bits of |ylogx| (exponent and 5 fraction bits) with those of 126.0: the same as
  // |ylogx| >= 126, since 126 = 0b1.11111 * 2^6
  if (!(ylogx < 126 && ylogx > -126)) {
    if (ylogx > OVERFLOW_YLOGX) return negative ? -Infinity : Infinity;
    // (glibc's next test, for results that round away from zero in directed rounding modes, is false
    // when rounding to nearest)
    if (ylogx <= -150) return negative ? -0 : 0;
    if (ylogx < -149) return negative ? -SMALLEST_SUBNORMAL : SMALLEST_SUBNORMAL; // __math_may_uflowf
  }
  return f32(exp2Inline(ylogx, negative));
}

/** log2 of the binary32 value with bits ix (ix's biased exponent may be negative, see above): powf.c log2_inline. */
function log2Inline(ix: number): number {
  const tmp = (ix - OFF) >>> 0;
  const i = (tmp >>> (23 - LOG2_TABLE_BITS)) & ((1 << LOG2_TABLE_BITS) - 1);
  const top = (tmp & 0xff800000) >>> 0;
  const z = f64(f32FromBits((ix - top) | 0));
  const k = top >> 23; // arithmetic shift of the int32
  const r = z * INV_C[i] - 1;
  const y0 = LOG2_C[i] + intToF64(k);
  const r2 = r * r;
  const y = A0 * r + A1;
  const p = A2 * r + A3;
  const r4 = r2 * r2;
  const q = p * r2 + (A4 * r + y0);
  return y * r4 + q;
}

/** 2^xd for xd in (-150, 128), negated if negative: powf.c exp2_inline without TOINT_INTRINSICS. */
function exp2Inline(xd: number, negative: boolean): number {
  const kd = xd + SHIFT_SCALED - SHIFT_SCALED; // xd rounded to a multiple of 1/32
  const r = xd - kd;
  const k = integerOf(kd * EXP2_TABLE_SIZE); // exact
  const scale = scaleByPow2(EXP2_TABLE[k & (EXP2_TABLE_SIZE - 1)], k >> EXP2_TABLE_BITS);
  const s = negative ? -scale : scale; // glibc adds the sign bit into the scale's bits
  const z = EXP2_POLY[0] * r + EXP2_POLY[1];
  const r2 = r * r;
  const y = z * r2 + (EXP2_POLY[2] * r + 1);
  return y * s;
}

const NOT_INTEGER = 0;
const ODD = 1;
const EVEN = 2;

/** Whether the nonzero finite binary32 with bits iy is an odd integer, an even one or not one (powf.c checkint). */
function integerKind(iy: number): number {
  const e = (iy >>> 23) & 0xff;
  if (e < 0x7f) return NOT_INTEGER;
  if (e > 0x7f + 23) return EVEN;
  if (iy & ((1 << (0x7f + 23 - e)) - 1)) return NOT_INTEGER;
  if (iy & (1 << (0x7f + 23 - e))) return ODD;
  return EVEN;
}

/** x is +-0, +-Infinity or NaN, from its bits (powf.c zeroinfnan). */
function zeroInfNaN(bits: number): boolean {
  return ((2 * bits - 1) >>> 0) >= 2 * BITS_INFINITY - 1;
}

/** A NaN whose quiet bit is clear (glibc's issignalingf_inline). */
function isSignalingNaN(bits: number): boolean {
  return ((bits ^ 0x00400000) & 0x7fffffff) >>> 0 > 0x7fc00000;
}
