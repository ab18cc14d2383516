// The project's own binary32 exp, sin, cos and pow (kernels/math) are built from the primitive float
// operators only, so their hardware cost is a composition: how many of each primitive one call performs,
// and the chain of dependent primitives on its critical path (which sets its latency).
//
// THIS TABLE MUST MATCH kernels/math (exp.ts, sincos.ts, pow.ts), which another engineer is writing now:
// the counts below are the expected shape of those algorithms (range reduction + polynomial), not yet read
// off the code. The lead reconciles them (a test that counts the operations of kernels/math would pin it).
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
  // exp(x) = 2^k * p(r): k = round(x / ln2) (fmul, fptosi), r = x - k*ln2 in two parts (sitofp, 2 fmul,
  // 2 fadd), p a degree-6 polynomial by Horner (6 fmul + 6 fadd), 2^k by exponent bits (no float op), a
  // final scale (fmul), range checks for overflow/underflow (2 fcmp).
  fexp: {
    ops: { fmul: 10, fadd: 8, fptosi: 1, sitofp: 1, fcmp: 2 },
    chain: ['fmul', 'fptosi', 'sitofp', 'fmul', 'fadd', 'fadd', ...horner(6), 'fmul'],
    note: 'range reduction by ln2 + degree-6 polynomial (expected shape of kernels/math/exp.ts)',
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
