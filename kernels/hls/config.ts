// What the HLS emitter needs to know about a design point: the Design's directives (kernels/design.ts's
// types, shared with the simulator), plus what only its device knows (the part, each bundle's memory by
// the device's name) and the placement as the emitted C++ names it. sim/hls-config.ts makes one from a
// Design and its device; tests build it directly.
import { check } from '../errors.js';
import { ON_CHIP_STORAGE, type Bundle, type KernelDirectives, type OnChipStorage, type Partition } from '../design.js';
import type { ArrayRole, KernelName } from '../loops.js';
import type { ModelConfig } from '../model/types.js';
import { checkAllAccumulators, type Accumulators } from '../reduction.js';
import { checkMathLibrary, type MathLibrary } from '../math/library.js';
import type { Stripes } from './device-image.js';

export interface HlsConfig {
  designName: string;
  designSource: string; // where the design came from, for the README and file headers
  part: string; // the FPGA part for set_part
  clockHz: number;
  groupSize: number;
  accumulators: Accumulators;
  /** The exp/sin/cos/pow the kernels call: fpgasim_math_glibc.h or fpgasim_math.h (kernels/math/library.ts). */
  math: MathLibrary;
  composition: 'sequential' | 'dataflow';
  bundles: Record<string, Bundle>; // memory: the device memory for v++ linking ('DDR[1]', 'HBM[3]'); null: the platform's default
  /**
   * Where each role lives: a bundle name, an ON_CHIP_STORAGE kind, or a list of bundles the role's rows are
   * striped over (row r behind bundle r % K; the design format's list).
   */
  placement: Record<ArrayRole, string | string[]>;
  activationPartition: Partition;
  kernels: Record<KernelName, KernelDirectives>;
}

/** Roles the emitted top function reads or writes through m_axi: their data lives in device memory. */
const OFF_CHIP_ROLES: readonly ArrayRole[] = ['weights', 'embedding', 'norm', 'logits'];

/**
 * Roles whose rows the emitted C++ can stripe over several bundles, and what a row is: a matrix row (weights),
 * a token's embedding, a position of a layer's KV cache. The norms and the logits are one-dimensional reads
 * of a few KiB a token: striping them would spread no bandwidth worth having.
 */
export const STRIPED_ROWS: Partial<Record<ArrayRole, string>> = { weights: 'each matrix by rows', embedding: 'the embedding by tokens', 'kv-cache': "each layer's cache by positions" };

export const isOnChip = (where: string | string[]): where is OnChipStorage => typeof where === 'string' && (ON_CHIP_STORAGE as readonly string[]).includes(where);

/** The bundles a role's data lives behind, in stripe order: none on chip, one, or K for a striped role. */
export function bundlesOf(hls: HlsConfig, role: ArrayRole): string[] {
  const where = hls.placement[role];
  if (typeof where !== 'string') return where;
  return where in hls.bundles ? [where] : [];
}

/** How many bundles a role's rows are striped over: 1 when not striped (or on chip). */
export const stripesOf = (hls: HlsConfig, role: ArrayRole): number => Math.max(1, bundlesOf(hls, role).length);

/** The device image's striping: how many bundles weights, embedding and KV cache are each spread over. */
export const imageStripes = (hls: HlsConfig): Stripes => ({ weights: stripesOf(hls, 'weights'), embedding: stripesOf(hls, 'embedding'), kvCache: stripesOf(hls, 'kv-cache') });

/** Throws a one-line FpgasimError for a design point the emitted C++ cannot express, or a model it does not fit. */
export function checkHlsConfig(hls: HlsConfig, model: ModelConfig): void {
  checkAllAccumulators(hls.accumulators);
  checkMathLibrary(hls.math);
  const { dim, hiddenDim } = model;
  check(
    Number.isInteger(hls.groupSize) && hls.groupSize >= 1 && dim % hls.groupSize === 0 && hiddenDim % hls.groupSize === 0,
    `groupSize = ${hls.groupSize} must divide dim ${dim} and hidden_dim ${hiddenDim}`,
  );
  const names = Object.keys(hls.bundles).join(', ');
  for (const [role, where] of Object.entries(hls.placement) as [ArrayRole, string | string[]][]) {
    if (typeof where === 'string') continue;
    const text = JSON.stringify(where);
    check(STRIPED_ROWS[role] !== undefined, `placement.${role} = ${text}: emit-hls stripes only ${Object.keys(STRIPED_ROWS).join(', ')} over several bundles; give ${role} one bundle`);
    check(
      where.length >= 1 && where.every((b) => b in hls.bundles) && new Set(where).size === where.length,
      `placement.${role} = ${text}: a stripe lists distinct bundles (${names})`,
    );
  }
  for (const role of OFF_CHIP_ROLES) {
    check(
      bundlesOf(hls, role).length > 0,
      `placement.${role} = "${hls.placement[role]}": emit-hls keeps ${role} in device memory behind an m_axi bundle (${names}); on-chip placement is supported for activation and kv-cache only`,
    );
  }
  const cache = hls.placement['kv-cache'];
  check(
    bundlesOf(hls, 'kv-cache').length > 0 || cache === 'bram' || cache === 'uram' || cache === 'lutram',
    `placement.kv-cache = "${cache}": allowed are a bundle (${names}), a list of bundles, bram, uram or lutram`,
  );
  check(isOnChip(hls.placement.activation), `placement.activation = "${hls.placement.activation}": allowed are ${ON_CHIP_STORAGE.join(', ')}`);
  check(hls.clockHz > 0 && Number.isFinite(hls.clockHz), `clock ${hls.clockHz} Hz is not a positive frequency`);
}
