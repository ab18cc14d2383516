// fpgasim's front door: simulate a design point decoding `tokens` tokens of a model, and report what an
// FPGA engineer asks first: tokens/s, joules per token, does it fit, and where the time goes.
//
//   1. check the design against the device and model      (design/check.ts)
//   2. run the accelerator on the discrete-event engine    (accelerator.ts: schedule.ts per call, memory-system.ts)
//      executing the kernels too when a model is given     (kernels/forward.ts, bit for bit)
//   3. resources of the scheduled hardware vs the budget   (resources.ts)
//   4. activity -> energy                                  (hw-models/energy)
//   5. baselines for the same model and token count        (hw-models/baselines)
import type { ModelConfig, Model } from '../kernels/model/types.js';
import { FpgasimError } from '../kernels/errors.js';
import { Transformer } from '../kernels/forward.js';
import { BOS_ID } from '../kernels/text/tokenizer.js';
import type { Sampler } from '../kernels/sampling/sampler.js';
import type { KernelName } from '../kernels/loops.js';
import { loadDevice } from '../hw-models/devices/load.js';
import type { Device, MemoryType } from '../hw-models/devices/types.js';
import { fpgaEnergy } from '../hw-models/energy/fpga-energy.js';
import { computedMath } from '../kernels/math/library.js';
import { FPGA_POWER_FIT_DEVICE } from '../hw-models/calibration.js';
import { baseline, type BaselinePrediction } from '../hw-models/baselines/index.js';
import { runAccelerator } from './accelerator.js';
import { runAnalytic } from './analytic.js';
import { stepGroups } from './step-plan.js';
import { checkDesignAgainst } from './design/check.js';
import type { Design } from '../kernels/design.js';
import { estimateResources, kernelFunctions, XRT_KERNEL_TOP, type ResourceUse } from './resources.js';
import type { MemoryMode } from './memory-system.js';

/** flow and burst: the event-driven simulation at two memory granularities; analytic: its closed form. */
export type TimingMode = MemoryMode | 'analytic';
import { describeDecodeStep } from '../kernels/describe-step.js';
import type { ScheduledLoop } from './schedule.js';
import type { DataflowReport } from './dataflow.js';

export const CPU_BASELINE = 'xeon-e5-2686v4';
export const GPU_BASELINE = 'rtx3090';

export interface SimulateOptions {
  design: Design;
  config: ModelConfig;
  modelName: string; // a preset name or the model file, for reports
  tokens: number;
  mode?: TimingMode;
  /** Executes the kernels too: the model's weights, the prompt to force, and the sampler for the rest. */
  functional?: { model: Model; promptTokens: number[]; sampler: Sampler };
}

export interface LoopRow extends ScheduledLoop {
  call: string; // the call whose schedule this is (layer 0's for per-layer calls)
  kernel: KernelName;
}

export interface SimResult {
  design: string;
  device: string;
  part: string;
  clockHz: number;
  model: string;
  config: ModelConfig;
  tokens: number;
  mode: TimingMode;
  fpga: {
    tokensPerSecond: number;
    secondsPerToken: number;
    cyclesPerToken: number;
    powerW: number;
    energyPerTokenJ: number;
    /** J/token with the fitted per-action energies halved and doubled: how much the figure leans on them. */
    energyPerTokenBandJ: [number, number];
    energyBreakdownJPerToken: Record<string, number>;
    fits: boolean;
    overflows: string[];
    powerWarning: string | null;
    resources: Record<keyof ResourceUse['used'], { used: number; available: number }>;
    kernels: { name: string; cycles: number; share: number }[]; // cycles per token
    host: { secondsPerToken: number; share: number };
    memory: { channel: string; type: string; bytesPerToken: number; utilization: number }[];
    bottleneck: string;
    loops: LoopRow[];
    /** Each streaming DATAFLOW region as the engine ran it (flow and burst timing; empty for analytic). */
    dataflow: { region: string; report: DataflowReport }[];
    warnings: string[];
  };
  baselines: { cpu: BaselineRow; gpu: BaselineRow };
  generated: number[] | null;
  simulation: { events: number; wallSeconds: number };
}

export interface BaselineRow extends BaselinePrediction {
  platform: string;
}

