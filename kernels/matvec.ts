// Matrix-vector products, output first as in llama2.c.
//
// matvecQ8 is runq.c's matmul, in its two stages:
//   1. integer (groupSumsQ8): per row, per group of GS columns, the exact int32 sum of int8 x int8 products;
//   2. float (scaleGroupSumsQ8): val += float(ival) * w.s * x.s over the row's groups, in binary32.
// Stage 1 is exact, so any implementation of it gives the same bits (kernels/int8-dot-wasm.ts is a faster
// one); stage 2 carries the design's reduction order. matvecF32 is run.c's float matmul. Both split the float
// sum over `accumulators` partial sums (kernels/reduction.ts); 1 is llama2.c's sequential order.
import type { QuantizedTensor } from './model/types.js';
import type { ArraySpec, KernelCall } from './loops.js';
import { leafLoop } from './loops.js';
import { combineTree, MAX_ACCUMULATORS } from './reduction.js';

const partial = new Float32Array(MAX_ACCUMULATORS);
/** matvecQ8's group sums, grown to the largest matrix seen (d * n / gs int32s). */
let groupSums = new Int32Array(0);

// W (d,n) @ x (n,) -> out (d,), W and x in Q8_0 with group size gs
export function matvecQ8(
  out: Float32Array,
  xq: Int8Array,
  xs: Float32Array,
  w: QuantizedTensor,
  n: number,
  d: number,
  gs: number,
  accumulators = 1,
): void {
  const groups = (d * n) / gs;
  if (groupSums.length < groups) groupSums = new Int32Array(groups);
  groupSumsQ8(groupSums, xq, w.q, n, d, gs);
  scaleGroupSumsQ8(out, groupSums, w.s, xs, n, d, gs, accumulators);
}

// stage 1, W.q (d,n) . xq (n,) per group of gs -> sums (d, n/gs): exact, |sum| <= gs * 128 * 128
export function groupSumsQ8(sums: Int32Array, xq: Int8Array, wq: Int8Array, n: number, d: number, gs: number): void {
  const groupsPerRow = n / gs;
  for (let i = 0; i < d; i++) {
    for (let g = 0; g < groupsPerRow; g++) {
      const wBase = i * n + g * gs;
      const xBase = g * gs;
      let ival = 0;
      for (let k = 0; k < gs; k++) ival += wq[wBase + k] * xq[xBase + k];
      sums[i * groupsPerRow + g] = ival;
    }
  }
}

// stage 2, sums (d, n/gs) scaled by w.s (d, n/gs) and x.s (n/gs,) -> out (d,)
export function scaleGroupSumsQ8(
  out: Float32Array,
  sums: Int32Array,
  ws: Float32Array,
  xs: Float32Array,
  n: number,
  d: number,
  gs: number,
  accumulators = 1,
): void {
  const groupsPerRow = n / gs;
  for (let i = 0; i < d; i++) {
    const rowGroup = i * groupsPerRow;
    // Math.fround(ival) is C's (float) cast: the int32 rounded to nearest-even binary32
    if (accumulators === 1) {
      let val = 0;
      for (let g = 0; g < groupsPerRow; g++) {
        val = Math.fround(val + Math.fround(Math.fround(Math.fround(sums[rowGroup + g]) * ws[rowGroup + g]) * xs[g]));
      }
      out[i] = val;
    } else {
      partial.fill(0, 0, accumulators);
      for (let g = 0; g < groupsPerRow; g++) {
        const p = g % accumulators;
        partial[p] = partial[p] + Math.fround(Math.fround(Math.fround(sums[rowGroup + g]) * ws[rowGroup + g]) * xs[g]);
      }
      out[i] = combineTree(partial, accumulators);
    }
  }
}

// W (d,n) @ x (n,) -> out (d,), all float32
export function matvecF32(out: Float32Array, x: Float32Array, w: Float32Array, n: number, d: number, accumulators = 1): void {
  for (let i = 0; i < d; i++) {
    const rowBase = i * n;
    if (accumulators === 1) {
      let val = 0;
      for (let j = 0; j < n; j++) val = Math.fround(val + Math.fround(w[rowBase + j] * x[j]));
      out[i] = val;
    } else {
      partial.fill(0, 0, accumulators);
      for (let j = 0; j < n; j++) {
        const p = j % accumulators;
        partial[p] = partial[p] + Math.fround(w[rowBase + j] * x[j]);
      }
      out[i] = combineTree(partial, accumulators);
    }
  }
}

/**
 * The Q8_0 matvec as a loop nest: rows (d) > groups (n / gs) > lanes (gs). The groups loop carries the
 * float accumulation; combining P partial sums costs P - 1 adds per row.
 */
export function describeMatvecQ8(name: string, layer: number | null, n: number, d: number, gs: number, accumulators: number): KernelCall {
  const arrays: ArraySpec[] = [
    { name: 'w.q', role: 'weights', elements: d * n, bytesPerElement: 1 },
    { name: 'w.s', role: 'weights', elements: (d * n) / gs, bytesPerElement: 4 },
    { name: 'xq.q', role: 'activation', elements: n, bytesPerElement: 1 },
    { name: 'xq.s', role: 'activation', elements: n / gs, bytesPerElement: 4 },
    { name: 'out', role: name === 'classifier' ? 'logits' : 'activation', elements: d, bytesPerElement: 4 },
  ];
  const lanes = leafLoop('lanes', gs, { mul8: 1, add32: 1 }, [{ array: 'w.q', bytes: 1 }, { array: 'xq.q', bytes: 1 }], [], { op: 'add32', accumulators: 1 });
  const groups = {
    ...leafLoop('groups', n / gs, { sitofp: 1, fmul: 2, fadd: 1 }, [{ array: 'w.s', bytes: 4 }, { array: 'xq.s', bytes: 4 }], [], {
      op: 'fadd',
      accumulators,
    }),
    inner: [lanes],
  };
  const rows = { ...leafLoop('rows', d, { fadd: accumulators - 1 }, [], [{ array: 'out', bytes: 4 }]), inner: [groups] };
  return { kernel: 'matvec', name, layer, arrays, loops: [rows] };
}
