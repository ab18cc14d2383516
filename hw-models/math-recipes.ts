// The math functions (kernels/math) are built from primitive operators, so their hardware cost is a
// composition: how many of each primitive one call instantiates, and the chain of dependent primitives on
// its critical path (which sets its latency), for each math library a design may choose.
//
// Nothing here is counted by hand: scripts/math-ops/count.ts reads the TypeScript functions themselves and
// scripts/math-ops/generate.ts writes math-recipes.generated.ts; test/hw-models/math-recipes.test.ts fails
// when a function changes and the generated counts do not.
import type { Op } from '../kernels/loops.js';
import type { MathLibrary } from '../kernels/math/library.js';
import type { MathPrimitiveOp } from './math-operators.js';
import { GENERATED_MATH_COUNTS } from './math-recipes.generated.js';

export type PrimitiveOp = Exclude<Op, 'fexp' | 'fsin' | 'fcos' | 'fpow'>;
export type CompositeOp = Exclude<Op, PrimitiveOp>;

export interface MathRecipe {
  ops: Partial<Record<PrimitiveOp | MathPrimitiveOp, number>>; // primitives per call
  chain: (PrimitiveOp | MathPrimitiveOp)[]; // the critical path, in order
}

export const MATH_RECIPES: Record<MathLibrary, Record<CompositeOp, MathRecipe>> = GENERATED_MATH_COUNTS as unknown as Record<MathLibrary, Record<CompositeOp, MathRecipe>>;
