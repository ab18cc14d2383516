// The project's own binary32 exp, sin, cos and pow (kernels/math) are built from the primitive float
// operators only, so their hardware cost is a composition: how many of each primitive one call performs,
// and the chain of dependent primitives on its critical path (which sets its latency).
//
// THIS TABLE MUST MATCH kernels/math (exp.ts, sincos.ts, pow.ts, error-free.ts). The operation counts
// below were counted by hand from that code by its author; the critical paths are the longest chains of
// dependent operations, approximated where the code's steps run side by side.
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
  // Counted from kernels/math/sincos.ts: the shared reduction (k by the rounding trick, Cody-Waite r in
  // three parts with TwoSum errors: 6 fmul, 21 fadd, 2 fcmp, 1 fptosi), then both polynomials, since
  // hardware evaluates the sin (5 fmul, 4 fadd) and cos (7 fmul, 8 fadd) branches and selects by quadrant.
  // RoPE calls fsin and fcos on the same angle; pricing them separately counts the reduction twice (an
  // upper bound on area: a shared sincos unit would save one reduction).
  fsin: {
    ops: { fmul: 18, fadd: 33, fptosi: 1, fcmp: 2 },
    chain: ['fmul', 'fadd', 'fadd', 'fmul', 'fadd', 'fadd', 'fadd', 'fadd', 'fmul', ...horner(7), 'fmul', 'fadd'],
    note: 'counted from kernels/math/sincos.ts (reduction + both polynomials)',
  },
  fcos: {
    ops: { fmul: 18, fadd: 33, fptosi: 1, fcmp: 2 },
    chain: ['fmul', 'fadd', 'fadd', 'fmul', 'fadd', 'fadd', 'fadd', 'fadd', 'fmul', ...horner(7), 'fmul', 'fadd'],
    note: 'counted from kernels/math/sincos.ts (the same unit as fsin)',
  },
  // Counted from kernels/math/pow.ts: a double-float log of the base (exponent extraction, 2 fdiv, a
  // polynomial, error-free products), its product with the exponent, then expF32Sum on the double-float
  // result: 42 fmul, 65 fadd, 2 fdiv, 1 sitofp, 1 fptosi, 10 fcmp in all, exp included.
  fpow: {
    ops: { fmul: 42, fadd: 65, fdiv: 2, sitofp: 1, fptosi: 1, fcmp: 10 },
    chain: ['fadd', 'fdiv', 'fmul', ...horner(8), 'fadd', 'fmul', 'fadd', 'fadd', 'fmul', 'fadd', 'fadd', 'fmul', 'fadd', 'fadd', ...horner(5), 'fmul', 'fadd', 'fadd', 'fadd', 'fmul', 'fmul'],
    note: 'counted from kernels/math/pow.ts (log in double-float, then expF32Sum)',
  },
};
