// What a design instantiates, against the device's budget: operator instances from the scheduled loops,
// on-chip arrays mapped onto BRAM/URAM/LUTRAM/registers, m_axi adapters, and loop control. Each kernel is
// one hardware function shared by all its calls (sized for the largest), replicated when a dataflow design
// runs several calls of it side by side.
import type { KernelName, Op } from '../kernels/loops.js';
import type { Device, Resources } from '../hw-models/devices/types.js';
import { RESOURCE_KEYS } from '../hw-models/devices/types.js';
import { mapArray } from '../hw-models/memories.js';
import { maxiAdapterCost } from '../hw-models/maxi.js';
import { operatorCost } from '../hw-models/operators.js';
import type { Design } from '../kernels/design.js';
import { placeArrays, type ScheduledCall } from './schedule.js';

/**
 * ESTIMATES of control logic (not from a datasheet; typical of Vitis HLS csynth reports): each loop's FSM,
 * trip counter and exit logic, and the kernel's s_axilite control interface and top-level FSM.
 */
const CONTROL_PER_LOOP: Resources = { lut: 120, ff: 150, dsp: 0, bram18: 0, uram: 0 };
const CONTROL_TOP: Resources = { lut: 2000, ff: 3000, dsp: 0, bram18: 0, uram: 0 };

export interface ResourceUse {
  used: Resources;
  available: Resources;
  breakdown: Record<'operators' | 'memories' | 'maxi' | 'control', Resources>;
  perKernel: Map<KernelName, Resources>; // each kernel's own operators, arrays and loop control (all copies)
  shared: Resources; // what every kernel uses: m_axi adapters and the top-level control
  fits: boolean;
  overflows: string[]; // e.g. 'URAM: 1210 used, 800 available (151%)'
}

const zero = (): Resources => ({ lut: 0, ff: 0, dsp: 0, bram18: 0, uram: 0 });
function add(into: Resources, r: Partial<Resources>, times = 1): void {
  for (const key of RESOURCE_KEYS) into[key] += (r[key] ?? 0) * times;
}

export function estimateResources(schedules: ScheduledCall[], copies: Map<KernelName, number>, design: Design, device: Device): ResourceUse {
  const breakdown = { operators: zero(), memories: zero(), maxi: zero(), control: zero() };
  // per kernel: the largest call's operator instances, loops and buffers
  const perKernel = new Map<KernelName, { instances: Map<Op, number>; loops: number; buffers: Map<string, { words: number; call: ScheduledCall }> }>();
  for (const s of schedules) {
    const k = perKernel.get(s.call.kernel) ?? { instances: new Map(), loops: 0, buffers: new Map() };
    const callInstances = new Map<Op, number>();
    for (const loop of s.loops) {
      for (const [op, n] of Object.entries(loop.instances) as [Op, number][]) callInstances.set(op, (callInstances.get(op) ?? 0) + n);
    }
    for (const [op, n] of callInstances) k.instances.set(op, Math.max(k.instances.get(op) ?? 0, n));
    k.loops = Math.max(k.loops, s.loops.length);
    for (const [array, words] of Object.entries(s.bufferWords)) {
      if (words > (k.buffers.get(array)?.words ?? 0)) k.buffers.set(array, { words, call: s });
    }
    perKernel.set(s.call.kernel, k);
  }
  const kernelResources = new Map<KernelName, Resources>();
  for (const [kernel, k] of perKernel) {
    const n = copies.get(kernel) ?? 1;
    const own = zero();
    for (const [op, instances] of k.instances) add(own, operatorCost(op, design.clockHz), instances * n);
    add(breakdown.operators, own);
    const control = zero();
    add(control, CONTROL_PER_LOOP, k.loops * n);
    add(breakdown.control, control);
    add(own, control);
    for (const [arrayName, { words, call }] of k.buffers) {
      const array = call.call.arrays.find((a) => a.name === arrayName)!;
      const p = placeArrays(call.call, design).get(arrayName)!;
      const partition = p.storage === 'registers' ? { type: 'complete' as const } : p.buffer!;
      const storage = p.storage === 'registers' ? 'auto' : (p.storage as 'bram' | 'uram' | 'lutram');
      const factor = partition.type === 'cyclic' || partition.type === 'block' ? Math.min(partition.factor, words) : undefined;
      const m = mapArray({ words, bitsPerWord: array.bytesPerElement * 8, partition: { type: partition.type, factor }, storage });
      const memory = { bram18: m.bram18, uram: m.uram, lut: m.lutramLuts, ff: m.ff };
      add(breakdown.memories, memory, n);
      add(own, memory, n);
    }
    kernelResources.set(kernel, own);
  }
  for (const bundle of Object.values(design.bundles)) add(breakdown.maxi, maxiAdapterCost(bundle.widthBits));
  add(breakdown.control, CONTROL_TOP);
  const shared = zero();
  add(shared, breakdown.maxi);
  add(shared, CONTROL_TOP);

  const used = zero();
  for (const part of Object.values(breakdown)) add(used, part);
  for (const key of RESOURCE_KEYS) used[key] = Math.ceil(used[key]);
  const overflows = RESOURCE_KEYS.filter((key) => used[key] > device.budget[key]).map(
    (key) => `${LABEL[key]}: ${used[key]} used, ${device.budget[key]} available (${Math.round((100 * used[key]) / device.budget[key])}%)`,
  );
  return { used, available: { ...device.budget }, breakdown, perKernel: kernelResources, shared, fits: overflows.length === 0, overflows };
}

const LABEL: Record<keyof Resources, string> = { lut: 'LUT', ff: 'FF', dsp: 'DSP', bram18: 'BRAM18', uram: 'URAM' };
