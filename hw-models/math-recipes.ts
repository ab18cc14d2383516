// The project's own binary32 exp, sin, cos and pow (kernels/math) are built from the primitive float
// operators only, so their hardware cost is a composition: how many of each primitive one call performs,
// and the chain of dependent primitives on its critical path (which sets its latency).
//
// THIS TABLE MUST MATCH kernels/math (exp.ts, sincos.ts, pow.ts). fexp is counted from exp.ts; fsin, fcos
// and fpow are still the expected shape of those algorithms (range reduction + polynomial), written before
// sincos.ts and pow.ts landed: the lead reconciles them (a test that counts the operations of kernels/math
// by instrumenting Math.fround would pin all four).
import type { Op } from '../kernels/loops.js';

export type PrimitiveOp = Exclude<Op, 'fexp' | 'fsin' | 'fcos' | 'fpow'>;
export type CompositeOp = Exclude<Op, PrimitiveOp>;

export interface MathRecipe {
  ops: Partial<Record<PrimitiveOp, number>>; // primitives per call
  chain: PrimitiveOp[]; // the critical path, in order
  note: string;
}

const horner = (degree: number): PrimitiveOp[] => Array.from({ length: degree }, () => ['fmul', 'fadd'] as PrimitiveOp[]).flat();

export const MATH_RECIPES: Record<CompositeOp, MathRecipe> = {
  // Counted from kernels/math/exp.ts (expF32Sum): 3 range checks; k by the 1.5 x 2^23 rounding trick
  // (1 fmul, 2 fadd) and k to int for the exponent bits (1 fptosi); Cody-Waite r (2 fmul, 3 fadd) and its
  // TwoSum error (5 fadd); r^2 (1 fmul); Horner of degree 5 (5 fmul + 5 fadd); 1 + r and the tail
  // (1 fmul, 6 fadd); the two scalings by 2^k1, 2^k2 (2 fmul). r^2, the TwoSum and the int k run beside the chain.
  fexp: {
    ops: { fmul: 12, fadd: 21, fptosi: 1, fcmp: 3 },
    chain: ['fmul', 'fadd', 'fadd', 'fmul', 'fadd', 'fadd', ...horner(5), 'fmul', 'fadd', 'fadd', 'fadd', 'fmul', 'fmul'],
    note: 'counted from kernels/math/exp.ts (expF32Sum)',
  },
  // sin/cos(x): k = round(x * 2/pi), r = x - k*pi/2 in three parts (Cody-Waite), then one of two
  // polynomials of r^2 (degree 4 each, both evaluated and selected by k's low bits), sign fix-up.
  fsin: {
    ops: { fmul: 14, fadd: 12, fptosi: 1, sitofp: 1, fcmp: 2 },
    chain: ['fmul', 'fptosi', 'sitofp', 'fmul', 'fadd', 'fmul', 'fadd', 'fmul', 'fadd', 'fmul', ...horner(4), 'fmul'],
    note: 'Cody-Waite reduction by pi/2 + sin/cos polynomials (expected shape of kernels/math/sincos.ts)',
  },
  fcos: {
    ops: { fmul: 14, fadd: 12, fptosi: 1, sitofp: 1, fcmp: 2 },
    chain: ['fmul', 'fptosi', 'sitofp', 'fmul', 'fadd', 'fmul', 'fadd', 'fmul', 'fadd', 'fmul', ...horner(4), 'fmul'],
    note: 'same steps as fsin with the polynomials swapped',
  },
  // pow(b, e) = exp(e * log(b)): log by exponent extraction + a degree-7 polynomial of the mantissa
  // (sitofp for the exponent, 1 fdiv for (m-1)/(m+1)), then exp as above.
  fpow: {
    ops: { fmul: 20, fadd: 18, fdiv: 1, fptosi: 1, sitofp: 2, fcmp: 4 },
    chain: ['fadd', 'fdiv', 'fmul', ...horner(7), 'fadd', 'fmul', 'fmul', 'fptosi', 'sitofp', 'fmul', 'fadd', 'fadd', ...horner(6), 'fmul'],
    note: 'exp(e * log(b)) with a degree-7 log polynomial (expected shape of kernels/math/pow.ts)',
  },
};
