// Checks of a design against the device and model it runs with: what loadDesign cannot know alone.
import { FpgasimError } from '../../kernels/errors.js';
import { describeDecodeStep } from '../../kernels/describe-step.js';
import type { ArrayRole } from '../../kernels/loops.js';
import type { ModelConfig } from '../../kernels/model/types.js';
import { defaultGroupSize } from '../../kernels/model/shapes.js';
import type { Device, MemoryChannel } from '../../hw-models/devices/types.js';
import type { Design } from '../../kernels/design.js';

/** The memory a bundle is connected to; a bundle with no memory goes to the platform's first bank. */
export function memoryOfBundle(design: Design, device: Device, bundle: string): MemoryChannel {
  const wanted = design.bundles[bundle].memory ?? device.memories[0].id;
  const memory = device.memories.find((m) => m.id === wanted);
  if (!memory) {
    throw new FpgasimError(
      `bundles.${bundle}.memory = "${wanted}" is not a memory of ${device.id} (it has ${device.memories.map((m) => m.id).join(', ')})`,
    );
  }
  return memory;
}

/** Throws for a design that cannot be built at all; over-budget designs pass (they are reported, not refused). */
export function checkDesignAgainst(design: Design, device: Device, config: ModelConfig): void {
  if (design.clockHz > device.maxClockHz) {
    throw new FpgasimError(`clock = ${design.clockHz / 1e6} MHz is above ${device.id}'s ${device.maxClockHz / 1e6} MHz limit`);
  }
  for (const [name, bundle] of Object.entries(design.bundles)) {
    memoryOfBundle(design, device, name);
    if (bundle.widthBits > device.maxi.maxPortBits || bundle.widthBits < device.maxi.minPortBits) {
      throw new FpgasimError(`bundles.${name}.widthBits = ${bundle.widthBits} is outside ${device.id}'s m_axi widths ${device.maxi.minPortBits}..${device.maxi.maxPortBits}`);
    }
  }
  const { dim, hiddenDim } = config;
  if (dim % design.groupSize !== 0 || hiddenDim % design.groupSize !== 0) {
    throw new FpgasimError(
      `groupSize = ${design.groupSize} must divide dim ${dim} and hidden_dim ${hiddenDim} (e.g. --set groupSize=${defaultGroupSize(config)})`,
    );
  }
  // every off-chip array must fit the memory its bundle reaches (all arrays of a role share it)
  const bytesByMemory = new Map<string, number>();
  for (const [role, bytes] of bytesPerRole(config, design)) {
    const where = design.placement[role];
    if (!where.offChip) continue;
    for (const bundle of where.bundles) {
      const memory = memoryOfBundle(design, device, bundle);
      bytesByMemory.set(memory.id, (bytesByMemory.get(memory.id) ?? 0) + bytes / where.bundles.length);
    }
  }
  for (const [id, bytes] of bytesByMemory) {
    const memory = device.memories.find((m) => m.id === id)!;
    if (bytes > memory.capacityBytes) {
      throw new FpgasimError(
        `placement puts ${(bytes / 2 ** 30).toFixed(2)} GiB in ${id}, which holds ${(memory.capacityBytes / 2 ** 30).toFixed(2)} GiB: spread the arrays over more bundles and memories`,
      );
    }
  }
}

/** Bytes of every array role of the model, counted once (each weight matrix, the caches, the embedding). */
export function bytesPerRole(config: ModelConfig, design: Design): Map<ArrayRole, number> {
  const bytes = new Map<ArrayRole, number>();
  const seen = new Set<string>();
  for (const call of describeDecodeStep(config, 0, design)) {
    for (const a of call.arrays) {
      // the caches and the embedding table appear in every layer's calls but exist once; weights are per call
      const key = a.role === 'weights' ? `${call.name}/${a.name}` : `${a.role}/${a.name}`;
      if (a.role === 'activation' || a.role === 'norm' || seen.has(key)) continue;
      seen.add(key);
      bytes.set(a.role, (bytes.get(a.role) ?? 0) + a.elements * a.bytesPerElement);
    }
  }
  bytes.set('norm', (2 * config.nLayers + 1) * config.dim * 4);
  return bytes;
}
