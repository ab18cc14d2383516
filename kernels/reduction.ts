// The order of a float32 reduction is part of a design point (DESIGN.md, "numeric contract").
//
// With P partial accumulators, element i of the reduction is added into partial i % P (what an FPGA loop
// unrolled by P, or pipelined with P interleaved accumulators, really computes); the partials are then
// combined by a fixed binary tree over their indices:
//
//   for (stride = 1; stride < P; stride *= 2)
//     for (i = 0; i + stride < P; i += 2 * stride)  partial[i] += partial[i + stride]
//
// so P = 4 gives (p0 + p1) + (p2 + p3) and P = 3 gives (p0 + p1) + p2. P = 1 is llama2.c's sequential sum.
// The emitted C++ (kernels/hls) combines in exactly this order.

import { check } from './errors.js';

/** Largest accumulator count a design may ask for: beyond this no FPGA loop benefits, and it bounds scratch. */
export const MAX_ACCUMULATORS = 256;

export function checkAccumulators(name: string, accumulators: number): void {
  check(
    Number.isInteger(accumulators) && accumulators >= 1 && accumulators <= MAX_ACCUMULATORS,
    `${name}: accumulators must be an integer from 1 to ${MAX_ACCUMULATORS}, got ${accumulators}`,
  );
}

/** Combines partial[0..count) in place by the fixed tree above; returns the total. */
export function combineTree(partial: Float32Array, count: number): number {
  for (let stride = 1; stride < count; stride *= 2) {
    for (let i = 0; i + stride < count; i += 2 * stride) {
      partial[i] = partial[i] + partial[i + stride]; // Float32Array stores round to binary32
    }
  }
  return partial[0];
}

/** How many partial accumulators each float reduction of a decode step uses (1 = llama2.c's order). */
export interface Accumulators {
  matvec: number; // over the groups of a Q8_0 matvec row (or the columns of a float32 one)
  rmsnorm: number; // RMSNorm's sum of squares
  softmax: number; // the softmax denominator
  attentionScore: number; // q . k over one head
  attentionValue: number; // sum over positions of att[t] * v[t]
}

export const SEQUENTIAL: Readonly<Accumulators> = Object.freeze({
  matvec: 1,
  rmsnorm: 1,
  softmax: 1,
  attentionScore: 1,
  attentionValue: 1,
});

export function checkAllAccumulators(accumulators: Accumulators): void {
  for (const [name, value] of Object.entries(accumulators)) checkAccumulators(`accumulators.${name}`, value);
}
