// A design point and its device as the HLS emitter's plain config (kernels/hls/config.ts): the part to
// synthesize for, the clock, and each bundle's memory resolved to the device's name for v++ linking.
import { computedMath } from '../kernels/math/library.js';
import type { HlsConfig } from '../kernels/hls/config.js';
import type { Device } from '../hw-models/devices/types.js';
import { memoryOfBundle } from './design/check.js';
import type { Design, Location } from '../kernels/design.js';

/** A role's place as the emitter names it: its bundle, the list of bundles it is striped over, or its on-chip storage kind. */
function placeOf(location: Location): string | string[] {
  if (!location.offChip) return location.storage;
  return location.bundles.length === 1 ? location.bundles[0] : [...location.bundles];
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
    math: computedMath(design.math), // hls_math is priced only: the emitted C++ computes glibc's functions
    composition: design.composition,
    bundles,
    placement: Object.fromEntries(Object.entries(design.placement).map(([role, location]) => [role, placeOf(location)])) as HlsConfig['placement'],
    activationPartition: { ...design.activationPartition },
    kernels: structuredClone(design.kernels),
  };
}
