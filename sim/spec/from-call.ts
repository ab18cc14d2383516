// A built-in kernel call (its loop description in kernels/) under a design point, as a kernel spec: the
// design's directives for that kernel become the loops' PIPELINE and UNROLL, its placement puts each array on
// chip or behind its bundles, and the kernel's operations become typed operations. From here on a built-in
// kernel and a user's spec are scheduled and sized by the same code.
import type { ArraySpec, KernelCall, Loop, Op } from '../../kernels/loops.js';
import type { Device } from '../../hw-models/devices/types.js';
import { parseDataType } from '../../hw-models/datatypes.js';
import { typedOp, type TypedOp } from '../../hw-models/typed-operators.js';
import type { Design } from '../../kernels/design.js';
import { DEFAULT_CLOCK_UNCERTAINTY } from './load.js';
import type { KernelSpec, SpecArray, SpecLoop } from './types.js';

/** The built-in operations as typed operations (fexp...fpow are the project's binary32 functions). */
export const BUILTIN_OPS: Record<Op, string> = {
  fadd: 'add float32',
  fmul: 'mul float32',
  fdiv: 'div float32',
  fsqrt: 'sqrt float32',
  fcmp: 'cmp float32',
  fexp: 'exp float32',
  fsin: 'sin float32',
  fcos: 'cos float32',
  fpow: 'pow float32',
  sitofp: 'sitofp int32',
  fptosi: 'fptosi float32',
  mul8: 'mul int8',
  add32: 'add int32',
};

const typed = (op: Op): TypedOp => typedOp(BUILTIN_OPS[op], `built-in operation ${op}`);

/** The element type of a built-in array: int8 values, float32 everything else. */
function elementType(array: ArraySpec) {
  return parseDataType(array.bytesPerElement === 1 ? 'int8' : 'float32', `array ${array.name}`);
}

function placeArray(array: ArraySpec, design: Design, call: KernelCall): SpecArray {
  const directives = design.kernels[call.kernel];
  const where = design.placement[array.role];
  const partition = directives.partition[array.name] ?? (array.role === 'activation' ? design.activationPartition : { type: 'none' as const, factor: 1 });
  const staged = where.offChip && directives.stage.includes(array.name);
  const storage = where.offChip ? 'bram' : where.storage;
  return {
    name: array.name,
    elements: array.elements,
    type: elementType(array),
    bundles: where.offChip ? where.bundles : [],
    buffer: !where.offChip || staged ? { partition, storage } : null,
    rom: false,
    external: null,
    portsPerBank: 2,
  };
}

export function specFromCall(call: KernelCall, design: Design, device: Device): KernelSpec {
  const directives = design.kernels[call.kernel];
  const arrays = new Map(call.arrays.map((a) => [a.name, placeArray(a, design, call)]));
  const elementsOf = (accesses: Loop['reads']) => new Map(accesses.map((a) => [a.array, a.bytes / call.arrays.find((x) => x.name === a.array)!.bytesPerElement]));
  const toSpec = (loop: Loop): SpecLoop => ({
    label: loop.label,
    trip: { min: loop.trip, max: loop.trip, avg: loop.trip },
    ops: new Map(Object.entries(loop.ops).filter(([, n]) => (n ?? 0) > 0).map(([op, n]) => [typed(op as Op), n!])),
    reads: elementsOf(loop.reads),
    writes: elementsOf(loop.writes),
    carried: loop.carried ? { op: typed(loop.carried.op), accumulators: loop.carried.accumulators, viaMemory: false } : null,
    // the emitted C++ pipelines exactly the loops the design names, and nothing else (emit-tcl turns auto-pipelining off)
    pipeline: directives.pipeline.includes(loop.label) ? { ii: directives.ii } : 'off',
    unroll: directives.unroll[loop.label] ?? null,
    inner: loop.inner.map(toSpec),
  });
  return {
    name: call.name,
    part: device.part,
    budget: device.budget,
    clockHz: design.clockHz,
    clockUncertaintyS: DEFAULT_CLOCK_UNCERTAINTY / design.clockHz,
    math: design.math,
    autoPipelineThreshold: 0,
    autoPartition: false, // emit-tcl turns Vitis's throughput-driven partitioning off: arrays are partitioned as the design says
    pipeline: null,
    dataflow: false,
    arrays,
    bundles: new Map(Object.entries(design.bundles).map(([name, b]) => [name, { widthBits: b.widthBits }])),
    loops: call.loops.map(toSpec),
  };
}
