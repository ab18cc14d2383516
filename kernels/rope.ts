// Rotary position embedding (llama2.c runq.c forward, "RoPE relative positional encoding"): each pair
// (v[i], v[i+1]) of q, and of k where i < kvDim, turns by the angle pos * 10000^(-(i % headSize) / headSize),
// with the design's pow, cos and sin.
import { GLIBC_MATH, type MathFunctions } from './math/library.js';
import type { ArraySpec, KernelCall } from './loops.js';
import { leafLoop } from './loops.js';

const THETA = 10000;

// q (dim,), k (kvDim,) -> rotated in place for position pos
export function rope(q: Float32Array, k: Float32Array, pos: number, dim: number, kvDim: number, headSize: number, math: MathFunctions = GLIBC_MATH): void {
  const { pow, cos, sin } = math;
  for (let i = 0; i < dim; i += 2) {
    const headDim = i % headSize;
    const freq = Math.fround(1 / pow(THETA, Math.fround(headDim / headSize)));
    const angle = Math.fround(pos * freq);
    const fcr = cos(angle);
    const fci = sin(angle);
    rotatePair(q, i, fcr, fci);
    if (i < kvDim) rotatePair(k, i, fcr, fci);
  }
}

function rotatePair(v: Float32Array, i: number, fcr: number, fci: number): void {
  const v0 = v[i];
  const v1 = v[i + 1];
  v[i] = Math.fround(Math.fround(v0 * fcr) - Math.fround(v1 * fci));
  v[i + 1] = Math.fround(Math.fround(v0 * fci) + Math.fround(v1 * fcr));
}

export function describeRope(name: string, layer: number, dim: number, kvDim: number): KernelCall {
  const arrays: ArraySpec[] = [
    { name: 'q', role: 'activation', elements: dim, bytesPerElement: 4 },
    { name: 'k', role: 'activation', elements: kvDim, bytesPerElement: 4 },
  ];
  // k is rotated in the first kvDim / 2 pairs only: per pair on average kvDim / dim of a rotation
  const kShare = kvDim / dim;
  const rotation = { fmul: 4, fadd: 2 };
  const ops = {
    fpow: 1,
    fdiv: 2,
    fmul: 1 + rotation.fmul * (1 + kShare),
    fadd: rotation.fadd * (1 + kShare),
    fcos: 1,
    fsin: 1,
    sitofp: 1,
  };
  const pairBytes = [{ array: 'q', bytes: 8 }, { array: 'k', bytes: 8 * kShare }];
  return { kernel: 'rope', name, layer, arrays, loops: [leafLoop('pairs', dim / 2, ops, pairBytes, pairBytes)] };
}
