// What a design instantiates, against the device's budget: operator instances from the scheduled loops,
// on-chip arrays mapped onto BRAM/URAM/LUTRAM/registers, m_axi adapters, and loop control. A function is
// priced from its schedules (one for a user's spec; for a built-in kernel, every call of it: the function is
// shared hardware, sized for its largest call, and replicated when a dataflow design runs several side by side).
import type { KernelName } from '../kernels/loops.js';
import type { Resources } from '../hw-models/devices/types.js';
import { RESOURCE_KEYS } from '../hw-models/devices/types.js';
import { maxiAdapterCost } from '../hw-models/maxi.js';
import { typedOp, typedOperatorCost, type MathLibrary } from '../hw-models/typed-operators.js';
import { CONTROL_FF_PER_LOOP, CONTROL_LUT_PER_LOOP } from '../hw-models/calibration.js';
import { mapping, type ScheduledSpec } from './schedule.js';
import type { SpecArray } from './spec/types.js';

export interface ResourceUse {
  used: Resources;
  available: Resources;
  breakdown: Record<'operators' | 'memories' | 'maxi' | 'control', Resources>;
  perKernel: Map<string, Resources>; // each function's own operators, arrays and loop control (all copies)
  shared: Resources; // what every function uses: m_axi adapters and the top-level control
  fits: boolean;
  overflows: string[]; // e.g. 'URAM: 1210 used, 800 available (151%)'
}

const CONTROL_PER_LOOP: Partial<Resources> = { lut: CONTROL_LUT_PER_LOOP.value, ff: CONTROL_FF_PER_LOOP.value };

/**
 * An XRT kernel's top level: its s_axilite control interface and top FSM. ESTIMATE (not from a datasheet;
 * typical of Vitis HLS csynth reports of a kernel with a dozen scalar and pointer arguments).
 */
export const XRT_KERNEL_TOP: Resources = { lut: 2000, ff: 3000, dsp: 0, bram18: 0, uram: 0 };

const zero = (): Resources => ({ lut: 0, ff: 0, dsp: 0, bram18: 0, uram: 0 });
function add(into: Resources, r: Partial<Resources>, times = 1): void {
  for (const key of RESOURCE_KEYS) into[key] += (r[key] ?? 0) * times;
}

/** One hardware function: the most of each operator, loop and buffer any of its schedules needs. */
interface FunctionHardware {
  clockHz: number;
  math: MathLibrary;
  instances: Map<string, number>; // operation key -> instances
  loops: number;
  buffers: Map<string, { words: number; array: SpecArray; copies: number }>;
}

/**
 * Operator instances of one function. Its loops run one after another, so Vitis binds their operations to
 * shared units: the function needs the most any loop needs. A pipeline at II=1 keeps its units busy every
 * cycle and owns them; the function needs the sum of those, or the most a shared loop needs if that is more.
 */
function sharedInstances(s: ScheduledSpec): Map<string, number> {
  const dedicated = new Map<string, number>();
  const shared = new Map<string, number>();
  for (const loop of s.loops) {
    const busy = loop.pipelined && loop.ii === 1;
    for (const [op, n] of Object.entries(loop.instances)) {
      if (busy) dedicated.set(op, (dedicated.get(op) ?? 0) + n);
      else shared.set(op, Math.max(shared.get(op) ?? 0, n));
    }
  }
  const ops = new Set([...dedicated.keys(), ...shared.keys()]);
  return new Map([...ops].map((op) => [op, Math.max(dedicated.get(op) ?? 0, shared.get(op) ?? 0)]));
}

