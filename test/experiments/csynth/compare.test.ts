import { describe, expect, it } from 'vitest';
import { compareCsynth, kernelOfModule, relativeError, type ComparisonRow } from '../../../experiments/csynth/compare.js';
import type { CsynthReport } from '../../../experiments/csynth/parse.js';
import type { SimulatedSteps } from '../../../experiments/csynth/simulated.js';
import type { LoopRow } from '../../../sim/simulate.js';

/** A simulator loop row with only what the comparison reads filled in. */
function loop(call: string, kernel: LoopRow['kernel'], path: string, trip: number, ii: number | null, depth: number, cyclesPerInvocation: number, extra: Partial<LoopRow> = {}): LoopRow {
  return { call, kernel, path, trip, unroll: 1, pipelined: ii !== null, how: ii !== null ? 'PIPELINE' : 'not pipelined', ii, iiReason: null, requestedII: ii, depth, invocations: 1, cyclesPerInvocation, instances: {}, ...extra };
}

const shared = [
  loop('L0.wq', 'matvec', 'rows', 768, 24, 70, 18478),
  loop('L0.w1', 'matvec', 'rows', 2048, 24, 70, 49198),
  loop('classifier', 'matvec', 'rows', 32000, 24, 70, 768046),
  loop('L0.swiglu', 'swiglu', 'lanes', 2048, 1, 101, 612, { unroll: 4 }),
  loop('L0.residual_att', 'residual', 'lanes', 768, 2, 12, 34, { unroll: 64 }),
];

/** A two-position world: attention's scores loop runs 1 time at position 0 and 8 times at the last position. */
const SIM: SimulatedSteps = {
  design: 'toy',
  device: 'vu9p-f1',
  part: 'xcvu9p-flgb2104-2-i',
  clockHz: 250e6,
  model: 'toy-shape',
  seqLen: 8,
  stepCycles: { first: 1000, average: 1500, last: 2000 },
  loops: {
    first: [...shared, loop('L0.attention', 'attention', 'heads', 2, null, 300, 600), loop('L0.attention', 'attention', 'heads/scores', 1, 4, 277, 277, { invocations: 2 })],
    last: [...shared, loop('L0.attention', 'attention', 'heads', 2, null, 328, 656), loop('L0.attention', 'attention', 'heads/scores', 8, 4, 277, 305, { invocations: 2 })],
  },
  resources: {
    lut: { used: 500, available: 1000 },
    ff: { used: 800, available: 2000 },
    dsp: { used: 40, available: 50 },
    bram18: { used: 0, available: 30 },
    uram: { used: 0, available: 8 },
  },
};

function report(overrides: Partial<CsynthReport>): CsynthReport {
  return {
    source: 'toy.xml',
    vitisVersion: '2023.2',
    part: 'xcvu9p-flgb2104-2-i',
    topModelName: 'fpgasim_decode',
    targetClockPeriodNs: 4,
    clockUncertaintyNs: 1.08,
    estimatedClockPeriodNs: 3.125,
    latency: { bestCycles: 800, averageCycles: null, worstCycles: 2500 },
    loops: [],
    resources: { used: { dsp: 50, bram18: 0, uram: 0, lut: 400, ff: null }, available: null },
    ...overrides,
  };
}

const row = (figure: string, reported: number | null, simulated: number | null, relativeError: number | null, note: string): ComparisonRow => ({ figure, reported, simulated, relativeError, note });

describe('relativeError', () => {
  it('is (simulated - reported) / |reported|, 0 for 0 vs 0, and null when either side is unknown or reported is 0', () => {
    expect(relativeError(800, 1000)).toBe(0.25);
    expect(relativeError(-4, -5)).toBe(-0.25);
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(0, 3)).toBeNull();
    expect(relativeError(null, 3)).toBeNull();
    expect(relativeError(3, null)).toBeNull();
  });
});

describe('kernelOfModule', () => {
  it('reads the kernel from fpgasim_<kernel> with any suffix, and nothing from other names', () => {
    expect(kernelOfModule('fpgasim_matvec')).toBe('matvec');
    expect(kernelOfModule('fpgasim_matvec_768_768_s')).toBe('matvec');
    expect(kernelOfModule('fpgasim_attention_Pipeline_scores')).toBe('attention');
    expect(kernelOfModule('fpgasim_decode')).toBeNull();
    expect(kernelOfModule('fpgasim_matvecx')).toBeNull();
    expect(kernelOfModule('matvec')).toBeNull();
  });
});

