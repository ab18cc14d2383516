// A csynth report beside the simulator's estimate of each figure it lists, with the relative error
// (simulated - reported) / reported. This is how a user calibrates fpgasim against a real synthesis run.
//
//   clock       TargetClockPeriod and EstimatedClockPeriod vs the design's clock period
//   latency     best / average / worst case and interval min / max vs the simulated decode step at position 0,
//               on average and at position seq_len - 1 (simulated.ts); for a report whose top is one kernel
//               (fpgasim_matvec...), vs one call of that kernel: the sum of its top-level loops
//   loops       matched by name to the simulator's loops (below): trip count, II, depth, latency
//   resources   used and available vs the simulator's estimate and the device's budget for user logic
//
// Loops: the HLS emitter labels every loop with the simulator's label (rows, groups, lanes, scores, ...) inside
// functions fpgasim_<kernel> (template instances and Vitis's outlined pipelines add suffixes:
// fpgasim_matvec_Pipeline_rows). So a loop's kernel is the one its module is named after, and its simulator
// row the one with the same innermost label in that kernel, taken from the layer-0 call (from the first call
// when the kernel runs outside the layers, as embed does). A kernel called with several shapes (matvec: wq, w1,
// w2, the classifier) is matched to the call whose trip count the report shows, layer 0's first, else to its
// first layer-0 call. The row's note names the call. A loop in a module that names no kernel matches when
// exactly one kernel has that label. Loops that match nothing are listed with the reason, never dropped.
import type { KernelName } from '../../kernels/loops.js';
import type { Resources } from '../../hw-models/devices/types.js';
import { kernelNames } from '../../sim/design/load.js';
import type { LoopRow } from '../../sim/simulate.js';
import type { CsynthLoop, CsynthReport, CsynthValue } from './parse.js';
import type { SimulatedSteps } from './simulated.js';

export interface ComparisonRow {
  figure: string;
  reported: number | null; // null: the report says undef
  simulated: number | null; // null: the simulator has no such figure (e.g. the II of a loop it does not pipeline)
  relativeError: number | null; // (simulated - reported) / |reported|; null when either side is null, or reported is 0 and simulated not
  note: string; // what the simulated figure is, e.g. the call a loop was matched to
}

export interface Comparison {
  report: { source: string; top: string; part: string; vitisVersion: string | null; clockUncertaintyNs: number | null };
  simulated: { design: string; device: string; part: string; clockHz: number; model: string; seqLen: number };
  rows: ComparisonRow[];
  unmatchedLoops: string[]; // 'module/path: why'
  warnings: string[];
  summary: { compared: number; medianAbsRelativeError: number | null };
}

/** A simulated figure at position 0 and at position seq_len - 1 (equal for anything but attention's loops). */
interface Simulated {
  first: number | null;
  last: number | null;
}

const RESOURCE_LABELS: [keyof Resources, string][] = [
  ['dsp', 'DSP'],
  ['bram18', 'BRAM_18K'],
  ['uram', 'URAM'],
  ['lut', 'LUT'],
  ['ff', 'FF'],
];

export function relativeError(reported: number | null, simulated: number | null): number | null {
  if (reported === null || simulated === null) return null;
  if (reported === 0) return simulated === 0 ? 0 : null;
  return (simulated - reported) / Math.abs(reported);
}

/**
 * Rows for one reported figure: a range becomes two rows, its min against the first position (0) and its
 * max against the last (seq_len - 1); a number (or undef) is one row against the last position.
 */
function figureRows(figure: string, reported: CsynthValue | undefined, sim: Simulated, note: string): ComparisonRow[] {
  if (reported === undefined) return [];
  const row = (name: string, rep: number | null, s: number | null, n: string): ComparisonRow => ({
    figure: name,
    reported: rep,
    simulated: s,
    relativeError: relativeError(rep, s),
    note: n,
  });
  if (reported !== null && typeof reported === 'object') {
    return [row(`${figure} (min)`, reported.min, sim.first, `${note}, first position`), row(`${figure} (max)`, reported.max, sim.last, `${note}, last position`)];
  }
  return [row(figure, reported, sim.last, note)];
}

