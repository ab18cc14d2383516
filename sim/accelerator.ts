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
import { Environment, secondsToPs, type ProcessGenerator } from './engine/index.js';
import type { Segment } from './schedule.js';
import { MemorySystem, type MemoryMode } from './memory-system.js';
import { countCall, emptyRunOutput, logitsCopySeconds, parallelGroups, restartWaitCycles, ScheduleCache, type RunInput, type ScheduledCall, type RunOutput } from './step-plan.js';

export function runAccelerator(input: RunInput & { mode: MemoryMode }): RunOutput {
  const { design, device, host, config, tokens } = input;
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
      for (const group of parallelGroups(calls, design)) {
        const parts = group.map((call) => schedules.get(call, pos));
        scheduled.push(...parts);
        if (parts.length === 1) yield* runCall(parts[0]);
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

