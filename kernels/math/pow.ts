// x^y in binary32 for x > 0, the project's own algorithm (DESIGN.md, "numeric contract"); the C++ twin is
// fpgasim_powf in kernels/hls/include/fpgasim_math.h, step for step. llama2.c's RoPE asks for
// powf(10000, i / head_size) with the exponent in [0, 1).
//
// x^y = e^(y ln x), and ln x must be carried with more than binary32's precision: an error of d in
// y ln x is a relative error of d in the result, and y ln x reaches 88. So:
//   1. x = 2^e m with m in (sqrt(1/2), sqrt(2)] from the bits (subnormal x is first scaled by 2^23).
//   2. ln m = 2 atanh(s), s = f / (2 + f), f = m - 1 (exact): s as sHi + sLo (the exact remainder of the
//      division, from twoProductError), then ln m = 2 sHi + (2 sLo + 2 s^3/3 + ... + 2 s^11/11).
//   3. ln x = e LN2_HI + e LN2_LO + ln m as a double-float lnHi + lnLo (e LN2_HI is exact).
//   4. y ln x = tHi + tLo (twoProductError again), then e^(tHi + tLo) by expF32Sum.
// The log's series part is accurate to about 2^-30 relative, so the error grows with |y|: within 1 ulp
// for |y| <= 4 (tested: x = 10000, y in [0, 1); x in [1e-3, 1e4], y in [-4, 4]); sampled, 1 ulp up to
// |y| = 64 and 2 ulp up to |y| = 128.
//
// Defined for finite x > 0 and finite y. Anything else (x <= 0, x = Infinity, NaN, y infinite) gives NaN;
// the model never asks for it. Results beyond binary32's range give +Infinity or +0 as e^x does.

import { f32Bits, f32FromBits, f32FromHex, intToF32 } from './f32.js';
import { LN2_HI, LN2_LO, expF32Sum } from './exp.js';
import { fastTwoSumError, twoProductError, twoSumError } from './error-free.js';

const f32 = Math.fround;

const SMALLEST_NORMAL = f32FromHex('0x1p-126');
const SUBNORMAL_SCALE = f32FromHex('0x1p23');
const SQRT2 = f32FromHex('0x1.6a09e6p0');

// 2/3, 2/5, 2/7, 2/9, 2/11: the atanh series after its first term, as binary32.
const L3 = f32FromHex('0x1.555556p-1');
const L5 = f32FromHex('0x1.99999ap-2');
const L7 = f32FromHex('0x1.24924ap-2');
const L9 = f32FromHex('0x1.c71c72p-3');
const L11 = f32FromHex('0x1.745d18p-3');

/** x^y for finite binary32 x > 0 and finite y; NaN otherwise. */
export function powF32(x: number, y: number): number {
  if (!(x > 0 && x < Infinity && y > -Infinity && y < Infinity)) return NaN;

  // 1. x = 2^e m
  const isSubnormal = x < SMALLEST_NORMAL;
  const bits = f32Bits(isSubnormal ? f32(x * SUBNORMAL_SCALE) : x);
  let e = (bits >> 23) - 127 - (isSubnormal ? 23 : 0);
  let m = f32FromBits((bits & 0x7fffff) | 0x3f800000);
  if (m > SQRT2) {
    m = f32(m * 0.5);
    e += 1;
  }

  // 2. ln m = 2 atanh(f / (2 + f))
  const f = f32(m - 1);
  const d = f32(2 + f);
  const dLo = fastTwoSumError(2, f, d);
  const sHi = f32(f / d);
  const sHiD = f32(sHi * d);
  const remainder = f32(f32(f - sHiD) - twoProductError(sHi, d, sHiD)); // exactly f - sHi * d
  const sLo = f32(f32(remainder - f32(sHi * dLo)) / d);
  const z = f32(sHi * sHi);
  let series = L11;
  series = f32(f32(series * z) + L9);
  series = f32(f32(series * z) + L7);
  series = f32(f32(series * z) + L5);
  series = f32(f32(series * z) + L3);
  const lnMLo = f32(f32(2 * sLo) + f32(sHi * f32(series * z)));
  const lnMHi = f32(2 * sHi);

  // 3. ln x = e ln2 + ln m
  const eF = intToF32(e);
  const eLn2Hi = f32(eF * LN2_HI);
  const sum = f32(eLn2Hi + lnMHi);
  const sumLo = f32(twoSumError(eLn2Hi, lnMHi, sum) + f32(lnMLo + f32(eF * LN2_LO)));
  const lnHi = f32(sum + sumLo);
  if (lnHi === 0) return 1; // x = 1; also keeps the split of a huge y below from overflowing
  const lnLo = fastTwoSumError(sum, sumLo, lnHi);

  // 4. e^(y ln x)
  // When y ln x is far outside [-104, 88.75] the split of y may overflow and tLo be NaN; expF32Sum then
  // returns +Infinity or +0 from tHi alone without reading tLo.
  const tHi = f32(y * lnHi);
  const tLo = f32(twoProductError(y, lnHi, tHi) + f32(y * lnLo));
  return expF32Sum(tHi, tLo);
}