const same = (value: number | null): Simulated => ({ first: value, last: value });

/** The kernel a module belongs to, from its name (fpgasim_matvec, fpgasim_matvec_Pipeline_rows, ...). */
export function kernelOfModule(module: string): KernelName | null {
  const names = kernelNames().sort((a, b) => b.length - a.length);
  return names.find((k) => new RegExp(`^fpgasim_${k}(?![a-z])`).test(module)) ?? null;
}

/** A loop's own label: the innermost name, without the '.2' Vitis appends to a copy of an inlined loop. */
const label = (path: string) => path.split('/').pop()!.replace(/\.\d+$/, '');
const reportedTrip = (row: LoopRow) => Math.ceil(row.trip / row.unroll); // iterations left after partial unrolling

type Match = { row: LoopRow; first: LoopRow } | { why: string };

function matchLoop(loop: CsynthLoop, sim: SimulatedSteps): Match {
  const kernel = kernelOfModule(loop.module);
  const name = label(loop.path);
  const candidates = sim.loops.last.filter((r) => label(r.path) === name && (kernel === null || r.kernel === kernel));
  if (candidates.length === 0) return { why: `no simulator loop '${name}' in ${kernel === null ? 'any kernel' : `kernel ${kernel}`}` };
  const kernels = [...new Set(candidates.map((r) => r.kernel))];
  if (kernels.length > 1) return { why: `module ${loop.module} names no kernel and '${name}' is a loop of ${kernels.join(', ')}` };
  // the layer-0 call, or the call whose trip count the report shows (matvec's wq, w1, w2, classifier, ...)
  const tripMatches = candidates.filter((r) => reportedTrip(r) === loop.tripCount);
  const layer0 = (rows: LoopRow[]) => rows.find((r) => r.call.startsWith('L0.'));
  const row = layer0(tripMatches) ?? tripMatches[0] ?? layer0(candidates) ?? candidates[0];
  const first = sim.loops.first.find((r) => r.call === row.call && r.path === row.path) ?? row;
  return { row, first };
}

/** The figures a report lists per loop, with the simulator's counterpart of each. */
const LOOP_FIGURES: { key: Exclude<keyof CsynthLoop, 'module' | 'path'>; what: string; sim: (r: LoopRow) => number | null; detail?: (r: LoopRow) => string }[] = [
  { key: 'tripCount', what: 'trip count', sim: reportedTrip, detail: (r) => (r.unroll > 1 ? `, ${r.trip} / unroll ${r.unroll}` : '') },
  { key: 'pipelineII', what: 'II', sim: (r) => r.ii, detail: (r) => (r.pipelined ? '' : ' (not pipelined)') },
  { key: 'pipelineDepthCycles', what: 'pipeline depth', sim: (r) => r.depth },
  { key: 'iterationLatencyCycles', what: 'iteration latency', sim: (r) => r.depth },
  { key: 'latencyCycles', what: 'latency', sim: (r) => r.cyclesPerInvocation, detail: () => ', one execution' },
];

function loopRows(loop: CsynthLoop, match: Match): ComparisonRow[] {
  const name = `${loop.module}/${loop.path}`;
  return LOOP_FIGURES.flatMap(({ key, what, sim, detail }) => {
    if ('why' in match) return figureRows(`${name} ${what}`, loop[key], same(null), 'unmatched (listed below)');
    const { row, first } = match;
    return figureRows(`${name} ${what}`, loop[key], { first: sim(first), last: sim(row) }, `${row.call} ${row.path}${detail?.(row) ?? ''}`);
  });
}

/** Cycles of one call: its top-level loops, each run as often as the call starts it. */
function callCycles(rows: LoopRow[], call: string): number {
  return rows.filter((r) => r.call === call && !r.path.includes('/')).reduce((sum, r) => sum + r.invocations * r.cyclesPerInvocation, 0);
}

