// A design point and its device as the HLS emitter takes them (kernels/hls/config.ts): the Design itself,
// each bundle's memory checked against the device (v++ links to it by that name), and the device's part.
import type { HlsConfig } from '../kernels/hls/config.js';
import type { Device } from '../hw-models/devices/types.js';
import { memoryOfBundle } from './design/check.js';
import type { Design } from '../kernels/design.js';

/** designSource says where the design came from (a file and its --set overrides), for the generated files. */
export function hlsConfigOf(design: Design, device: Device, designSource: string): HlsConfig {
  // a null memory stays null: v++ then picks the platform's default bank
  for (const [name, bundle] of Object.entries(design.bundles)) if (bundle.memory !== null) memoryOfBundle(design, device, name);
  return { design, part: device.part, designSource };
}