function functionHardware(schedules: ScheduledSpec[]): FunctionHardware {
  const hw: FunctionHardware = { clockHz: schedules[0].spec.clockHz, math: schedules[0].spec.math, instances: new Map(), loops: 0, buffers: new Map() };
  for (const s of schedules) {
    const callInstances = sharedInstances(s);
    for (const [op, n] of callInstances) hw.instances.set(op, Math.max(hw.instances.get(op) ?? 0, n));
    hw.loops = Math.max(hw.loops, s.loops.length);
    for (const [name, words] of Object.entries(s.bufferWords)) {
      const known = hw.buffers.get(name);
      const copies = s.romCopies[name] ?? 1;
      let array = s.spec.arrays.get(name)!;
      const banks = s.autoPartitions[name];
      if (banks && array.buffer) array = { ...array, buffer: { ...array.buffer, partition: { type: 'cyclic', factor: banks } } };
      if (!known || words > known.words || copies > known.copies || banks) hw.buffers.set(name, { words: Math.max(words, known?.words ?? 0), array, copies: Math.max(copies, known?.copies ?? 1) });
    }
  }
  return hw;
}

/** Operators, memories and loop control of one function, `copies` times. */
function priceFunction(hw: FunctionHardware, copies: number, breakdown: ResourceUse['breakdown']): Resources {
  const own = zero();
  for (const [key, instances] of hw.instances) {
    const cost = typedOperatorCost(typedOp(key, 'schedule'), hw.clockHz, hw.math);
    add(breakdown.operators, cost, instances * copies);
    add(own, cost, instances * copies);
  }
  add(breakdown.control, CONTROL_PER_LOOP, hw.loops * copies);
  add(own, CONTROL_PER_LOOP, hw.loops * copies);
  for (const { words, array, copies: romCopies } of hw.buffers.values()) {
    const m = mapping(array, words);
    const memory = { bram18: m.bram18, uram: m.uram, lut: m.lutramLuts, ff: m.ff };
    add(breakdown.memories, memory, copies * romCopies);
    add(own, memory, copies * romCopies);
  }
  return own;
}

/**
 * Resources of functions (name -> its schedules and how many copies run side by side), their m_axi
 * bundles and the top level's own control, against a budget.
 */
export function estimateResources(functions: Map<string, { schedules: ScheduledSpec[]; copies: number }>, bundleWidthsBits: number[], budget: Resources, top: Resources = zero()): ResourceUse {
  const breakdown = { operators: zero(), memories: zero(), maxi: zero(), control: zero() };
  const perKernel = new Map<string, Resources>();
  for (const [name, { schedules, copies }] of functions) perKernel.set(name, priceFunction(functionHardware(schedules), copies, breakdown));
  for (const bits of bundleWidthsBits) add(breakdown.maxi, maxiAdapterCost(bits));
  add(breakdown.control, top);
  const shared = zero();
  add(shared, breakdown.maxi);
  add(shared, top);

  const used = zero();
  for (const part of Object.values(breakdown)) add(used, part);
  for (const key of RESOURCE_KEYS) used[key] = Math.ceil(used[key]);
  const overflows = RESOURCE_KEYS.filter((key) => used[key] > budget[key]).map(
    (key) => `${RESOURCE_LABELS[key]}: ${used[key]} used, ${budget[key]} available (${Math.round((100 * used[key]) / budget[key])}%)`,
  );
  return { used, available: { ...budget }, breakdown, perKernel, shared, fits: overflows.length === 0, overflows };
}

/** The resources of one user spec: its function and its bundles. */
export function estimateSpecResources(scheduled: ScheduledSpec): ResourceUse {
  const bundles = [...scheduled.spec.bundles.values()].map((b) => b.widthBits);
  return estimateResources(new Map([[scheduled.spec.name, { schedules: [scheduled], copies: 1 }]]), bundles, scheduled.spec.budget);
}

/** Built-in kernels: each kernel one function over all its calls. */
export function kernelFunctions(schedules: (ScheduledSpec & { call: { kernel: KernelName } })[], copies: Map<KernelName, number>) {
  const functions = new Map<string, { schedules: ScheduledSpec[]; copies: number }>();
  for (const s of schedules) {
    const entry = functions.get(s.call.kernel) ?? { schedules: [], copies: copies.get(s.call.kernel) ?? 1 };
    entry.schedules.push(s);
    functions.set(s.call.kernel, entry);
  }
  return functions;
}

export const RESOURCE_LABELS: Record<keyof Resources, string> = { lut: 'LUT', ff: 'FF', dsp: 'DSP', bram18: 'BRAM18', uram: 'URAM' };
