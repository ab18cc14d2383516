// RMSNorm (llama2.c rmsnorm): o = weight * (x / sqrt(mean(x^2) + 1e-5)), in binary32 step by step.
import type { ArraySpec, KernelCall } from './loops.js';
import { leafLoop } from './loops.js';
import { combineTree, MAX_ACCUMULATORS } from './reduction.js';

const EPSILON = Math.fround(1e-5);
const partial = new Float32Array(MAX_ACCUMULATORS);

// x (size,), weight (size,) -> out (size,); out may be x itself
export function rmsnorm(out: Float32Array, x: Float32Array, weight: Float32Array, weightOffset: number, size: number, accumulators = 1): void {
  partial.fill(0, 0, accumulators);
  for (let j = 0; j < size; j++) {
    const p = j % accumulators;
    partial[p] = partial[p] + Math.fround(x[j] * x[j]);
  }
  let ss = combineTree(partial, accumulators);
  ss = Math.fround(ss / size);
  ss = Math.fround(ss + EPSILON);
  ss = Math.fround(1 / Math.fround(Math.sqrt(ss)));
  for (let j = 0; j < size; j++) out[j] = Math.fround(weight[weightOffset + j] * Math.fround(ss * x[j]));
}

export function describeRmsnorm(name: string, layer: number | null, size: number, accumulators: number): KernelCall {
  const arrays: ArraySpec[] = [
    { name: 'x', role: 'activation', elements: size, bytesPerElement: 4 },
    { name: 'weight', role: 'norm', elements: size, bytesPerElement: 4 },
    { name: 'out', role: 'activation', elements: size, bytesPerElement: 4 },
  ];
  return {
    kernel: 'rmsnorm',
    name,
    layer,
    arrays,
    loops: [
      leafLoop('sum_squares', size, { fmul: 1, fadd: 1 }, [{ array: 'x', bytes: 4 }], [], { op: 'fadd', accumulators }),
      // combine the partial sums, then mean, + epsilon, sqrt and reciprocal: one chain of dependent ops
      leafLoop('scale', 1, { fadd: accumulators, fdiv: 2, fsqrt: 1 }, [], []),
      leafLoop('normalize', size, { fmul: 2 }, [{ array: 'x', bytes: 4 }, { array: 'weight', bytes: 4 }], [{ array: 'out', bytes: 4 }]),
    ],
  };
}