describe('compareCsynth', () => {
  it('puts the clock, the decode step and the resources beside the report, with their errors', () => {
    const c = compareCsynth(report({}), SIM);
    expect(c.rows).toEqual([
      row('target clock period (ns)', 4, 4, 0, 'design clock 250 MHz'),
      row('estimated clock period (ns)', 3.125, 4, 0.28, 'design clock 250 MHz, assumed met'),
      row('latency best case (cycles)', 800, 1000, 0.25, 'decode step, first position'),
      row('latency average case (cycles)', null, 1500, null, 'decode step, mean of all positions'),
      row('latency worst case (cycles)', 2500, 2000, -0.2, 'decode step, last position'),
      row('DSP used', 50, 40, -0.2, 'whole design'),
      row('BRAM_18K used', 0, 0, 0, 'whole design'),
      row('URAM used', 0, 0, 0, 'whole design'),
      row('LUT used', 400, 500, 0.25, 'whole design'),
    ]);
    expect(c.summary).toEqual({ compared: 8, medianAbsRelativeError: 0.2 }); // |errors| 0 0 0 0.2 0.2 0.25 0.25 0.28
    expect(c.warnings).toEqual([]);
    expect(c.unmatchedLoops).toEqual([]);
  });

  it('matches loops by kernel and label, picks the call by trip count, splits ranges over the first and last position', () => {
    const c = compareCsynth(
      report({
        loops: [
          { module: 'fpgasim_matvec_2048_768_Pipeline_rows', path: 'rows', tripCount: 2048, latencyCycles: 49222, pipelineII: 24, pipelineDepthCycles: 72 },
          { module: 'fpgasim_matvec_32000_768_Pipeline_rows', path: 'rows', tripCount: 32000, pipelineII: 32 },
          { module: 'fpgasim_matvec_Pipeline_rows', path: 'rows', tripCount: 10 },
          { module: 'fpgasim_attention', path: 'heads', tripCount: 2, iterationLatencyCycles: { min: 310, max: 330 } },
          { module: 'fpgasim_attention', path: 'heads/scores.2', tripCount: { min: 1, max: 8 }, latencyCycles: null, pipelineII: 4 },
          { module: 'fpgasim_swiglu_Pipeline_lanes', path: 'lanes', tripCount: 512 },
        ],
      }),
      SIM,
    );
    const loopRows = c.rows.filter((r) => r.figure.includes('/'));
    expect(loopRows).toEqual([
      row('fpgasim_matvec_2048_768_Pipeline_rows/rows trip count', 2048, 2048, 0, 'L0.w1 rows'),
      row('fpgasim_matvec_2048_768_Pipeline_rows/rows II', 24, 24, 0, 'L0.w1 rows'),
      row('fpgasim_matvec_2048_768_Pipeline_rows/rows pipeline depth', 72, 70, -2 / 72, 'L0.w1 rows'),
      row('fpgasim_matvec_2048_768_Pipeline_rows/rows latency', 49222, 49198, -24 / 49222, 'L0.w1 rows, one execution'),
      row('fpgasim_matvec_32000_768_Pipeline_rows/rows trip count', 32000, 32000, 0, 'classifier rows'),
      row('fpgasim_matvec_32000_768_Pipeline_rows/rows II', 32, 24, -0.25, 'classifier rows'),
      // no call has 10 rows: the first layer-0 call
      row('fpgasim_matvec_Pipeline_rows/rows trip count', 10, 768, 75.8, 'L0.wq rows'),
      row('fpgasim_attention/heads trip count', 2, 2, 0, 'L0.attention heads'),
      row('fpgasim_attention/heads iteration latency (min)', 310, 300, -1 / 31, 'L0.attention heads, first position'),
      row('fpgasim_attention/heads iteration latency (max)', 330, 328, -2 / 330, 'L0.attention heads, last position'),
      row('fpgasim_attention/heads/scores.2 trip count (min)', 1, 1, 0, 'L0.attention heads/scores, first position'),
      row('fpgasim_attention/heads/scores.2 trip count (max)', 8, 8, 0, 'L0.attention heads/scores, last position'),
      row('fpgasim_attention/heads/scores.2 II', 4, 4, 0, 'L0.attention heads/scores'),
      row('fpgasim_attention/heads/scores.2 latency', null, 305, null, 'L0.attention heads/scores, one execution'),
      // a partially unrolled loop reports its iterations after unrolling: 2048 / 4
      row('fpgasim_swiglu_Pipeline_lanes/lanes trip count', 512, 512, 0, 'L0.swiglu lanes, 2048 / unroll 4'),
    ]);
  });

  it('lists loops it cannot match, with the reason, and keeps their reported figures', () => {
    const c = compareCsynth(
      report({
        loops: [
          { module: 'fpgasim_decode', path: 'layers', tripCount: 12, latencyCycles: { min: 5, max: 9 } },
          { module: 'fpgasim_decode', path: 'lanes', tripCount: 12, pipelineII: 2 },
          { module: 'fpgasim_rope_Pipeline_rows', path: 'rows', tripCount: 768 },
        ],
      }),
      SIM,
    );
    expect(c.unmatchedLoops).toEqual([
      "fpgasim_decode/layers: no simulator loop 'layers' in any kernel",
      "fpgasim_decode/lanes: module fpgasim_decode names no kernel and 'lanes' is a loop of swiglu, residual",
      "fpgasim_rope_Pipeline_rows/rows: no simulator loop 'rows' in kernel rope",
    ]);
    expect(c.rows.filter((r) => r.figure.includes('/'))).toEqual([
      row('fpgasim_decode/layers trip count', 12, null, null, 'unmatched (listed below)'),
      row('fpgasim_decode/layers latency (min)', 5, null, null, 'unmatched (listed below), first position'),
      row('fpgasim_decode/layers latency (max)', 9, null, null, 'unmatched (listed below), last position'),
      row('fpgasim_decode/lanes trip count', 12, null, null, 'unmatched (listed below)'),
      row('fpgasim_decode/lanes II', 2, null, null, 'unmatched (listed below)'),
      row('fpgasim_rope_Pipeline_rows/rows trip count', 768, null, null, 'unmatched (listed below)'),
    ]);
  });

  it("compares a one-kernel report's latency with one call of that kernel, and not its resources", () => {
    const c = compareCsynth(
      report({
        topModelName: 'fpgasim_attention',
        latency: { bestCycles: 600, averageCycles: null, worstCycles: null, intervalMinCycles: 601, intervalMaxCycles: null },
        loops: [{ module: 'fpgasim_attention', path: 'heads', tripCount: 2 }],
        resources: { used: { dsp: 50, bram18: null, uram: null, lut: null, ff: null }, available: { dsp: 6840, bram18: null, uram: null, lut: null, ff: null } },
      }),
      SIM,
    );
    // L0.attention's top-level loop is heads: 1 x 600 cycles at position 0, 1 x 656 at the last
    expect(c.rows.filter((r) => /latency|interval|DSP/.test(r.figure))).toEqual([
      row('latency best case (cycles)', 600, 600, 0, 'one L0.attention call, first position'),
      row('latency average case (cycles)', null, 628, null, 'one L0.attention call, mean of all positions'),
      row('latency worst case (cycles)', null, 656, null, 'one L0.attention call, last position'),
      row('interval min (cycles)', 601, 600, -1 / 601, 'one L0.attention call, first position'),
      row('interval max (cycles)', null, 656, null, 'one L0.attention call, last position'),
      row('DSP used', 50, null, null, 'no estimate for one kernel alone'),
      row('DSP available', 6840, 50, (50 - 6840) / 6840, 'vu9p-f1 budget for user logic'),
    ]);
  });

  it('warns about another part and about a top that is neither the decode step nor a kernel', () => {
    const c = compareCsynth(report({ part: 'xcu280-fsvh2892-2L-e', topModelName: 'my_top' }), SIM);
    expect(c.warnings).toEqual([
      "the report is for part xcu280-fsvh2892-2L-e; the design's device vu9p-f1 is xcvu9p-flgb2104-2-i",
      'top my_top is neither fpgasim_decode nor a kernel function (fpgasim_<kernel>); its latency is compared with a whole decode step',
    ]);
  });
});
