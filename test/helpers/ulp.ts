// Distance between binary32 values in units in the last place, for accuracy tests.
//
// Each float maps to its position on the number line of all binary32 values (+0 and -0 both at 0, the
// largest finite float next to Infinity), and the distance is the difference of positions: 1 between
// neighbours, also across powers of two, zero and into Infinity, so "overflowed one step early" counts 1.

const scratch = new ArrayBuffer(4);
const scratchF32 = new Float32Array(scratch);
const scratchI32 = new Int32Array(scratch);

/** Position of a binary32 value among all binary32 values, ordered; NaN is not ordered and gives NaN. */
export function f32Ordinal(x: number): number {
  if (Number.isNaN(x)) return NaN;
  scratchF32[0] = x;
  const bits = scratchI32[0];
  return bits < 0 ? -(bits & 0x7fffffff) : bits;
}

/** ulps between two binary32 values; 0 when both are NaN, Infinity when only one is. */
export function ulpDistanceF32(a: number, b: number): number {
  const aIsNaN = Number.isNaN(a);
  const bIsNaN = Number.isNaN(b);
  if (aIsNaN || bIsNaN) return aIsNaN && bIsNaN ? 0 : Infinity;
  return Math.abs(f32Ordinal(a) - f32Ordinal(b));
}

export interface UlpReport {
  worstUlp: number;
  worstInput: number[]; // the arguments that gave the worst error
  worstActual: number;
  worstExpected: number;
  count: number;
  notCorrectlyRounded: number; // inputs whose result differs from the correctly rounded one at all
}

/**
 * Runs fn against reference on every argument list and keeps the worst ulp distance. reference computes
 * in double; its result is rounded to binary32 here, which is the correctly rounded result except in
 * the rare cases where the double is itself within a double ulp of a binary32 rounding boundary.
 */
export function worstUlp(
  inputs: Iterable<number[]>,
  fn: (...args: number[]) => number,
  reference: (...args: number[]) => number,
): UlpReport {
  const report: UlpReport = { worstUlp: -1, worstInput: [], worstActual: NaN, worstExpected: NaN, count: 0, notCorrectlyRounded: 0 };
  for (const args of inputs) {
    const actual = fn(...args);
    const expected = Math.fround(reference(...args));
    const distance = ulpDistanceF32(actual, expected);
    report.count++;
    if (distance > 0) report.notCorrectlyRounded++;
    if (distance > report.worstUlp) {
      Object.assign(report, { worstUlp: distance, worstInput: args, worstActual: actual, worstExpected: expected });
    }
  }
  return report;
}

/** One line naming the worst case, for failure messages and the test log. */
export function describeUlpReport(name: string, report: UlpReport): string {
  return (
    `${name}: worst ${report.worstUlp} ulp over ${report.count} inputs (${report.notCorrectlyRounded} not correctly ` +
    `rounded), at (${report.worstInput.join(', ')}): got ${report.worstActual}, correctly rounded ${report.worstExpected}`
  );
}
