// The closed-form twin of accelerator.ts, for sweeps of thousands of design points. It times the same
// schedules with the same rules, without events:
//
//   segment  = max(compute + (starts - 1) x read latency,  per channel: latency + bytes / min(sustained, port caps))
//   group    = max over its calls of their segments' sum,  and per channel: latency + all its bytes / sustained
//   token    = host launch + groups + logits copy + sampling
//
// Everything in a step is independent of the position except attention, whose loops and bytes grow
// linearly with it; so a run of many tokens is timed from its first and last steps (exact for bytes and
// operations; within a few cycles per loop for cycles, from ceil(trip / unroll)). test/experiments/analytic-check.test.ts
// checks the result against the event-driven simulation on a seeded sample of designs.
import { describeDecodeStep } from '../kernels/describe-step.js';
import type { KernelCall } from '../kernels/loops.js';
import type { MemoryChannel } from '../hw-models/devices/types.js';
import { axiReadRateCapBytesPerS } from './memory/index.js';
import { memoryOfBundle } from './design/check.js';
import type { Segment } from './schedule.js';
import { countCall, emptyRunOutput, logitsCopySeconds, regionComputeCycles, restartWaitCycles, ScheduleCache, stepGroups, type RunInput, type RunOutput, type ScheduledCall } from './step-plan.js';

/** Positions timed exactly when a run is this short; longer runs interpolate between their ends. */
const EXACT_UP_TO_TOKENS = 4;

interface ChannelLoad {
  memory: MemoryChannel;
  bytes: number;
  capBytesPerS: number;
}

export function runAnalytic(input: RunInput): RunOutput {
  const { design, device, config, tokens } = input;
  const host = device.host;
  const clockHz = design.clockHz;
  const schedules = new ScheduleCache(design, device);
  const memoryOf = new Map(Object.keys(design.bundles).map((b) => [b, memoryOfBundle(design, device, b)]));
  const portCap = new Map(
    Object.entries(design.bundles).map(([name, b]) => [
      name,
      axiReadRateCapBytesPerS({
        bytesPerBeat: b.widthBits / 8,
        burstBeats: b.maxReadBurstBeats,
        maxOutstanding: b.maxOutstandingReads,
        readLatencyPs: Math.round(memoryOf.get(name)!.readLatencyS * 1e12),
        clockHz: Math.round(clockHz),
      }),
    ]),
  );
  const channelBytes = new Map<string, number>();

  /** Seconds a set of streams needs on their channels: the slowest channel decides. */
  function transferSeconds(loads: Map<string, ChannelLoad>): number {
    let seconds = 0;
    for (const { memory, bytes, capBytesPerS } of loads.values()) {
      const rate = Math.min(memory.peakBandwidthBytesPerS * memory.efficiency, capBytesPerS);
      seconds = Math.max(seconds, memory.readLatencyS + bytes / rate);
    }
    return seconds;
  }

  function segmentLoads(segment: Segment, computeS: number, into = new Map<string, ChannelLoad>()): Map<string, ChannelLoad> {
    for (const [bundle, bytes] of Object.entries(segment.offChipBytes)) {
      const memory = memoryOf.get(bundle)!;
      const load = into.get(memory.id) ?? { memory, bytes: 0, capBytesPerS: 0 };
      load.bytes += bytes;
      load.capBytesPerS += Math.min(bytes / computeS, portCap.get(bundle)!);
      into.set(memory.id, load);
    }
    return into;
  }

  const readLatencyCycles = (bundle: string) => Math.ceil(memoryOf.get(bundle)!.readLatencyS * clockHz);
  const computeSeconds = (segment: Segment) => (segment.cycles + restartWaitCycles(segment, readLatencyCycles)) / clockHz;

  /** One decode step at pos, added to out with the given weight (how many steps it stands for). */
  function timeStep(out: RunOutput, pos: number, weight: number): ScheduledCall[] {
    const scheduled: ScheduledCall[] = [];
    for (const group of stepGroups(describeDecodeStep(config, pos, design), design)) {
      const parts = group.calls.map((call) => schedules.get(call, pos));
      scheduled.push(...parts);
      const groupLoads = new Map<string, ChannelLoad>();
      if (group.region !== null && group.region.streams.length > 0) {
        // a streaming region: its tasks overlap item by item (the closed form of the engine's run), and
        // every byte its tasks read moves while they do
        const cyclesOf = (call: KernelCall) => parts.find((p) => p.call === call)!.segments.reduce((sum, seg) => sum + computeSeconds(seg) * clockHz, 0);
        const computeS = Math.ceil(regionComputeCycles(group, cyclesOf)) / clockHz;
        for (const part of parts) for (const segment of part.segments) segmentLoads(segment, computeS, groupLoads);
        const seconds = Math.max(computeS, transferSeconds(groupLoads));
        for (const part of parts) countCall(out, part, seconds * 1e12 * weight, weight);
        out.totalPs += seconds * 1e12 * weight;
      } else {
        const callS = parts.map((part) => {
          let seconds = 0;
          for (const segment of part.segments) {
            const computeS = computeSeconds(segment);
            seconds += Math.max(computeS, transferSeconds(segmentLoads(segment, computeS)));
            segmentLoads(segment, computeS, groupLoads);
          }
          return seconds;
        });
        // calls side by side share their channels: none ends before the group's bytes have moved (as the
        // flow model stretches each call's stream under fair sharing), and their logic is busy that long
        const sharedS = parts.length > 1 ? transferSeconds(groupLoads) : 0;
        parts.forEach((part, i) => countCall(out, part, Math.max(callS[i], sharedS) * 1e12 * weight, weight));
        out.totalPs += Math.max(sharedS, ...callS) * 1e12 * weight;
      }
      for (const load of groupLoads.values()) channelBytes.set(load.memory.id, (channelBytes.get(load.memory.id) ?? 0) + load.bytes * weight);
    }
    return scheduled;
  }

  const out = emptyRunOutput();
  if (tokens <= EXACT_UP_TO_TOKENS) {
    for (let pos = 0; pos < tokens; pos++) out.schedules = timeStep(out, pos, 1);
  } else {
    timeStep(out, 0, tokens / 2);
    out.schedules = timeStep(out, tokens - 1, tokens / 2);
  }
  for (let pos = 0; pos < tokens; pos++) input.onToken?.(pos);
  const hostS = tokens * (host.kernelLaunchS + (design.host.logitsToHost ? logitsCopySeconds(host, config) : 0) + host.samplingSPerLogit * config.vocabSize);
  out.hostPs = hostS * 1e12;
  out.totalPs += out.hostPs;
  out.channels = [...channelBytes].map(([id, bytes]) => {
    const memory = device.memories.find((m) => m.id === id)!;
    return { id, type: memory.type, bytes, busyPs: (bytes / (memory.peakBandwidthBytesPerS * memory.efficiency)) * 1e12, peakBandwidthBytesPerS: memory.peakBandwidthBytesPerS };
  });
  return out;
}
