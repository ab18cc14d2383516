// What the HLS emitter needs to know about a design point: the Design itself (kernels/design.ts, the one type
// the simulator times too) and what only its device knows (the part). sim/hls-config.ts makes one from a
// Design and its device; tests build it directly.
import { check } from '../errors.js';
import { locationText, ON_CHIP_STORAGE, type Design, type Location, type OnChipStorage } from '../design.js';
import type { ArrayRole } from '../loops.js';
import type { ModelConfig } from '../model/types.js';
import { checkAllAccumulators } from '../reduction.js';
import { checkMathLibrary, computedMath, type MathLibrary } from '../math/library.js';
import type { Stripes } from './device-image.js';

export interface HlsConfig {
  /** The design point (kernels/design.ts, the simulator's type too), its bundles' memories checked against the device. */
  design: Design;
  part: string; // the device's FPGA part, for set_part
  designSource: string; // where the design came from (a file and its --set overrides), for the README and file headers
}

/** The exp/sin/cos/pow the emitted kernels compute: fpgasim_math_glibc.h or fpgasim_math.h (hls_math is priced, emitted as glibc). */
export const emittedMath = (hls: HlsConfig): MathLibrary => computedMath(hls.design.math);

/** Roles the emitted top function reads or writes through m_axi: their data lives in device memory. */
const OFF_CHIP_ROLES: readonly ArrayRole[] = ['weights', 'embedding', 'norm', 'logits'];

/**
 * Roles whose rows the emitted C++ can stripe over several bundles, and what a row is: a matrix row (weights),
 * a token's embedding, a position of a layer's KV cache. The norms and the logits are one-dimensional reads
 * of a few KiB a token: striping them would spread no bandwidth worth having.
 */
export const STRIPED_ROWS: Partial<Record<ArrayRole, string>> = { weights: 'each matrix by rows', embedding: 'the embedding by tokens', 'kv-cache': "each layer's cache by positions" };

/** The on-chip storage a role lives in, or null when it lives behind m_axi bundles. */
export const onChipStorage = (hls: HlsConfig, role: ArrayRole): OnChipStorage | null => {
  const where = hls.design.placement[role];
  return where.offChip ? null : where.storage;
};

/** The bundles a role's data lives behind, in stripe order: none on chip, one, or K for a striped role. */
export function bundlesOf(hls: HlsConfig, role: ArrayRole): string[] {
  const where = hls.design.placement[role];
  return where.offChip ? where.bundles : [];
}

/** How many bundles a role's rows are striped over: 1 when not striped (or on chip). */
export const stripesOf = (hls: HlsConfig, role: ArrayRole): number => Math.max(1, bundlesOf(hls, role).length);

/** The device image's striping: how many bundles weights, embedding and KV cache are each spread over. */
export const imageStripes = (hls: HlsConfig): Stripes => ({ weights: stripesOf(hls, 'weights'), embedding: stripesOf(hls, 'embedding'), kvCache: stripesOf(hls, 'kv-cache') });

/** Throws a one-line FpgasimError for a design point the emitted C++ cannot express, or a model it does not fit. */
export function checkHlsConfig(hls: HlsConfig, model: ModelConfig): void {
  const { design } = hls;
  checkAllAccumulators(design.accumulators);
  checkMathLibrary(emittedMath(hls));
  const { dim, hiddenDim } = model;
  check(
    Number.isInteger(design.groupSize) && design.groupSize >= 1 && dim % design.groupSize === 0 && hiddenDim % design.groupSize === 0,
    `groupSize = ${design.groupSize} must divide dim ${dim} and hidden_dim ${hiddenDim}`,
  );
  const names = Object.keys(design.bundles).join(', ');
  for (const [role, where] of Object.entries(design.placement) as [ArrayRole, Location][]) {
    if (!where.offChip) continue;
    const text = locationText(where);
    check(where.bundles.length <= 1 || STRIPED_ROWS[role] !== undefined, `placement.${role} = ${text}: emit-hls stripes only ${Object.keys(STRIPED_ROWS).join(', ')} over several bundles; give ${role} one bundle`);
    check(
      where.bundles.length >= 1 && where.bundles.every((b) => b in design.bundles) && new Set(where.bundles).size === where.bundles.length,
      where.bundles.length === 1 ? `placement.${role} = ${text} is not a bundle (${names})` : `placement.${role} = ${text}: a stripe lists distinct bundles (${names})`,
    );
  }
  for (const role of OFF_CHIP_ROLES) {
    check(
      bundlesOf(hls, role).length > 0,
      `placement.${role} = ${locationText(design.placement[role])}: emit-hls keeps ${role} in device memory behind an m_axi bundle (${names}); on-chip placement is supported for activation and kv-cache only`,
    );
  }
  const cache = onChipStorage(hls, 'kv-cache');
  check(
    cache === null || cache === 'bram' || cache === 'uram' || cache === 'lutram',
    `placement.kv-cache = "${cache}": allowed are a bundle (${names}), a list of bundles, bram, uram or lutram`,
  );
  check(onChipStorage(hls, 'activation') !== null, `placement.activation = ${locationText(design.placement.activation)}: allowed are ${ON_CHIP_STORAGE.join(', ')}`);
  check(design.clockHz > 0 && Number.isFinite(design.clockHz), `clock ${design.clockHz} Hz is not a positive frequency`);
}
