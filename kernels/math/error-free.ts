// Error-free transformations in binary32 (Knuth's TwoSum, Dekker's product): the rounding error of one
// addition or multiplication, recovered exactly with more binary32 operations and no fused multiply-add.
// sincos.ts uses them to reduce x modulo pi/2 without losing the low bits; pow.ts to carry log(x) and
// y log(x) with about twice binary32's precision. The C++ twins live in fpgasim_math.h.

const f32 = Math.fround;

/** The exact error of s = f32(a + b), for any a and b: a + b = s + twoSumError(a, b, s). */
export function twoSumError(a: number, b: number, s: number): number {
  const bVirtual = f32(s - a);
  const aVirtual = f32(s - bVirtual);
  return f32(f32(a - aVirtual) + f32(b - bVirtual));
}

/** The exact error of s = f32(a + b) when |a| >= |b| (or a is 0): three operations instead of six. */
export function fastTwoSumError(a: number, b: number, s: number): number {
  return f32(f32(a - s) + b);
}

/** 2^12 + 1 splits a 24-bit significand into two halves of at most 12 bits (Veltkamp). */
const SPLITTER = 4097;

/** The high half of a: at most 12 significant bits, a - highHalf(a) has at most 12 too. |a| < 2^115. */
function highHalf(a: number): number {
  const scaled = f32(SPLITTER * a);
  return f32(scaled - f32(scaled - a));
}

/** The exact error of p = f32(a * b): a * b = p + twoProductError(a, b, p) (no overflow or underflow). */
export function twoProductError(a: number, b: number, p: number): number {
  const aHi = highHalf(a);
  const aLo = f32(a - aHi);
  const bHi = highHalf(b);
  const bLo = f32(b - bHi);
  const err = f32(f32(f32(aHi * bHi) - p) + f32(aHi * bLo));
  return f32(f32(err + f32(aLo * bHi)) + f32(aLo * bLo));
}
