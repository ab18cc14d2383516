// Softmax in place (llama2.c softmax): subtract the max, exponentiate (the design's exp), divide by the sum.
import { GLIBC_MATH, type MathFunctions } from './math/library.js';
import type { Loop } from './loops.js';
import { leafLoop } from './loops.js';
import { combineTree, MAX_ACCUMULATORS } from './reduction.js';

const partial = new Float32Array(MAX_ACCUMULATORS);

// x (size,) -> x (size,)
export function softmax(x: Float32Array, size: number, accumulators = 1, offset = 0, math: MathFunctions = GLIBC_MATH): void {
  const exp = math.exp;
  // from i = 0 (x[0] against itself changes nothing): size iterations, as the description and the C++ say
  let maxVal = x[offset];
  for (let i = 0; i < size; i++) if (x[offset + i] > maxVal) maxVal = x[offset + i];
  partial.fill(0, 0, accumulators);
  for (let i = 0; i < size; i++) {
    const e = exp(Math.fround(x[offset + i] - maxVal));
    x[offset + i] = e;
    const p = i % accumulators;
    partial[p] = partial[p] + e;
  }
  const sum = combineTree(partial, accumulators);
  for (let i = 0; i < size; i++) x[offset + i] = Math.fround(x[offset + i] / sum);
}

/** The loops of one softmax over `size` scores held in array `array`. */
export function describeSoftmax(array: string, size: number, accumulators: number): Loop[] {
  const rw = [{ array, bytes: 4 }];
  return [
    leafLoop('softmax_max', size, { fcmp: 1 }, rw, [], { op: 'fcmp', accumulators: 1 }),
    leafLoop('softmax_exp', size, { fadd: 2, fexp: 1 }, rw, rw, { op: 'fadd', accumulators }),
    leafLoop('softmax_combine', 1, { fadd: accumulators - 1 }, [], []),
    leafLoop('softmax_normalize', size, { fdiv: 1 }, rw, rw),
  ];
}
