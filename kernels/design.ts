// A design point: everything an HLS engineer decides about an accelerator, as plain data. designs/*.json
// hold them with units as strings ("250 MHz"); sim/design/load.ts checks them and turns units into SI
// numbers. Defined here, left of both users: the simulator times a Design and the HLS emitter writes one.
import type { ArrayRole, KernelName } from './loops.js';
import type { Accumulators } from './reduction.js';
import type { DesignMath } from './math/library.js';

export type PartitionType = 'none' | 'cyclic' | 'block' | 'complete';

export interface Partition {
  type: PartitionType;
  factor: number; // banks for cyclic/block; ignored (1) for none and complete
}

/** On-chip storage a design can ask for. */
export const ON_CHIP_STORAGE = ['bram', 'uram', 'lutram', 'registers'] as const;
export type OnChipStorage = (typeof ON_CHIP_STORAGE)[number];

/**
 * Off chip, an array may be striped over several bundles (in JSON, a list of bundle names): rows go to the
 * bundles in turn, so a loop reading a row per iteration reads 1/K of its bytes through each of K ports.
 */
export type Location = { offChip: true; bundles: string[] } | { offChip: false; storage: OnChipStorage };

/** A location as a design file writes it: an on-chip storage kind, a bundle name, or a list of bundles to stripe over. */
export function locationOf(written: string | readonly string[]): Location {
  if (typeof written === 'string' && (ON_CHIP_STORAGE as readonly string[]).includes(written)) return { offChip: false, storage: written as OnChipStorage };
  return { offChip: true, bundles: typeof written === 'string' ? [written] : [...written] };
}

/** The inverse of locationOf, as JSON: "bram", "gmem" or ["gmem0","gmem1"]. */
export const locationText = (where: Location): string =>
  !where.offChip ? JSON.stringify(where.storage) : where.bundles.length === 1 ? JSON.stringify(where.bundles[0]) : JSON.stringify(where.bundles);

/** An m_axi interface bundle (one AXI4 master port of the kernel). */
export interface Bundle {
  widthBits: number; // AXI data width: 32..512
  memory: string | null; // the device memory it is connected to (e.g. 'DDR[0]', 'HBM[3]'); null: the platform default bank
  maxReadBurstBeats: number; // max_read_burst_length
  maxOutstandingReads: number; // num_read_outstanding
}

/** HLS directives for one kernel, applied to every call of it (the function is shared hardware). */
export interface KernelDirectives {
  pipeline: string[]; // loop labels to PIPELINE (loops inside a pipelined loop are fully unrolled)
  ii: number; // requested II of the pipelined loops
  unroll: Record<string, number>; // loop label -> UNROLL factor (a pipelined loop unrolled by f processes f iterations per II)
  partition: Record<string, Partition>; // array name -> ARRAY_PARTITION of its on-chip copy
  stage: string[]; // off-chip arrays copied through an on-chip buffer inside the loop (their buffer costs ports)
}

export interface HostShare {
  sampling: 'host'; // the host samples the next token from the logits
  logitsToHost: boolean; // the kernel writes logits to device memory and the host copies them over PCIe
}

export interface Design {
  name: string;
  description: string;
  device: string; // hw-models device id
  clockHz: number;
  groupSize: number;
  accumulators: Accumulators;
  /** The exp/sin/cos/pow of the kernels (kernels/math/library.ts); in JSON optional, default "glibc". */
  math: DesignMath;
  composition: 'sequential' | 'dataflow'; // how the kernel calls of a layer run: one after another, or as kernels/step.ts's DATAFLOW regions (tasks joined by FIFOs)
  bundles: Record<string, Bundle>;
  /** Where each kind of array lives: off chip behind one or more m_axi bundles, or in on-chip storage. */
  placement: Record<ArrayRole, Location>;
  activationPartition: Partition; // how on-chip activation vectors are partitioned unless a kernel says otherwise
  kernels: Record<KernelName, KernelDirectives>;
  host: HostShare;
}
