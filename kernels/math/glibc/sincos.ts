// sin x and cos x in binary32 as glibc (2.28 and later) computes sinf and cosf: Arm's optimized-routines
// algorithm (MIT), ARM-software/optimized-routines math/sinf.c, math/cosf.c, math/sincosf.h and
// math/sincosf_data.c, copied into glibc as sysdeps/ieee754/flt-32/s_sinf.c, s_cosf.c, s_sincosf.h,
// sincosf_poly.h and s_sincosf_data.c. Written again here from that algorithm and its constants; the C++
// twins are fpgasim_glibc_sinf and fpgasim_glibc_cosf in kernels/hls/include/fpgasim_math_glibc.h.
//
//   1. |x| < 0.75 (glibc: the top 12 bits of |x| below those of (float) pi/4): no reduction.
//   2. |x| < 120: x = n pi/2 + r by one double multiply-subtract (reduceFast: n from x * 2^24 * 2/pi
//      truncated to int32, rounded by adding 2^23 and shifting by 24; r = x - n * pi/2 in double).
//   3. finite |x| >= 120: r from the exact fixed-point product of x's significand with 192 bits of 4/pi
//      (reduceLarge: integer arithmetic, written here on 32-bit halves).
//   4. sin r, or cos r for odd quadrants, by the polynomials of sincosf_data.c in double; the sign comes from
//      the quadrant (the second table negates cos); one rounding to binary32.
// Every double operation rounds once to nearest even and none is fused: glibc's SSE2 build. Its FMA build
// fuses x - n * pi/2 and the polynomials' multiply-adds and differs on a few inputs (kernels/math/README.md).

import { f32Bits } from '../f32.js';
import { f64, f64FromHex as h, intToF64 } from './f64.js';

const f32 = Math.fround;

interface SinCosTable {
  sign: readonly [number, number, number, number]; // the sign of sin in quadrants 0..3
  c0: number; c1: number; c2: number; c3: number; c4: number; // cos r ~ c0 + c1 r^2 + ... + c4 r^8
  s1: number; s2: number; s3: number; // sin r ~ r + s1 r^3 + s2 r^5 + s3 r^7
}

const SIGN = [1, -1, -1, 1] as const;
const COS_TABLE: SinCosTable = {
  sign: SIGN,
  c0: h('0x1p0'), c1: h('-0x1.ffffffd0c621cp-2'), c2: h('0x1.55553e1068f19p-5'), c3: h('-0x1.6c087e89a359dp-10'), c4: h('0x1.99343027bf8c3p-16'),
  s1: h('-0x1.555545995a603p-3'), s2: h('0x1.1107605230bc4p-7'), s3: h('-0x1.994eb3774cf24p-13'),
};
/** The same with the cosine negated ("to get negation for free", sincosf_data.c). */
const NEG_COS_TABLE: SinCosTable = { ...COS_TABLE, c0: -COS_TABLE.c0, c1: -COS_TABLE.c1, c2: -COS_TABLE.c2, c3: -COS_TABLE.c3, c4: -COS_TABLE.c4 };

/** 2/pi * 2^24 (glibc's hpi_inv without TOINT_INTRINSICS, as on x86-64) and pi/2. */
const HPI_INV = h('0x1.45f306dc9c883p23');
const TINY = h('0x1p-12'); // below it sin x rounds to x and cos x to 1
const HPI = h('0x1.921fb54442d18p0');
/** pi * 2^-62 ("pi63" in s_sincosf.h): the weight of reduceLarge's fixed-point remainder. */
const PI63 = h('0x1.921fb54442d18p-62');

/** 4/pi to 192 bits, 8 new bits per entry so that any 3 entries 4 apart are a 96-bit window (s_sincosf_data.c). */
const INV_PIO4 = Uint32Array.from([
  0xa2, 0xa2f9, 0xa2f983, 0xa2f9836e, 0xf9836e4e, 0x836e4e44, 0x6e4e4415, 0x4e441529,
  0x441529fc, 0x1529fc27, 0x29fc2757, 0xfc2757d1, 0x2757d1f5, 0x57d1f534, 0xd1f534dd, 0xf534ddc0,
  0x34ddc0db, 0xddc0db62, 0xc0db6295, 0xdb629599, 0x6295993c, 0x95993c43, 0x993c4390, 0x3c439041,
]);

/** The quadrant reduceFast and reduceLarge found (their second result; module state, so no allocation). */
let quadrant = 0;

/** sinf(x) as glibc's non-FMA build returns it, for any binary32 x. */
export function sinGlibc(y: number): number {
  const ay = y < 0 ? -y : y;
  if (ay < 0.75) {
    if (ay < TINY) return y; // glibc also forces an underflow exception below 2^-126
    const x = f64(y);
    return f32(sinPoly(x, x * x, COS_TABLE, 0));
  }
  return ay < Infinity ? sinCosReduced(y, 0) : NaN; // Infinity or NaN: glibc's __math_invalidf
}

