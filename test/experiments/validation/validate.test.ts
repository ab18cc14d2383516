// The validation corpus predicted: every case loads and cites its source, the fitting and held-out groups
// are exactly those calibration.ts names, and the summaries are computed from the cases' own errors.
import { describe, expect, it } from 'vitest';
import { HLS_FITTING_CASES } from '../../../hw-models/calibration.js';
import { fittingCaseIds, loadCases } from '../../../experiments/validation/cases.js';
import { bandText, relativeError, validateModel } from '../../../experiments/validation/validate.js';
import { oneErrorLine, runFpgasim } from '../../helpers/run-cli.js';

const cases = loadCases();
const validation = validateModel(cases);

describe('the validation corpus', () => {
  it('holds public cases, each citing a repository, a commit and a report', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const c of cases) {
      expect(c.source.repo, c.id).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(c.source.commit, c.id).toMatch(/^[0-9a-f]{40}$/);
      expect(c.source.reportPaths.length, c.id).toBeGreaterThan(0);
      expect(`${c.id}.json`).toBe(c.file.split('/').pop());
    }
  });

  it('splits into the fitting cases calibration.ts names and the held-out rest', () => {
    const ids = new Set(cases.map((c) => c.id));
    for (const id of HLS_FITTING_CASES) expect(ids.has(id), id).toBe(true);
    expect(fittingCaseIds()).toEqual(new Set(HLS_FITTING_CASES));
    const heldOut = validation.cases.filter((c) => c.group === 'held-out').map((c) => c.id);
    expect(heldOut.length).toBe(cases.length - HLS_FITTING_CASES.length);
    expect(heldOut.some((id) => HLS_FITTING_CASES.includes(id))).toBe(false);
    expect(validation.fit.cases + validation.heldOut.cases).toBe(cases.length);
  });

  it('reports each figure as predicted against reported, and medians of |error| per group', () => {
    const withLatency = validation.cases.filter((c) => c.figures.latency && c.figures.latency.reported > 0 && c.group === 'held-out');
    for (const c of withLatency) expect(c.figures.latency!.error).toBe(relativeError(c.estimate.latencyCycles.max, c.figures.latency!.reported));
    const errors = withLatency.map((c) => Math.abs(c.figures.latency!.error!)).sort((a, b) => a - b);
    const mid = errors.length >> 1;
    const median = errors.length % 2 ? errors[mid] : (errors[mid - 1] + errors[mid]) / 2;
    expect(validation.heldOut.medianAbsError.latency).toEqual({ median, n: errors.length });
    expect(bandText('latency')).toBe(`cycles ±${(100 * median).toFixed(0)}% (median |error| over ${errors.length} public cases not used for fitting)`);
  });

  it('relative errors: signed, and defined at zero only when both are zero', () => {
    expect(relativeError(110, 100)).toBeCloseTo(0.1, 12);
    expect(relativeError(90, 100)).toBeCloseTo(-0.1, 12);
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(3, 0)).toBeNull();
  });
});

describe('fpgasim validate-model and estimate', () => {
  it('validate-model prints every case and both summaries', () => {
    const r = runFpgasim('validate-model');
    expect(r.status).toBe(0);
    for (const c of cases) expect(r.stdout).toContain(c.id);
    expect(r.stdout).toMatch(/^fitting cases \(\d+ cases\): median \|error\| latency/m);
    expect(r.stdout).toMatch(/^held-out cases \(\d+ cases\): median \|error\| latency/m);
  });

  it('estimate reads a corpus case and prints its loops, resources and error bands', () => {
    const r = runFpgasim('estimate', 'experiments/validation/cases/hlstrans_fir.json');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/latency \d+ cycles, interval \d+ cycles; cycles ±\d+% \(median \|error\| over \d+ public cases not used for fitting\)/);
    expect(r.stdout).toMatch(/^DSP\s+\d+\s+\d+/m);
  });

  it('estimate refuses a malformed spec in one line, without a stack trace', () => {
    expect(oneErrorLine(runFpgasim('estimate', 'package.json'))).toMatch(/^fpgasim: package\.json: unknown key \w+ \(allowed: name, clock, arrays, loops/);
    expect(oneErrorLine(runFpgasim('estimate', 'no-such-spec.json'))).toBe('fpgasim: no-such-spec.json: no such file');
  });
});
