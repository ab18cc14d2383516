// Bit-level helpers for the binary32 math functions (exp.ts, sincos.ts, pow.ts). The @op tags tell the op
// counter (hw-models/math-ops/) what each costs on an FPGA: bit casts are wiring.
//
// Constants are written as C99 hex-float strings so that the TypeScript and the C++ header
// (kernels/hls/include/fpgasim_math.h, where the same text is a float literal) carry the same bits by
// construction, and f32FromHex refuses any literal that is not exactly a binary32 value.

const scratch = new ArrayBuffer(4);
const scratchF32 = new Float32Array(scratch);
const scratchI32 = new Int32Array(scratch);

/** @op wire  The binary32 bit pattern of x (x must already be a binary32 value), as a signed int32. */
export function f32Bits(x: number): number {
  scratchF32[0] = x;
  return scratchI32[0];
}

/** @op wire  The binary32 value whose bit pattern is bits (an int32). */
export function f32FromBits(bits: number): number {
  scratchI32[0] = bits;
  return scratchF32[0];
}

/** @op wire  2^k as binary32, built from its exponent bits; k must be in [-126, 127] (normal powers of two). */
export function pow2F32(k: number): number {
  return f32FromBits((k + 127) << 23);
}

/** @op sitofp  An int32 used as a binary32 (exact for |n| <= 2^24): marks the conversion for the op counter. */
export function intToF32(n: number): number {
  return n;
}

const HEX_FLOAT = /^([+-]?)0x([0-9a-f]+)(?:\.([0-9a-f]*))?p([+-]?\d+)$/i;

/** Parses a hex-float literal such as '0x1.62e43p-1'; throws unless it is exactly a binary32 value. */
export function f32FromHex(literal: string): number {
  const match = HEX_FLOAT.exec(literal);
  if (match === null) throw new Error(`f32FromHex: '${literal}' is not a hex-float literal`);
  const [, sign, intDigits, fracDigits = '', exponent] = match;
  const digits = intDigits + fracDigits;
  if (digits.length > 13) throw new Error(`f32FromHex: '${literal}' has more digits than a double holds`);
  // An integer below 2^52 times a power of two: exact in double, scaled by exact halvings or doublings.
  let value = parseInt(digits, 16);
  let scale = Number(exponent) - 4 * fracDigits.length;
  for (; scale > 0; scale--) value *= 2;
  for (; scale < 0; scale++) value /= 2;
  if (sign === '-') value = -value;
  if (Math.fround(value) !== value) throw new Error(`f32FromHex: '${literal}' is not exactly a binary32 value`);
  return value;
}