/** cosf(x) as glibc's non-FMA build returns it, for any binary32 x. */
export function cosGlibc(y: number): number {
  const ay = y < 0 ? -y : y;
  if (ay < 0.75) {
    if (ay < TINY) return 1;
    const x = f64(y);
    return f32(sinPoly(x, x * x, COS_TABLE, 1));
  }
  return ay < Infinity ? sinCosReduced(y, 1) : NaN;
}

/**
 * sin y (cosShift 0) or cos y (cosShift 1) for finite |y| >= 0.75: steps 2 to 4. glibc's sinf and cosf write
 * the two reductions out twice each; they differ only in the quadrant's sign: the large reduction works on |y|.
 */
function sinCosReduced(y: number, cosShift: number): number {
  let x: number;
  let sign = 0;
  if (y < 120 && y > -120) {
    x = reduceFast(f64(y));
  } else {
    sign = f32Bits(y) >>> 31;
    x = reduceLarge(y);
  }
  const n = quadrant;
  const table = (n + sign) & 2 ? NEG_COS_TABLE : COS_TABLE;
  return f32(sinPoly(x * table.sign[(n + sign) & 3], x * x, table, n ^ cosShift));
}

/** sin x (even n) or the table's cos x (odd n) for |x| <= pi/4, x2 = x * x (sincosf_poly.h sinf_poly). */
function sinPoly(x: number, x2: number, p: SinCosTable, n: number): number {
  if ((n & 1) === 0) {
    const x3 = x * x2;
    const s1 = p.s2 + x2 * p.s3;
    const x7 = x3 * x2;
    const s = x + x3 * p.s1;
    return s + x7 * s1;
  }
  const x4 = x2 * x2;
  const c2 = p.c3 + x2 * p.c4;
  const c1 = p.c0 + x2 * p.c1;
  const x6 = x4 * x2;
  const c = c1 + x4 * p.c2;
  return c + x6 * c2;
}

/** x - n pi/2 for |x| < 120, n the nearest quadrant (left in `quadrant`): s_sincosf.h reduce_fast. */
function reduceFast(x: number): number {
  const r = x * HPI_INV;
  const n = ((r | 0) + 0x800000) >> 24; // (int32_t) r truncates toward zero; |r| < 2^31
  quadrant = n;
  return x - intToF64(n) * HPI;
}

/**
 * x mod pi/2 in [-pi/4, pi/4] for finite |x| >= 120 (quadrant in `quadrant`): s_sincosf.h reduce_large.
 * glibc multiplies the 24-bit significand (shifted by the exponent's low 3 bits) by a 96-bit window of 4/pi:
 * one 32x32 product kept mod 2^32 and two full 64-bit ones, summed mod 2^64 into a 2.62 fixed-point number
 * whose top 2 bits (rounded) are the quadrant. The 64-bit words are kept here as 32-bit halves.
 */
function reduceLarge(y: number): number {
  const xi = f32Bits(y) >>> 0;
  const window = (xi >>> 26) & 15;
  const m = (((xi & 0xffffff) | 0x800000) << ((xi >>> 23) & 7)) >>> 0; // below 2^31
  const res0 = Math.imul(m, INV_PIO4[window]) >>> 0; // xi * arr[0] in uint32
  mulU32Wide(m, INV_PIO4[window + 4]);
  const res1Hi = wideHi;
  const res1Lo = wideLo;
  mulU32Wide(m, INV_PIO4[window + 8]);
  // res0 = (res2 >> 32) | (res0 << 32), then res0 += res1 (mod 2^64)
  addU64(res0, wideHi, res1Hi, res1Lo);
  // n = (res0 + 2^61) >> 62; res0 -= n << 62
  const n = ((wideHi + 0x20000000) >>> 0) >>> 30;
  quadrant = n;
  return int64ToF64((wideHi - n * 0x40000000) | 0, wideLo) * PI63;
}

/** The high and low 32 bits of mulU32Wide's product (module state, so no allocation). */
let wideHi = 0;
let wideLo = 0;

/** @op imul32  a * b exactly, for uint32 a < 2^31 and b: into wideHi, wideLo (doubles below 2^53 are exact). */
function mulU32Wide(a: number, b: number): void {
  const low = a * (b & 0xffff); // < 2^47
  const high = a * (b >>> 16); // < 2^47
  const lowWord = low + (high % 0x10000) * 0x10000; // < 2^48
  wideLo = lowWord % 0x100000000;
  wideHi = Math.floor(high / 0x10000) + Math.floor(lowWord / 0x100000000);
}

/** @op add64  (aHi, aLo) + (bHi, bLo) mod 2^64, unsigned 32-bit halves: into wideHi, wideLo. */
function addU64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const lo = aLo + bLo;
  const carry = lo >= 0x100000000 ? 1 : 0;
  wideLo = lo - carry * 0x100000000;
  wideHi = (aHi + bHi + carry) >>> 0;
}

/** @op sitodp  The int64 hi * 2^32 + lo (hi an int32, lo a uint32) as a double, rounded once as C converts it. */
function int64ToF64(hi: number, lo: number): number {
  return hi * 0x100000000 + lo; // hi * 2^32 is exact; the addition rounds once
}
