// A kernel spec after loading: one HLS function as the scheduler and the resource model see it. Every
// number is a plain SI number or a count, every type parsed, every directive resolved to what was written
// (what Vitis decides on its own, auto-pipelining and flattening, is the scheduler's job). Both the JSON
// specs users write (load.ts) and the built-in Llama kernels under a design (from-call.ts) become this.
import type { Resources } from '../../hw-models/devices/types.js';
import type { DataType } from '../../hw-models/datatypes.js';
import type { MathLibrary, TypedOp } from '../../hw-models/typed-operators.js';
import type { Partition } from '../../kernels/design.js';

export type SpecStorage = 'auto' | 'bram' | 'uram' | 'lutram' | 'registers';

export interface SpecArray {
  name: string;
  elements: number;
  type: DataType;
  /** m_axi bundles an off-chip array is striped over (rows in turn); empty for an on-chip array. */
  bundles: string[];
  /** The on-chip copy: the array itself, or the staging buffer of an off-chip one (null: read straight off the port). */
  buffer: { partition: Partition; storage: SpecStorage } | null;
  rom: boolean; // a constant table: Vitis replicates it for more read ports instead of limiting II
  /** An argument outside the function (no memory inside it): a RAM port, a FIFO, or wires (ap_vld, ap_none, ...). */
  external: 'memory' | 'fifo' | 'wire' | null;
  portsPerBank: 1 | 2; // BIND_STORAGE type=ram_1p / rom_1p: one port per bank
}

export interface SpecBundle {
  widthBits: number;
}

export interface TripCount {
  min: number;
  max: number;
  avg: number;
}

/** A dependence carried from one iteration to the next through `op`'s result. */
export interface Carried {
  op: TypedOp;
  accumulators: number; // the dependence split over this many partial results
  viaMemory: boolean; // the value goes through an array (load and store on the recurrence)
}

export interface SpecLoop {
  label: string;
  trip: TripCount;
  ops: Map<TypedOp, number>; // per iteration, inner loops not counted; TypedOp values are interned (opKey)
  reads: Map<string, number>; // array -> elements per iteration
  writes: Map<string, number>;
  carried: Carried | null;
  pipeline: { ii: number } | 'off' | null; // null: nothing written, Vitis may pipeline it (autoPipeline)
  unroll: number | 'full' | null;
  inner: SpecLoop[]; // run one after another inside each iteration
}

export interface KernelSpec {
  name: string;
  part: string;
  budget: Resources; // what user logic may use on the part
  clockHz: number;
  clockUncertaintyS: number; // Vitis's default: 27% of the period
  math: MathLibrary;
  autoPipelineThreshold: number; // config_compile -pipeline_loops; 0: off
  autoPartition: boolean; // config_array_partition -throughput_driven auto: Vitis partitions arrays that limit a pipeline's II
  pipeline: { ii: number } | null; // PIPELINE on the function: everything inside unrolled
  dataflow: boolean; // DATAFLOW on the function: the top-level loops are tasks that overlap
  arrays: Map<string, SpecArray>;
  bundles: Map<string, SpecBundle>;
  loops: SpecLoop[];
}
