// One line of results.jsonl: a point and what the simulator said of it, or why it could not be simulated.
// Only what a sweep compares is kept (the per-loop table of a point is one `fpgasim simulate` away), and
// nothing that changes from run to run (no wall time), so the same experiment gives the same bytes.
import type { Json } from '../sim/design/fields.js';
import type { SimResult } from '../sim/simulate.js';
import type { SweepMode } from './experiment.js';
import type { BandwidthBound } from './bound.js';
import type { Point } from './points.js';

export interface PerformanceFigures {
  tokensPerSecond: number;
  energyPerTokenJ: number;
}

export interface OkRecord {
  index: number;
  id: string;
  params: Record<string, Json>;
  status: 'ok';
  timing: SweepMode; // which path produced the numbers: the closed form or the event-driven simulation
  model: string;
  tokens: number;
  device: string;
  clockHz: number;
  tokensPerSecond: number;
  energyPerTokenJ: number;
  powerW: number;
  fits: boolean;
  overflows: string[];
  utilization: Record<string, number>; // resource -> used / available
  resources: Record<string, { used: number; available: number }>;
  bottleneck: string;
  kernelShare: Record<string, number>; // kernel -> share of the token's time (host included)
  bytesPerToken: number; // off-chip bytes read and written per token, all channels
  memoryUtilization: Record<string, number>; // channel -> bytes / (peak bandwidth x time)
  bound: BandwidthBound; // the device's peak off-chip bandwidth over the bytes a token must read (bound.ts)
  fractionOfBound: number; // tokensPerSecond / bound.tokensPerSecond
  baselines: { cpu: PerformanceFigures & { platform: string }; gpu: PerformanceFigures & { platform: string } };
}

export interface ErrorRecord {
  index: number;
  id: string;
  params: Record<string, Json>;
  status: 'error';
  timing: SweepMode;
  error: string; // the one-line reason (an impossible design, a model that does not fit memory...)
  internal: boolean; // true: not a user-caused refusal but a bug in fpgasim
}

export type ResultRecord = OkRecord | ErrorRecord;

export function okRecord(point: Point, timing: SweepMode, r: SimResult, bound: BandwidthBound): OkRecord {
  const f = r.fpga;
  const kernelShare: Record<string, number> = Object.fromEntries(f.kernels.map((k) => [k.name, k.share]));
  kernelShare.host = f.host.share;
  return {
    index: point.index,
    id: point.id,
    params: point.params,
    status: 'ok',
    timing,
    model: r.model,
    tokens: r.tokens,
    device: r.device,
    clockHz: r.clockHz,
    tokensPerSecond: f.tokensPerSecond,
    energyPerTokenJ: f.energyPerTokenJ,
    powerW: f.powerW,
    fits: f.fits,
    overflows: f.overflows,
    utilization: Object.fromEntries(Object.entries(f.resources).map(([k, v]) => [k, v.used / v.available])),
    resources: f.resources,
    bottleneck: f.bottleneck,
    kernelShare,
    bytesPerToken: f.memory.reduce((sum, m) => sum + m.bytesPerToken, 0),
    memoryUtilization: Object.fromEntries(f.memory.map((m) => [m.channel, m.utilization])),
    bound,
    fractionOfBound: f.tokensPerSecond / bound.tokensPerSecond,
    baselines: {
      cpu: { platform: r.baselines.cpu.platform, tokensPerSecond: r.baselines.cpu.tokensPerSecond, energyPerTokenJ: r.baselines.cpu.energyPerTokenJ },
      gpu: { platform: r.baselines.gpu.platform, tokensPerSecond: r.baselines.gpu.tokensPerSecond, energyPerTokenJ: r.baselines.gpu.energyPerTokenJ },
    },
  };
}

export function errorRecord(point: Point, timing: SweepMode, error: unknown, internal: boolean): ErrorRecord {
  const message = error instanceof Error ? error.message : String(error);
  return { index: point.index, id: point.id, params: point.params, status: 'error', timing, error: message.split('\n')[0], internal };
}

/** Feasible: simulated, and fits the device's budget. */
export function isFeasible(r: ResultRecord): r is OkRecord {
  return r.status === 'ok' && r.fits;
}
