// SwiGLU (llama2.c runq.c forward, "SwiGLU non-linearity"): hb = silu(hb) * hb2, silu(v) = v / (1 + exp(-v))
// computed as llama2.c writes it: v * (1 / (1 + exp(-v))), with the design's exp.
import { GLIBC_MATH, type MathFunctions } from './math/library.js';
import type { ArraySpec, KernelCall } from './loops.js';
import { leafLoop } from './loops.js';

// hb (n,), hb2 (n,) -> hb (n,)
export function swiglu(hb: Float32Array, hb2: Float32Array, n: number, math: MathFunctions = GLIBC_MATH): void {
  const exp = math.exp;
  for (let i = 0; i < n; i++) {
    let val = hb[i];
    val = Math.fround(val * Math.fround(1 / Math.fround(1 + exp(-val))));
    hb[i] = Math.fround(val * hb2[i]);
  }
}

export function describeSwiglu(name: string, layer: number, n: number): KernelCall {
  const arrays: ArraySpec[] = [
    { name: 'hb', role: 'activation', elements: n, bytesPerElement: 4 },
    { name: 'hb2', role: 'activation', elements: n, bytesPerElement: 4 },
  ];
  const ops = { fexp: 1, fadd: 1, fdiv: 1, fmul: 2 };
  return {
    kernel: 'swiglu',
    name,
    layer,
    arrays,
    loops: [leafLoop('lanes', n, ops, [{ array: 'hb', bytes: 4 }, { array: 'hb2', bytes: 4 }], [{ array: 'hb', bytes: 4 }])],
  };
}
