// A csynth-like estimate of one kernel spec: the latency of the function (best, average and worst case over
// its trip counts), its interval, every loop's trip, II and why, iteration latency and latency, the
// resources against the part, and the II each directive asked for and did not get.
import { RESOURCE_KEYS, type Resources } from '../../hw-models/devices/types.js';
import { estimateSpecResources, RESOURCE_LABELS } from '../resources.js';
import { scheduleSpec, type ScheduledLoop } from '../schedule.js';
import type { KernelSpec } from './types.js';

export interface KernelEstimate {
  name: string;
  part: string;
  clockHz: number;
  math: string;
  latencyCycles: { min: number; avg: number; max: number };
  intervalCycles: number;
  loops: ScheduledLoop[]; // at the worst-case trip counts
  resources: Record<keyof Resources, { used: number; available: number }>;
  fits: boolean;
  overflows: string[];
  iiViolations: string[]; // 'lp3: II=1 requested, 4 achieved (recurrence: ...)'
}

export function estimateKernel(spec: KernelSpec): KernelEstimate {
  const worst = scheduleSpec(spec, 'max');
  const best = scheduleSpec(spec, 'min');
  const average = scheduleSpec(spec, 'avg');
  const use = estimateSpecResources(worst);
  const resources = Object.fromEntries(RESOURCE_KEYS.map((k) => [k, { used: use.used[k], available: use.available[k] }])) as KernelEstimate['resources'];
  const iiViolations = worst.loops
    .filter((l) => l.pipelined && l.ii !== null && l.requestedII !== null && l.ii > l.requestedII)
    .map((l) => `${l.path}: II=${l.requestedII} requested, ${l.ii} achieved (${l.iiReason})`);
  return {
    name: spec.name,
    part: spec.part,
    clockHz: spec.clockHz,
    math: spec.math,
    latencyCycles: { min: best.cycles, avg: average.cycles, max: worst.cycles },
    intervalCycles: worst.intervalCycles,
    loops: worst.loops,
    resources,
    fits: use.fits,
    overflows: use.overflows,
    iiViolations,
  };
}

export { RESOURCE_LABELS };
