// fpgasim's error, measured: every case of the corpus predicted by the same scheduler and resource model
// that time the Llama kernels, beside what its csynth report says. Errors are relative,
// (predicted - reported) / reported, and summarized as medians of |error| per figure, separately for the
// cases the model's mechanisms were fitted on and for the held-out rest (the error a user should expect).
import { RESOURCE_KEYS, type Resources } from '../../hw-models/devices/types.js';
import { estimateKernel, type KernelEstimate } from '../../sim/spec/estimate.js';
import { fittingCaseIds, loadCases, type ValidationCase } from './cases.js';
import { predictDynamicPowerW } from './power.js';

export const FIGURES = ['latency', 'dsp', 'bram18', 'lut', 'ff', 'uram', 'dynamicPower'] as const;
export type Figure = (typeof FIGURES)[number];

export interface CaseResult {
  id: string;
  kernel: string;
  group: 'fit' | 'held-out';
  figures: Partial<Record<Figure, { reported: number; predicted: number; error: number | null }>>;
  loops: { path: string; reportedII: number; predictedII: number | null; exact: boolean }[];
  estimate: KernelEstimate;
}

export interface GroupSummary {
  cases: number;
  medianAbsError: Partial<Record<Figure, { median: number; n: number }>>; // over the cases that report the figure above 0
  iiExact: { exact: number; of: number } | null; // pipelined loops whose reported II the model matches exactly
}

export interface Validation {
  cases: CaseResult[];
  fit: GroupSummary;
  heldOut: GroupSummary;
}

export function relativeError(predicted: number, reported: number): number | null {
  if (reported === 0) return predicted === 0 ? 0 : null;
  return (predicted - reported) / Math.abs(reported);
}

function predictCase(c: ValidationCase, fitting: Set<string>): CaseResult {
  const estimate = estimateKernel(c.spec);
  const figures: CaseResult['figures'] = {};
  const put = (figure: Figure, reported: number | null | undefined, predicted: number) => {
    if (typeof reported === 'number') figures[figure] = { reported, predicted, error: relativeError(predicted, reported) };
  };
  put('latency', c.reported.latencyCycles?.max, estimate.latencyCycles.max);
  for (const key of RESOURCE_KEYS) put(key as Figure, c.reported.resources[key as keyof Resources], estimate.resources[key].used);
  const reportedDynamicW = c.reported.postImplementation?.powerW?.dynamic;
  const predictedDynamicW = typeof reportedDynamicW === 'number' ? predictDynamicPowerW(c.spec, estimate) : null;
  if (predictedDynamicW !== null) put('dynamicPower', reportedDynamicW, predictedDynamicW);
  const loops = Object.entries(c.reported.loops ?? {})
    .filter(([, l]) => typeof l.ii === 'number')
    .map(([path, l]) => {
      const predicted = estimate.loops.find((p) => p.path === path || p.path.endsWith(`/${path}`));
      const predictedII = predicted?.ii ?? null;
      return { path, reportedII: l.ii!, predictedII, exact: predictedII === l.ii };
    });
  return { id: c.id, kernel: c.kernel, group: fitting.has(c.id) ? 'fit' : 'held-out', figures, loops, estimate };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

function summarize(results: CaseResult[]): GroupSummary {
  const medianAbsError: GroupSummary['medianAbsError'] = {};
  for (const figure of FIGURES) {
    // a relative error needs a reported value: figures reported as 0 (no URAM, no BRAM) are left out
    const errors = results.map((r) => r.figures[figure]).filter((f) => f && f.reported > 0 && typeof f.error === 'number').map((f) => f!.error!);
    if (errors.length > 0) medianAbsError[figure] = { median: median(errors.map(Math.abs)), n: errors.length };
  }
  const loops = results.flatMap((r) => r.loops);
  return { cases: results.length, medianAbsError, iiExact: loops.length ? { exact: loops.filter((l) => l.exact).length, of: loops.length } : null };
}

export function validateModel(cases: ValidationCase[] = loadCases()): Validation {
  const fitting = fittingCaseIds();
  const results = cases.map((c) => predictCase(c, fitting));
  return { cases: results, fit: summarize(results.filter((r) => r.group === 'fit')), heldOut: summarize(results.filter((r) => r.group === 'held-out')) };
}

let heldOutBands: GroupSummary | undefined;
/** The held-out errors, computed once per process: what `simulate`, `estimate` and the reports print beside a figure. */
export function errorBands(): GroupSummary {
  heldOutBands ??= validateModel().heldOut;
  return heldOutBands;
}

/** "cycles ±12% (median |error| over 9 public cases not used for fitting)", or a plain warning when none exist. */
export function bandText(figure: Figure, what = figure === 'latency' ? 'cycles' : figure.toUpperCase()): string {
  const band = errorBands().medianAbsError[figure];
  if (!band) return `${what}: no held-out validation case yet`;
  return `${what} ±${(100 * band.median).toFixed(0)}% (median |error| over ${band.n} public case${band.n === 1 ? '' : 's'} not used for fitting)`;
}

/** The error bands as lines for a report or a sweep's summary: what every predicted figure should be read with. */
export function bandNotes(): string[] {
  const figures = (['latency', 'dsp', 'bram18', 'lut', 'ff'] as const).map((f) => bandText(f, f === 'latency' ? 'cycles' : f.toUpperCase()));
  return [
    `Predicted figures carry the kernel model's measured error: ${figures.join('; ')} (fpgasim validate-model).`,
    'Energy leans on hand-fitted per-action energies and a static-power factor fitted on the F1 (hw-models/calibration.ts): simulate prints J/token with the dynamic terms halved and doubled.',
  ];
}
