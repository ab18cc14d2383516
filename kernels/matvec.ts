// Matrix-vector products, output first as in llama2.c.
//
// matvecQ8 is runq.c's matmul: per row, per group of GS columns, an exact int32 sum of int8 x int8 products,
// then val += float(ival) * w.s * x.s in binary32. matvecF32 is run.c's float matmul. Both split the float
// sum over `accumulators` partial sums (kernels/reduction.ts); 1 is llama2.c's sequential order.
import type { QuantizedTensor } from './model/types.js';
import type { ArraySpec, KernelCall } from './loops.js';
import { leafLoop } from './loops.js';
import { combineTree, MAX_ACCUMULATORS } from './reduction.js';

const partial = new Float32Array(MAX_ACCUMULATORS);

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
  const wq = w.q;
  const ws = w.s;
  const groupsPerRow = n / gs;
  for (let i = 0; i < d; i++) {
    const rowBase = i * n;
    const rowGroup = i * groupsPerRow;
    if (accumulators === 1) {
      let val = 0;
      for (let g = 0; g < groupsPerRow; g++) {
        const ival = dotInt8(wq, rowBase + g * gs, xq, g * gs, gs);
        val = Math.fround(val + Math.fround(Math.fround(Math.fround(ival) * ws[rowGroup + g]) * xs[g]));
      }
      out[i] = val;
    } else {
      partial.fill(0, 0, accumulators);
      for (let g = 0; g < groupsPerRow; g++) {
        const ival = dotInt8(wq, rowBase + g * gs, xq, g * gs, gs);
        const p = g % accumulators;
        partial[p] = partial[p] + Math.fround(Math.fround(Math.fround(ival) * ws[rowGroup + g]) * xs[g]);
      }
      out[i] = combineTree(partial, accumulators);
    }
  }
}

/** Exact int32 dot product of gs int8 pairs. float(ival) is rounded by the caller as C's (float) cast does. */
function dotInt8(a: Int8Array, aOffset: number, b: Int8Array, bOffset: number, gs: number): number {
  let sum = 0;
  for (let k = 0; k < gs; k++) sum += a[aOffset + k] * b[bOffset + k];
  return sum;
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
  const lanes = leafLoop('lanes', gs, { mul8: 1, add32: 1 }, [{ array: 'w.q', bytes: 1 }, { array: 'xq.q', bytes: 1 }], []);
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
