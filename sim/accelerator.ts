// The accelerator as processes on the discrete-event engine. One process decodes token after token:
//
//   host starts the kernel -> kernel calls of the step (one after another, or independent matvecs side by
//   side under 'dataflow') -> host copies the logits back over PCIe -> host samples the next token
//
// A kernel call runs its segments (top-level loops) in order; a segment is compute (its scheduled cycles,
// plus one read latency per pipelined-loop start that waits for off-chip data) alongside one stream per
// m_axi bundle it uses, capped at the rate the loop consumes and sharing its memory channel with whatever
// else is streaming (flow level), or split into AXI bursts (burst level). The segment ends when both do.
import { describeDecodeStep } from '../kernels/describe-step.js';
import type { KernelCall, KernelName } from '../kernels/loops.js';
import type { ModelConfig } from '../kernels/model/types.js';
import type { Device } from '../hw-models/devices/types.js';
import type { HostModel } from '../hw-models/host.js';
import { Environment, secondsToPs, type ProcessGenerator } from './engine/index.js';
import type { Design } from './design/types.js';
import { scheduleCall, type OpLatency, type ScheduledCall, type Segment } from './schedule.js';
import { MemorySystem, type MemoryMode } from './memory-system.js';

export interface RunInput {
  design: Design;
  device: Device;
  host: HostModel;
  config: ModelConfig;
  tokens: number;
  mode: MemoryMode;
  latency: OpLatency;
  /** Called once per token at the moment the host samples, with the position just computed (functional runs). */
  onToken?: (pos: number) => void;
}

export interface RunOutput {
  totalPs: number;
  kernelBusyPs: Record<string, number>; // kernel name -> wall time spent in its calls
  hostPs: number; // launch, logits copy and sampling
  computeCycles: number; // cycles the datapath was scheduled to work (energy: active cycles)
  ops: Record<string, number>;
  onChip: { reads: Record<string, number>; writes: Record<string, number> }; // storage -> element accesses
  channels: { id: string; type: string; bytes: number; busyPs: number; peakBandwidthBytesPerS: number }[];
  events: number;
  schedules: ScheduledCall[]; // the schedules of the last token's step (for the per-loop table)
}

/** Schedules calls once per shape: all layers share one, and only attention depends on the position. */
class ScheduleCache {
  private readonly cache = new Map<string, ScheduledCall>();
  constructor(
    private readonly design: Design,
    private readonly latency: OpLatency,
  ) {}

  get(call: KernelCall, pos: number): ScheduledCall {
    const key = `${call.name.replace(/^L\d+\./, '')}${call.kernel === 'attention' ? `@${pos}` : ''}`;
    let scheduled = this.cache.get(key);
    if (!scheduled) {
      scheduled = scheduleCall(call, this.design, this.latency);
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

export function runAccelerator(input: RunInput): RunOutput {
  const { design, device, host, config, tokens, latency } = input;
  const env = new Environment();
  const clock = env.clock('kernel', Math.round(design.clockHz));
  const memory = new MemorySystem(env, device, design, input.mode);
  const schedules = new ScheduleCache(design, latency);
  const out: RunOutput = {
    totalPs: 0,
    kernelBusyPs: {},
    hostPs: 0,
    computeCycles: 0,
    ops: {},
    onChip: { reads: {}, writes: {} },
    channels: [],
    events: 0,
    schedules: [],
  };
  const readLatencyCycles = (bundle: string) => Math.ceil(memory.channelOf(bundle).readLatencyS * design.clockHz);

  function* runSegment(segment: Segment): ProcessGenerator<void> {
    // every pipelined-loop start after the first waits a read latency; the channel models charge the first
    let cycles = segment.cycles;
    for (const [bundle, starts] of Object.entries(segment.offChipReadStarts)) cycles += Math.max(0, starts - 1) * readLatencyCycles(bundle);
    out.computeCycles += segment.cycles;
    const computeS = cycles / design.clockHz;
    const streams = Object.entries(segment.offChipBytes).map(([bundle, bytes]) => memory.transfer(bundle, bytes, bytes / computeS));
    yield env.allOf([clock.cycles(cycles), ...streams]);
  }

  function* runCall(scheduled: ScheduledCall): ProcessGenerator<void> {
    const start = env.now;
    for (const segment of scheduled.segments) yield* runSegment(segment);
    const kernel: KernelName = scheduled.call.kernel;
    out.kernelBusyPs[kernel] = (out.kernelBusyPs[kernel] ?? 0) + (env.now - start);
    for (const [op, n] of Object.entries(scheduled.ops)) out.ops[op] = (out.ops[op] ?? 0) + (n ?? 0);
    for (const kind of ['reads', 'writes'] as const) {
      for (const [storage, n] of Object.entries(scheduled.onChip[kind])) out.onChip[kind][storage] = (out.onChip[kind][storage] ?? 0) + n;
    }
  }

  function* hostWait(seconds: number): ProcessGenerator<void> {
    const ps = secondsToPs(seconds);
    out.hostPs += ps;
    yield env.timeout(ps);
  }

  const logitsBytes = config.vocabSize * 4;
  env.process(function* decode(): ProcessGenerator<void> {
    for (let pos = 0; pos < tokens; pos++) {
      yield* hostWait(host.kernelLaunchS);
      const calls = describeDecodeStep(config, pos, design);
      const scheduled: ScheduledCall[] = [];
      for (const group of parallelGroups(calls, design)) {
        const parts = group.map((call) => schedules.get(call, pos));
        scheduled.push(...parts);
        if (parts.length === 1) yield* runCall(parts[0]);
        else yield env.allOf(parts.map((p) => env.process(runCall(p))));
      }
      if (design.host.logitsToHost) yield* hostWait(host.transferLatencyS + logitsBytes / host.pcieBandwidthBytesPerS);
      input.onToken?.(pos);
      yield* hostWait(host.samplingSPerLogit * config.vocabSize);
      if (pos === tokens - 1) out.schedules = scheduled;
    }
  });
  env.run();
  out.totalPs = env.now;
  out.events = env.eventsProcessed;
  out.channels = memory.report();
  return out;
}

