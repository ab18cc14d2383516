// A design point and its device as the HLS emitter's plain config (kernels/hls/config.ts): the part to
// synthesize for, the clock, and each bundle's memory resolved to the device's name for v++ linking.
import { FpgasimError } from '../kernels/errors.js';
import type { HlsConfig } from '../kernels/hls/config.js';
import type { ArrayRole } from '../kernels/loops.js';
import type { Device } from '../hw-models/devices/types.js';
import { memoryOfBundle } from './design/check.js';
import type { Design, Location } from './design/types.js';

/** A role's place as the emitter names it: its one bundle, or its on-chip storage kind. */
function placeOf(role: ArrayRole, location: Location): string {
  if (!location.offChip) return location.storage;
  if (location.bundles.length !== 1) {
    throw new FpgasimError(
      `placement.${role} stripes over ${location.bundles.length} bundles (${location.bundles.join(', ')}): emit-hls emits one m_axi port per array, so give it one bundle`,
    );
  }
  return location.bundles[0];
}

/** designSource says where the design came from (a file and its --set overrides), for the generated files. */
export function hlsConfigOf(design: Design, device: Device, designSource: string): HlsConfig {
  const bundles = Object.fromEntries(
    Object.entries(design.bundles).map(([name, b]) => [
      name,
      {
        widthBits: b.widthBits,
        // checked against the device here; null stays null: v++ then picks the platform's default bank
        memory: b.memory === null ? null : memoryOfBundle(design, device, name).id,
        maxReadBurstBeats: b.maxReadBurstBeats,
        maxOutstandingReads: b.maxOutstandingReads,
      },
    ]),
  );
  return {
    designName: design.name,
    designSource,
    part: device.part,
    clockHz: design.clockHz,
    groupSize: design.groupSize,
    accumulators: { ...design.accumulators },
    composition: design.composition,
    bundles,
    placement: Object.fromEntries(Object.entries(design.placement).map(([role, location]) => [role, placeOf(role as ArrayRole, location)])) as HlsConfig['placement'],
    activationPartition: { ...design.activationPartition },
    kernels: structuredClone(design.kernels),
  };
}
