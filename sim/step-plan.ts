// What both timing models (the event-driven accelerator.ts and the closed-form analytic.ts) need in common:
// the schedules of a step's calls, cached per shape, and which calls run side by side.
import { totalOps, type KernelCall, type OpCounts } from '../kernels/loops.js';
import type { ModelConfig } from '../kernels/model/types.js';
import type { Device } from '../hw-models/devices/types.js';
import type { HostModel } from '../hw-models/host.js';
import type { Design } from './design/types.js';
import type { MemoryMode } from './memory-system.js';
import { scheduleSpec, type ScheduledSpec, type Segment } from './schedule.js';
import { specFromCall } from './spec/from-call.js';

export interface RunInput {
  design: Design;
  device: Device;
  host: HostModel;
  config: ModelConfig;
  tokens: number;
  mode: MemoryMode | 'analytic';
  /** Called once per token at the moment the host samples, with the position just computed (functional runs). */
  onToken?: (pos: number) => void;
}

export interface RunOutput {
  totalPs: number;
  kernelBusyPs: Record<string, number>; // kernel name -> wall time spent in its calls
  hostPs: number; // launch, logits copy and sampling
  ops: Record<string, number>;
  onChip: { reads: Record<string, number>; writes: Record<string, number> }; // storage -> element accesses
  channels: { id: string; type: string; bytes: number; busyPs: number; peakBandwidthBytesPerS: number }[];
  events: number;
  schedules: ScheduledCall[]; // the schedules of the last token's step (for the per-loop table)
}

export function emptyRunOutput(): RunOutput {
  return { totalPs: 0, kernelBusyPs: {}, hostPs: 0, ops: {}, onChip: { reads: {}, writes: {} }, channels: [], events: 0, schedules: [] };
}

/** Adds one call's activity (times `weight` calls of it) and its wall time to the run's totals. */
export function countCall(out: RunOutput, scheduled: ScheduledCall, busyPs: number, weight: number): void {
  const kernel = scheduled.call.kernel;
  out.kernelBusyPs[kernel] = (out.kernelBusyPs[kernel] ?? 0) + busyPs;
  for (const [op, n] of Object.entries(scheduled.ops)) out.ops[op] = (out.ops[op] ?? 0) + (n ?? 0) * weight;
  for (const kind of ['reads', 'writes'] as const) {
    for (const [storage, n] of Object.entries(scheduled.onChip[kind])) out.onChip[kind][storage] = (out.onChip[kind][storage] ?? 0) + n * weight;
  }
}

/**
 * Cycles a segment's loops wait for their first data when they restart: every pipelined-loop start after
 * the first waits one read latency (the channel models charge the first). A loop reading through several
 * bundles (a striped array) waits for the slowest of them, not for each in turn.
 */
export function restartWaitCycles(segment: Segment, readLatencyCycles: (bundle: string) => number): number {
  let cycles = 0;
  for (const [bundle, starts] of Object.entries(segment.offChipReadStarts)) cycles = Math.max(cycles, Math.max(0, starts - 1) * readLatencyCycles(bundle));
  return cycles;
}

/** The logits' trip to the host over PCIe, once per token. */
export function logitsCopySeconds(host: HostModel, config: ModelConfig): number {
  return host.transferLatencyS + (config.vocabSize * 4) / host.pcieBandwidthBytesPerS;
}


/** A built-in kernel call scheduled as its spec under the design, with the call's operations for the energy model. */
export interface ScheduledCall extends ScheduledSpec {
  call: KernelCall;
  ops: OpCounts;
}

export function scheduleCall(call: KernelCall, design: Design, device: Device): ScheduledCall {
  return { ...scheduleSpec(specFromCall(call, design, device)), call, ops: totalOps(call.loops) };
}

/** Schedules calls once per shape: all layers share one, and only attention depends on the position. */
export class ScheduleCache {
  private readonly cache = new Map<string, ScheduledCall>();
  constructor(
    private readonly design: Design,
    private readonly device: Device,
  ) {}

  get(call: KernelCall, pos: number): ScheduledCall {
    const key = `${call.name.replace(/^L\d+\./, '')}${call.kernel === 'attention' ? `@${pos}` : ''}`;
    let scheduled = this.cache.get(key);
    if (!scheduled) {
      scheduled = scheduleCall(call, this.design, this.device);
      this.cache.set(key, scheduled);
    }
    return scheduled.call === call ? scheduled : { ...scheduled, call };
  }
}

/** Consecutive matvecs of one input (wq, wk, wv; w1, w3) may run side by side in a dataflow design. */
export function parallelGroups(calls: KernelCall[], design: Design): KernelCall[][] {
  const groups: KernelCall[][] = [];
  for (const call of calls) {
    const last = groups[groups.length - 1];
    if (design.composition === 'dataflow' && last && call.kernel === 'matvec' && last[0].kernel === 'matvec' && sameInput(last[0], call)) last.push(call);
    else groups.push([call]);
  }
  return groups;
}

function sameInput(a: KernelCall, b: KernelCall): boolean {
  const input = (c: KernelCall) => c.arrays.find((x) => x.name === 'xq.q')!.elements;
  return a.layer === b.layer && input(a) === input(b) && !['wo', 'w2'].some((n) => b.name.endsWith(n));
}

