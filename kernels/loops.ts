// Kernels describe themselves as data: for a given shape and design parameters each kernel exports its loop
// nest (trip counts, operations and bytes per iteration, loop-carried accumulations). The simulator times
// these descriptions and the HLS emitter labels its loops after them, so what is timed, what is emitted and
// what is computed are one thing. The arithmetic itself lives beside each description, in the same file.

/**
 * Operations a kernel performs, as the HLS operators that implement them (hw-models prices each one).
 * fexp/fsin/fcos/fpow are the project's own binary32 algorithms (kernels/math), priced as their steps.
 */
export type Op =
  | 'fadd' // float32 add or subtract
  | 'fmul'
  | 'fdiv'
  | 'fsqrt'
  | 'fcmp' // float32 compare (max, abs)
  | 'fexp'
  | 'fsin'
  | 'fcos'
  | 'fpow'
  | 'sitofp' // int32 -> float32
  | 'fptosi' // float32 -> int (with rounding half away from zero)
  | 'mul8' // int8 x int8 -> int16 product
  | 'add32'; // int32 add

export type OpCounts = Partial<Record<Op, number>>;

/** What an array holds decides where a design may put it (DDR/HBM, BRAM, URAM). */
export type ArrayRole = 'weights' | 'embedding' | 'norm' | 'kv-cache' | 'activation' | 'logits';

export interface ArraySpec {
  name: string; // e.g. 'w.q' (int8 values), 'w.s' (scales), 'x', 'key_cache'
  role: ArrayRole;
  elements: number;
  bytesPerElement: number;
}

/** Bytes of one array read or written per iteration of a loop. */
export interface Access {
  array: string; // an ArraySpec name of the same kernel call
  bytes: number;
}

export interface Loop {
  label: string; // the HLS loop label, e.g. 'rows', 'groups', 'lanes'
  trip: number;
  ops: OpCounts; // per iteration, not counting inner loops
  reads: Access[]; // per iteration, not counting inner loops
  writes: Access[];
  /** A float accumulation carried from one iteration to the next, split over this many partial sums. */
  carried?: { op: Op; accumulators: number };
  inner: Loop[]; // inner loops, run one after another inside each iteration
}

export type KernelName =
  | 'embed'
  | 'rmsnorm'
  | 'quantize'
  | 'matvec'
  | 'rope'
  | 'attention'
  | 'swiglu'
  | 'residual';

/** One call of a kernel inside a decode step, e.g. the wq matvec of layer 3. */
export interface KernelCall {
  kernel: KernelName;
  name: string; // unique within a step, e.g. 'L3.wq'
  layer: number | null; // null outside the transformer layers (embedding, final norm, classifier)
  arrays: ArraySpec[];
  loops: Loop[]; // top-level loops, run one after another
}

/** Operations of a loop nest, all iterations included. */
export function totalOps(loops: Loop[], into: OpCounts = {}): OpCounts {
  for (const loop of loops) {
    const inner = totalOps(loop.inner);
    for (const [op, n] of Object.entries(loop.ops) as [Op, number][]) into[op] = (into[op] ?? 0) + n * loop.trip;
    for (const [op, n] of Object.entries(inner) as [Op, number][]) into[op] = (into[op] ?? 0) + n * loop.trip;
  }
  return into;
}

/** Bytes moved per array by a loop nest, all iterations included. */
export function totalBytes(loops: Loop[], kind: 'reads' | 'writes', into: Record<string, number> = {}): Record<string, number> {
  for (const loop of loops) {
    const inner = totalBytes(loop.inner, kind);
    for (const a of loop[kind]) into[a.array] = (into[a.array] ?? 0) + a.bytes * loop.trip;
    for (const [name, n] of Object.entries(inner)) into[name] = (into[name] ?? 0) + n * loop.trip;
  }
  return into;
}

/** Shorthand for a loop with no inner loops. */
export function leafLoop(label: string, trip: number, ops: OpCounts, reads: Access[], writes: Access[], carried?: Loop['carried']): Loop {
  return { label, trip, ops, reads, writes, ...(carried ? { carried } : {}), inner: [] };
}
