// The accelerator as processes on the discrete-event engine. One process decodes token after token:
//
//   host starts the kernel -> kernel calls of the step (one after another, or as the DATAFLOW regions of
//   kernels/step.ts under 'dataflow') -> the host (device.host) takes the logits -> and samples the next token
//
// A kernel call runs its segments (top-level loops) in order; a segment is compute (its scheduled cycles,
// plus one read latency per pipelined-loop start that waits for off-chip data) alongside one stream per
// m_axi bundle it uses, capped at the rate the loop consumes and sharing its memory channel with whatever
// else is streaming (flow level), or split into AXI bursts (burst level). The segment ends when both do.
// A region's tasks joined by no stream run side by side; a streaming region's tasks run on the engine as
// processes joined by FIFOs (sim/dataflow.ts), and its memory streams flow while they do.
import { describeDecodeStep } from '../kernels/describe-step.js';
import { Environment, secondsToPs, type ProcessGenerator } from './engine/index.js';
import type { Segment } from './schedule.js';
import { MemorySystem, type MemoryMode } from './memory-system.js';
import { STREAM_DEPTH } from '../kernels/step.js';
import { runDataflow, streamingTask, type DataflowReport } from './dataflow.js';
import { countCall, emptyRunOutput, logitsCopySeconds, restartWaitCycles, ScheduleCache, stepGroups, streamShape, type CallGroup, type RunInput, type RunOutput, type ScheduledCall } from './step-plan.js';

export function runAccelerator(input: RunInput & { mode: MemoryMode }): RunOutput {
  const { design, device, config, tokens } = input;
  const host = device.host;
  const env = new Environment();
  const clock = env.clock('kernel', Math.round(design.clockHz));
  const memory = new MemorySystem(env, device, design, input.mode);
  const schedules = new ScheduleCache(design, device);
  const out = emptyRunOutput();
  const readLatencyCycles = (bundle: string) => Math.ceil(memory.channelOf(bundle).readLatencyS * design.clockHz);

  function* runSegment(segment: Segment): ProcessGenerator<void> {
    const cycles = segment.cycles + restartWaitCycles(segment, readLatencyCycles);
    const computeS = cycles / design.clockHz;
    const streams = Object.entries(segment.offChipBytes).map(([bundle, bytes]) => memory.transfer(bundle, bytes, bytes / computeS));
    yield env.allOf([clock.cycles(cycles), ...streams]);
  }

  function* runCall(scheduled: ScheduledCall): ProcessGenerator<void> {
    const start = env.now;
    for (const segment of scheduled.segments) yield* runSegment(segment);
    countCall(out, scheduled, env.now - start, 1);
  }

  const computeCyclesOf = (scheduled: ScheduledCall) => scheduled.segments.reduce((sum, seg) => sum + seg.cycles + restartWaitCycles(seg, readLatencyCycles), 0);

  // a streaming region's tasks on the engine, run once per shape (every layer's region is the same)
  const regionReports = new Map<string, DataflowReport>();
  function regionReport(group: CallGroup, parts: ScheduledCall[]): DataflowReport {
    const cycles = parts.map(computeCyclesOf);
    const key = JSON.stringify([group.region!.name, cycles]);
    let report = regionReports.get(key);
    if (!report) {
      const { consumer, items } = streamShape(group);
      const streams = group.region!.streams;
      const cyclesPerItem = (name: string) => cycles[parts.findIndex((p) => p.call.name.endsWith(`.${name}`))] / items;
      report = runDataflow({
        fifos: streams.map((s) => ({ name: s.array, depth: STREAM_DEPTH })),
        tasks: [
          ...streams.map((s) => streamingTask(s.from, items, cyclesPerItem(s.from), [], [s.array])),
          streamingTask(consumer, items, cyclesPerItem(consumer), streams.map((s) => s.array), []),
        ],
      });
      regionReports.set(key, report);
      out.dataflow = [...out.dataflow.filter((d) => d.region !== group.region!.name), { region: group.region!.name, report }];
    }
    return report;
  }

  function* runStreamingRegion(group: CallGroup, parts: ScheduledCall[]): ProcessGenerator<void> {
    const start = env.now;
    const cycles = Math.ceil(regionReport(group, parts).cycles);
    const computeS = cycles / design.clockHz;
    const bytes = new Map<string, number>();
    for (const part of parts) for (const seg of part.segments) for (const [bundle, n] of Object.entries(seg.offChipBytes)) bytes.set(bundle, (bytes.get(bundle) ?? 0) + n);
    const streams = [...bytes].map(([bundle, n]) => memory.transfer(bundle, n, n / computeS));
    yield env.allOf([clock.cycles(cycles), ...streams]);
    for (const part of parts) countCall(out, part, env.now - start, 1);
  }

  function* hostWait(seconds: number): ProcessGenerator<void> {
    const ps = secondsToPs(seconds);
    out.hostPs += ps;
    yield env.timeout(ps);
  }

  env.process(function* decode(): ProcessGenerator<void> {
    for (let pos = 0; pos < tokens; pos++) {
      yield* hostWait(host.kernelLaunchS);
      const calls = describeDecodeStep(config, pos, design);
      const scheduled: ScheduledCall[] = [];
      for (const group of stepGroups(calls, design)) {
        const parts = group.calls.map((call) => schedules.get(call, pos));
        scheduled.push(...parts);
        if (group.region !== null && group.region.streams.length > 0) yield* runStreamingRegion(group, parts);
        else if (parts.length === 1) yield* runCall(parts[0]);
        else yield env.allOf(parts.map((p) => env.process(runCall(p))));
      }
      if (design.host.logitsToHost) yield* hostWait(logitsCopySeconds(host, config));
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

