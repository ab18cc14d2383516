// Double-precision helpers for the glibc-compatible functions (this folder).
//
// JavaScript numbers are binary64, so glibc's double arithmetic is written here as plain `a * b`, `a + b`:
// each is one IEEE-754 double operation rounded to nearest even, never fused, exactly what gcc computes with
// -ffp-contract=off (and what glibc's SSE2 build computes). Two identity functions mark where a value
// changes format, because on an FPGA each is a conversion operator (hw-models prices it) even though in
// JavaScript it costs nothing; the op counter (hw-models/math-ops/count.ts) reads their @op tags.

/** @op fpext  A binary32 value used as a double (C's implicit float -> double; exact). */
export function f64(x: number): number {
  return x;
}

/** @op sitodp  An int32 used as a double (C's implicit int -> double; exact). */
export function intToF64(n: number): number {
  return n;
}

const HEX_DOUBLE = /^([+-]?)0x([0-9a-f])(?:\.([0-9a-f]{0,13}))?p([+-]?\d+)$/i;

/** Parses a normal double hex-float literal such as '0x1.62e42fefa39efp-1' (the C++ header's same text). */
export function f64FromHex(literal: string): number {
  const match = HEX_DOUBLE.exec(literal);
  if (match === null) throw new Error(`f64FromHex: '${literal}' is not a hex-float literal with at most 13 fraction digits`);
  const [, sign, lead, fraction = '', exponent] = match;
  const significand = BigInt(`0x${lead}${fraction}`);
  if (significand >= 2n ** 53n) throw new Error(`f64FromHex: '${literal}' has more bits than a double holds`);
  let value = Number(significand); // exact below 2^53
  let scale = Number(exponent) - 4 * fraction.length;
  for (; scale > 0; scale--) value *= 2; // exact doublings and halvings while the value stays normal
  for (; scale < 0; scale++) value /= 2;
  return sign === '-' ? -value : value;
}

/**
 * @op wire  An integer-valued double of magnitude below 2^31 as an int32. glibc reads it from the low bits of
 * the double that rounded it (z + 1.5 * 2^52), so on hardware it is wiring, not a conversion.
 */
export function integerOf(kd: number): number {
  return kd | 0;
}

/** @op add32  x * 2^e for a normal double result: glibc (and hardware) adds e into the exponent field. */
export function scaleByPow2(x: number, e: number): number {
  return x * POW2[e - POW2_MIN_EXPONENT];
}

/** 2^e as a double for e in [POW2_MIN_EXPONENT, POW2_MAX_EXPONENT]: POW2[e - POW2_MIN_EXPONENT]. */
const POW2_MIN_EXPONENT = -160;
const POW2_MAX_EXPONENT = 160;
const POW2 = new Float64Array(POW2_MAX_EXPONENT - POW2_MIN_EXPONENT + 1);
POW2[-POW2_MIN_EXPONENT] = 1;
for (let e = 1; e <= POW2_MAX_EXPONENT; e++) POW2[e - POW2_MIN_EXPONENT] = 2 * POW2[e - 1 - POW2_MIN_EXPONENT]; // exact
for (let e = -1; e >= POW2_MIN_EXPONENT; e--) POW2[e - POW2_MIN_EXPONENT] = POW2[e + 1 - POW2_MIN_EXPONENT] / 2;