/** What the report's overall latency is compared with: the decode step, or one call when the top is a kernel. */
function latencyReference(report: CsynthReport, sim: SimulatedSteps, matchedCalls: LoopRow[]): { first: number; average: number; last: number; what: string } | null {
  const kernel = kernelOfModule(report.topModelName);
  if (kernel === null) return { ...sim.stepCycles, what: 'decode step' };
  const ofKernel = sim.loops.last.filter((r) => r.kernel === kernel);
  const call = matchedCalls.find((r) => r.kernel === kernel)?.call ?? ofKernel.find((r) => r.call.startsWith('L0.'))?.call ?? ofKernel[0]?.call;
  if (call === undefined) return null;
  const first = callCycles(sim.loops.first, call);
  const last = callCycles(sim.loops.last, call);
  return { first, average: (first + last) / 2, last, what: `one ${call} call` };
}

export function compareCsynth(report: CsynthReport, sim: SimulatedSteps): Comparison {
  const warnings: string[] = [];
  if (report.part !== sim.part) warnings.push(`the report is for part ${report.part}; the design's device ${sim.device} is ${sim.part}`);
  const top = report.topModelName;
  if (top !== 'fpgasim_decode' && kernelOfModule(top) === null) {
    warnings.push(`top ${top} is neither fpgasim_decode nor a kernel function (fpgasim_<kernel>); its latency is compared with a whole decode step`);
  }

  // loops first: a kernel top's latency is compared with the call its loops matched
  const loopComparisons: ComparisonRow[] = [];
  const unmatchedLoops: string[] = [];
  const matched: LoopRow[] = [];
  for (const loop of report.loops) {
    const m = matchLoop(loop, sim);
    if ('why' in m) unmatchedLoops.push(`${loop.module}/${loop.path}: ${m.why}`);
    else matched.push(m.row);
    loopComparisons.push(...loopRows(loop, m));
  }

  const periodNs = 1e9 / sim.clockHz;
  const clockNote = `design clock ${+(sim.clockHz / 1e6).toFixed(3)} MHz`;
  const rows: ComparisonRow[] = [
    ...figureRows('target clock period (ns)', report.targetClockPeriodNs, same(periodNs), clockNote),
    ...figureRows('estimated clock period (ns)', report.estimatedClockPeriodNs, same(periodNs), `${clockNote}, assumed met`),
  ];
  const ref = latencyReference(report, sim, matched);
  const { latency } = report;
  const at = (which: 'first' | 'average' | 'last') => same(ref ? ref[which] : null);
  const what = ref?.what ?? 'no simulated call of this kernel';
  rows.push(
    ...figureRows('latency best case (cycles)', latency.bestCycles, at('first'), `${what}, first position`),
    ...figureRows('latency average case (cycles)', latency.averageCycles, at('average'), `${what}, mean of all positions`),
    ...figureRows('latency worst case (cycles)', latency.worstCycles, at('last'), `${what}, last position`),
    ...figureRows('interval min (cycles)', latency.intervalMinCycles, at('first'), `${what}, first position`),
    ...figureRows('interval max (cycles)', latency.intervalMaxCycles, at('last'), `${what}, last position`),
    ...loopComparisons,
  );

  // the simulator estimates the resources of the whole design, so a one-kernel report has nothing to compare with
  const wholeDesign = kernelOfModule(top) === null;
  for (const [key, tag] of RESOURCE_LABELS) {
    const used = report.resources.used[key];
    const simulatedUsed = same(wholeDesign ? sim.resources[key].used : null);
    if (used !== null) rows.push(...figureRows(`${tag} used`, used, simulatedUsed, wholeDesign ? 'whole design' : 'no estimate for one kernel alone'));
    const available = report.resources.available?.[key] ?? null;
    if (available !== null) rows.push(...figureRows(`${tag} available`, available, same(sim.resources[key].available), `${sim.device} budget for user logic`));
  }

  const errors = rows.map((r) => r.relativeError).filter((e): e is number => e !== null);
  return {
    report: { source: report.source, top, part: report.part, vitisVersion: report.vitisVersion, clockUncertaintyNs: report.clockUncertaintyNs },
    simulated: { design: sim.design, device: sim.device, part: sim.part, clockHz: sim.clockHz, model: sim.model, seqLen: sim.seqLen },
    rows,
    unmatchedLoops,
    warnings,
    summary: { compared: errors.length, medianAbsRelativeError: median(errors.map(Math.abs)) },
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
