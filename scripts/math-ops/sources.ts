// Which TypeScript function implements each composite math op, for each math library: what the op counter
// reads. test/hw-models/math-recipes.test.ts checks that kernels/math/library.ts calls these same functions.
import { resolve } from 'node:path';
import type { MathLibrary } from '../../kernels/math/library.js';

export type CompositeMathOp = 'fexp' | 'fsin' | 'fcos' | 'fpow';

const MATH_DIR = resolve(import.meta.dirname, '..', '..', 'kernels', 'math');

export const MATH_SOURCES: Record<MathLibrary, Record<CompositeMathOp, { file: string; fn: string }>> = {
  glibc: {
    fexp: { file: resolve(MATH_DIR, 'glibc/exp.ts'), fn: 'expGlibc' },
    fsin: { file: resolve(MATH_DIR, 'glibc/sincos.ts'), fn: 'sinGlibc' },
    fcos: { file: resolve(MATH_DIR, 'glibc/sincos.ts'), fn: 'cosGlibc' },
    fpow: { file: resolve(MATH_DIR, 'glibc/pow.ts'), fn: 'powGlibc' },
  },
  binary32: {
    fexp: { file: resolve(MATH_DIR, 'exp.ts'), fn: 'expF32' },
    fsin: { file: resolve(MATH_DIR, 'sincos.ts'), fn: 'sinF32' },
    fcos: { file: resolve(MATH_DIR, 'sincos.ts'), fn: 'cosF32' },
    fpow: { file: resolve(MATH_DIR, 'pow.ts'), fn: 'powF32' },
  },
};
