// What the HLS emitter needs to know about a design point, as plain data. kernels/ cannot import the
// simulator's Design type (imports flow kernels -> hw-models -> sim), so sim/hls-config.ts turns a Design
// and its device into this; tests build it directly.
import { check } from '../errors.js';
import type { ArrayRole, KernelName } from '../loops.js';
import type { ModelConfig } from '../model/types.js';
import { checkAllAccumulators, type Accumulators } from '../reduction.js';

export type HlsPartitionType = 'none' | 'cyclic' | 'block' | 'complete';

export interface HlsPartition {
  type: HlsPartitionType;
  factor: number; // banks for cyclic/block; 1 for none and complete
}

/** On-chip storage kinds a placement may name (anything else is an m_axi bundle). */
export const ON_CHIP_STORAGE = ['bram', 'uram', 'lutram', 'registers'] as const;
export type OnChipStorage = (typeof ON_CHIP_STORAGE)[number];

export interface HlsBundle {
  widthBits: number;
  memory: string | null; // the device memory for v++ linking ('DDR[1]', 'HBM[3]'); null: the platform's default
  maxReadBurstBeats: number;
  maxOutstandingReads: number;
}

/** A kernel's directives, applied to every call of it (as the simulator applies them). */
export interface HlsKernelDirectives {
  pipeline: string[]; // loop labels
  ii: number;
  unroll: Record<string, number>; // loop label -> factor
  partition: Record<string, HlsPartition>; // array name (kernels' ArraySpec names) -> partitioning
  stage: string[]; // off-chip arrays read through an on-chip buffer
}

export interface HlsConfig {
  designName: string;
  designSource: string; // where the design came from, for the README and file headers
  part: string; // the FPGA part for set_part
  clockHz: number;
  groupSize: number;
  accumulators: Accumulators;
  composition: 'sequential' | 'dataflow';
  bundles: Record<string, HlsBundle>;
  placement: Record<ArrayRole, string>; // a bundle name or an ON_CHIP_STORAGE kind
  activationPartition: HlsPartition;
  kernels: Record<KernelName, HlsKernelDirectives>;
}

/** Roles the emitted top function reads or writes through m_axi: their data lives in device memory. */
const OFF_CHIP_ROLES: readonly ArrayRole[] = ['weights', 'embedding', 'norm', 'logits'];

export const isOnChip = (where: string): where is OnChipStorage => (ON_CHIP_STORAGE as readonly string[]).includes(where);

/** Throws a one-line FpgasimError for a design point the emitted C++ cannot express, or a model it does not fit. */
export function checkHlsConfig(hls: HlsConfig, model: ModelConfig): void {
  checkAllAccumulators(hls.accumulators);
  const { dim, hiddenDim } = model;
  check(
    Number.isInteger(hls.groupSize) && hls.groupSize >= 1 && dim % hls.groupSize === 0 && hiddenDim % hls.groupSize === 0,
    `groupSize = ${hls.groupSize} must divide dim ${dim} and hidden_dim ${hiddenDim}`,
  );
  for (const role of OFF_CHIP_ROLES) {
    const where = hls.placement[role];
    check(
      where in hls.bundles,
      `placement.${role} = "${where}": emit-hls keeps ${role} in device memory behind an m_axi bundle (${Object.keys(hls.bundles).join(', ')}); on-chip placement is supported for activation and kv-cache only`,
    );
  }
  const cache = hls.placement['kv-cache'];
  check(
    cache in hls.bundles || cache === 'bram' || cache === 'uram' || cache === 'lutram',
    `placement.kv-cache = "${cache}": allowed are a bundle (${Object.keys(hls.bundles).join(', ')}), bram, uram or lutram`,
  );
  check(isOnChip(hls.placement.activation), `placement.activation = "${hls.placement.activation}": allowed are ${ON_CHIP_STORAGE.join(', ')}`);
  check(hls.clockHz > 0 && Number.isFinite(hls.clockHz), `clock ${hls.clockHz} Hz is not a positive frequency`);
}