/** LUT- and FF-cycles of logic at work: each kernel's logic while it runs, the shared logic while any does. */
function activeLogic(resources: ResourceUse, kernelBusyPs: Record<string, number>, clockHz: number): { lutCycles: number; ffCycles: number } {
  let lutCycles = 0;
  let ffCycles = 0;
  let busyCycles = 0;
  for (const [kernel, ps] of Object.entries(kernelBusyPs)) {
    const cycles = (ps / 1e12) * clockHz;
    const own = resources.perKernel.get(kernel as KernelName);
    lutCycles += (own?.lut ?? 0) * cycles;
    ffCycles += (own?.ff ?? 0) * cycles;
    busyCycles += cycles;
  }
  return { lutCycles: lutCycles + resources.shared.lut * busyCycles, ffCycles: ffCycles + resources.shared.ff * busyCycles };
}

/** Devices read once per process: sweeps simulate thousands of points on the same few devices. */
const devices = new Map<string, Device>();
function deviceNamed(id: string): Device {
  let device = devices.get(id);
  if (!device) {
    device = loadDevice(id);
    devices.set(id, device);
  }
  return device;
}

export function simulate(options: SimulateOptions): SimResult {
  const started = performance.now();
  const { design, config, tokens } = options;
  const mode = options.mode ?? 'flow';
  if (!Number.isInteger(tokens) || tokens < 1 || tokens > config.seqLen) {
    throw new FpgasimError(`tokens ${tokens} is not allowed (1..${config.seqLen}, the model's seq_len)`);
  }
  // 1. the design against its device and model
  const device = deviceNamed(design.device);
  checkDesignAgainst(design, device, config);

  // 2. the accelerator, executing the kernels too when asked
  const generated: number[] | null = options.functional ? [options.functional.promptTokens[0]] : null;
  let onToken: ((pos: number) => void) | undefined;
  if (options.functional) {
    const { model, promptTokens, sampler } = options.functional;
    if (model.weights.kind !== 'q8' || model.weights.groupSize !== design.groupSize) {
      throw new FpgasimError(`the model must be Q8_0 with group size ${design.groupSize} (the design's groupSize) to run functionally; use --timing-only or --set groupSize=...`);
    }
    const transformer = new Transformer(model, design.accumulators, { math: computedMath(design.math) });
    // as llama2.c's generate, the tokens stop at BOS; the timing still covers every position asked for
    let stopped = false;
    onToken = (pos) => {
      if (stopped) return;
      const logits = transformer.forward(generated![pos], pos);
      const next = pos < promptTokens.length - 1 ? promptTokens[pos + 1] : sampler.sample(logits);
      generated!.push(next);
      stopped = next === BOS_ID;
    };
  }
  const runInput = { design, device, config, tokens, mode, onToken };
  const run = mode === 'analytic' ? runAnalytic(runInput) : runAccelerator({ ...runInput, mode });

  // 3. resources of what was scheduled
  const copies = new Map<KernelName, number>();
  for (const group of stepGroups(describeDecodeStep(config, 0, design), design)) {
    const inGroup = new Map<KernelName, number>();
    for (const call of group.calls) inGroup.set(call.kernel, (inGroup.get(call.kernel) ?? 0) + 1);
    for (const [kernel, n] of inGroup) copies.set(kernel, Math.max(copies.get(kernel) ?? 1, n));
  }
  const bundleWidths = Object.values(design.bundles).map((b) => b.widthBits);
  const resources = estimateResources(kernelFunctions(run.schedules, copies), bundleWidths, device.budget, XRT_KERNEL_TOP);

  // 4. energy from the activity the run counted
  const seconds = run.totalPs / 1e12;
  const dramBytes: Partial<Record<MemoryType, number>> = {};
  for (const c of run.channels) dramBytes[c.type as MemoryType] = (dramBytes[c.type as MemoryType] ?? 0) + c.bytes;
  const onChip = (kind: 'reads' | 'writes', uram: boolean) =>
    Object.entries(run.onChip[kind]).reduce((sum, [storage, n]) => sum + ((storage === 'uram') === uram ? n : 0), 0);
  const activity = {
      seconds,
      clockHz: design.clockHz,
      ops: run.ops,
      math: design.math,
      bramReads: onChip('reads', false),
      bramWrites: onChip('writes', false),
      uramReads: onChip('reads', true),
      uramWrites: onChip('writes', true),
      dramBytes,
      resources: resources.used,
      activeLogic: activeLogic(resources, run.kernelBusyPs, design.clockHz),
  };
  const energy = fpgaEnergy(activity, device);
  // the per-action energies are a hand fit (calibration.ts): J/token with every dynamic term halved and doubled
  const energyBand = ([0.5, 2] as const).map((k) => fpgaEnergy(activity, device, { dynamicScale: k }).energyJ / tokens) as [number, number];

  // 5. report
  const secondsPerToken = seconds / tokens;
  const kernelCycles = Object.entries(run.kernelBusyPs).map(([name, ps]) => ({
    name,
    cycles: (ps / 1e12 / tokens) * design.clockHz,
    share: ps / run.totalPs,
  }));
  kernelCycles.sort((a, b) => b.cycles - a.cycles);
  const memory = run.channels.map((c) => ({
    channel: c.id,
    type: c.type,
    bytesPerToken: c.bytes / tokens,
    utilization: c.bytes / (c.peakBandwidthBytesPerS * seconds),
  }));
  const loops: LoopRow[] = [];
  const seen = new Set<string>();
  for (const s of run.schedules) {
    const key = s.call.name.replace(/^L\d+\./, '');
    if (seen.has(key)) continue;
    seen.add(key);
    for (const loop of s.loops) loops.push({ ...loop, call: s.call.name, kernel: s.call.kernel });
  }
  // one warning per kernel loop (every call of a kernel shares its directives), as Vitis reports a violation
  const violations = new Map<string, LoopRow>();
  for (const l of loops) if (l.pipelined && l.ii! > l.requestedII! && !violations.has(`${l.kernel}/${l.path}`)) violations.set(`${l.kernel}/${l.path}`, l);
  const warnings = [...violations.values()].map(
    (l) => `kernels.${l.kernel}.ii = ${l.requestedII} cannot be met in loop ${l.path} (e.g. ${l.call}): II = ${l.ii} (${l.iiReason})`,
  );
  if (device.id !== FPGA_POWER_FIT_DEVICE) {
    warnings.push(`power: the static-power factor and per-action energies were fitted on ${FPGA_POWER_FIT_DEVICE}; on ${device.id} they are extrapolated (and its static power is itself an estimate)`);
  }
  const cpu = baseline(CPU_BASELINE).predict(config, tokens);
  const gpu = baseline(GPU_BASELINE).predict(config, tokens);
  const hostShare = run.hostPs / run.totalPs;
  const top = kernelCycles[0];
  const busiest = memory.reduce((a, b) => (b.utilization > a.utilization ? b : a), memory[0]);
  return {
    design: design.name,
    device: device.id,
    part: device.part,
    clockHz: design.clockHz,
    model: options.modelName,
    config,
    tokens,
    mode,
    fpga: {
      tokensPerSecond: 1 / secondsPerToken,
      secondsPerToken,
      cyclesPerToken: secondsPerToken * design.clockHz,
      powerW: energy.totalW,
      energyPerTokenJ: energy.energyJ / tokens,
      energyPerTokenBandJ: energyBand,
      energyBreakdownJPerToken: Object.fromEntries(Object.entries(energy.breakdown).map(([k, j]) => [k, j / tokens])),
      fits: resources.fits,
      overflows: resources.overflows,
      powerWarning: device.powerWarningW !== null && energy.totalW > device.powerWarningW ? `${energy.totalW.toFixed(1)} W is above ${device.id}'s ${device.powerWarningW} W warning` : null,
      resources: Object.fromEntries(
        Object.entries(resources.used).map(([k, used]) => [k, { used, available: resources.available[k as keyof typeof resources.available] }]),
      ) as SimResult['fpga']['resources'],
      kernels: kernelCycles,
      host: { secondsPerToken: run.hostPs / 1e12 / tokens, share: hostShare },
      memory,
      bottleneck: `${top.name} (busy ${(100 * top.share).toFixed(0)}% of the time)${busiest ? `; busiest memory ${busiest.channel} at ${(100 * busiest.utilization).toFixed(0)}% of peak` : ''}`,
      loops,
      dataflow: run.dataflow,
      warnings,
    },
    baselines: { cpu: { platform: CPU_BASELINE, ...cpu }, gpu: { platform: GPU_BASELINE, ...gpu } },
    generated,
    simulation: { events: run.events, wallSeconds: (performance.now() - started) / 1000 },
  };
}
