// Which exp, sin, cos and pow the kernels call is part of a design point (DESIGN.md, "numeric contract"):
//
//   'glibc'    glibc's expf/sinf/cosf/powf (kernels/math/glibc/): double-precision tables and polynomials,
//              one rounding to float. fpgasim then gives llama2.c's tokens and logits, byte for byte, and
//              the emitted C++ (fpgasim_math_glibc.h) gives the same. The default.
//   'binary32' the project's binary32-only algorithms (exp.ts, sincos.ts, pow.ts): within 1 ulp, cheaper on
//              an FPGA (no double-precision operators), equal to the emitted C++ (fpgasim_math.h) but not
//              to llama2.c (about 2% of calls differ in the last bit from glibc).
// Kernels take a MathFunctions and read its functions once before their loops.
import { check } from '../errors.js';
import { expF32 } from './exp.js';
import { cosGlibc, sinGlibc } from './glibc/sincos.js';
import { expGlibc } from './glibc/exp.js';
import { powGlibc } from './glibc/pow.js';
import { powF32 } from './pow.js';
import { cosF32, SIN_COS_MAX_ABS_X, sinF32 } from './sincos.js';

/** The math a design may choose; extend this list (and MATH_FUNCTIONS) for another library. */
export const MATH_LIBRARIES = ['glibc', 'binary32'] as const;
export type MathLibrary = (typeof MATH_LIBRARIES)[number];
export const DEFAULT_MATH: MathLibrary = 'glibc';

export interface MathFunctions {
  readonly library: MathLibrary;
  readonly exp: (x: number) => number;
  readonly sin: (x: number) => number;
  readonly cos: (x: number) => number;
  readonly pow: (x: number, y: number) => number;
  /** Largest |angle| in radians sin and cos give their documented result for (RoPE needs seq_len - 1). */
  readonly maxAbsAngle: number;
}

const MATH_FUNCTIONS: Record<MathLibrary, MathFunctions> = {
  glibc: { library: 'glibc', exp: expGlibc, sin: sinGlibc, cos: cosGlibc, pow: powGlibc, maxAbsAngle: Infinity },
  binary32: { library: 'binary32', exp: expF32, sin: sinF32, cos: cosF32, pow: powF32, maxAbsAngle: SIN_COS_MAX_ABS_X },
};

/**
 * The math a design may name: a library fpgasim computes (above), or "vitis-hls", Vitis's hls_math as the
 * released HLSTransform code calls it. hls_math is priced (hw-models/hls-math.ts) but not reproducible bit for
 * bit here, so fpgasim computes, and emit-hls emits, glibc's functions for it and says so.
 */
export const DESIGN_MATH = [...MATH_LIBRARIES, 'vitis-hls'] as const;
export type DesignMath = (typeof DESIGN_MATH)[number];

/** The library that computes a design's math. */
export function computedMath(math: DesignMath): MathLibrary {
  return math === 'vitis-hls' ? 'glibc' : math;
}

/** Throws a one-line FpgasimError unless math names a library; `field` is how the user wrote it. */
export function checkMathLibrary(math: unknown, field = 'math'): asserts math is MathLibrary {
  check(
    typeof math === 'string' && (MATH_LIBRARIES as readonly string[]).includes(math),
    `${field} = ${JSON.stringify(math)} is not allowed (allowed: ${MATH_LIBRARIES.map((m) => `"${m}"`).join(', ')})`,
  );
}

/** The functions of a library (checked). */
export function mathFunctions(math: MathLibrary = DEFAULT_MATH): MathFunctions {
  checkMathLibrary(math);
  return MATH_FUNCTIONS[math];
}

/** The default library's functions: what llama2.c computes. */
export const GLIBC_MATH: MathFunctions = MATH_FUNCTIONS.glibc;
