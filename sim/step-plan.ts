// What both timing models (the event-driven accelerator.ts and the closed-form analytic.ts) need in common:
// the schedules of a step's calls, cached per shape, and which calls run together (DATAFLOW regions).
import { totalOps, type KernelCall, type OpCounts } from '../kernels/loops.js';
import type { ModelConfig } from '../kernels/model/types.js';
import type { Device, DeviceHost } from '../hw-models/devices/types.js';
import type { Design } from '../kernels/design.js';
import type { MemoryMode } from './memory-system.js';
import { scheduleSpec, type ScheduledSpec, type Segment } from './schedule.js';
import { specFromCall } from './spec/from-call.js';
import { DATAFLOW_REGIONS, type DataflowRegion } from '../kernels/step.js';
import { fanInCycles, type DataflowReport } from './dataflow.js';

export interface RunInput {
  design: Design;
  device: Device; // its host (device.host) launches the kernel, takes the logits and samples
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
  dataflow: { region: string; report: DataflowReport }[]; // each streaming region as the engine ran it (flow runs)
}

export function emptyRunOutput(): RunOutput {
  return { totalPs: 0, kernelBusyPs: {}, hostPs: 0, ops: {}, onChip: { reads: {}, writes: {} }, channels: [], events: 0, schedules: [], dataflow: [] };
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

/** The logits' trip to the processor that samples (over PCIe, or read in the shared DDR over AXI), once per token. */
export function logitsCopySeconds(host: DeviceHost, config: ModelConfig): number {
  return host.copyLatencyS + (config.vocabSize * 4) / host.copyBandwidthBytesPerS;
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

/** Calls that run together: one call, or the tasks of a DATAFLOW region (kernels/step.ts) of one layer. */
export interface CallGroup {
  calls: KernelCall[];
  region: DataflowRegion | null;
}

/** A step's calls in the groups they run in: each alone in a sequential design, regions in a dataflow one. */
export function stepGroups(calls: KernelCall[], design: Design): CallGroup[] {
  const groups: CallGroup[] = [];
  for (const call of calls) {
    const base = call.name.replace(/^L\d+\./, '');
    const region = design.composition === 'dataflow' && call.layer !== null ? (DATAFLOW_REGIONS.find((r) => r.calls.includes(base)) ?? null) : null;
    const last = groups[groups.length - 1];
    if (region !== null && last?.region === region && last.calls[0].layer === call.layer) last.calls.push(call);
    else groups.push({ calls: [call], region });
  }
  return groups;
}

/**
 * The compute cycles of a region's tasks, as DATAFLOW overlaps them: tasks joined by no stream side by side
 * (the slowest), and producers streaming into a consumer item by item (sim/dataflow.ts's closed form, each
 * task's cycles spread evenly over its items). computeCycles(call) is the call's cycles run alone.
 */
export function regionComputeCycles(group: CallGroup, computeCycles: (call: KernelCall) => number): number {
  const cycles = group.calls.map(computeCycles);
  const region = group.region;
  if (region === null || region.streams.length === 0) return Math.max(...cycles);
  const stream = streamShape(group);
  const cyclesOf = (name: string) => cycles[group.calls.findIndex((c) => c.name.endsWith(`.${name}`))];
  return fanInCycles(stream.items, stream.producers.map((p) => cyclesOf(p) / stream.items), cyclesOf(stream.consumer) / stream.items);
}

/** A streaming region's one consumer, its producers, and the items each stream carries. */
export function streamShape(group: CallGroup): { consumer: string; producers: string[]; items: number } {
  const streams = group.region!.streams;
  const consumer = streams[0].to;
  const producer = group.calls.find((c) => c.name.endsWith(`.${streams[0].from}`))!;
  return { consumer, producers: streams.map((s) => s.from), items: producer.arrays.find((a) => a.name === 'out')!.elements };
}
