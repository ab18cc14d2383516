// fpgasim pareto on a real sweep: the front it writes is the set of feasible points no other feasible point
// dominates (checked here by the definition, point against point), --top ranks, and --save-design writes a
// design file that simulates to the point's own figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OkRecord, ResultRecord } from '../../experiments/record.js';
import { parseModelShape } from '../../kernels/model/shapes.js';
import { loadDesign } from '../../sim/design/load.js';
import { simulate } from '../../sim/simulate.js';
import { oneErrorLine, runFpgasim } from '../helpers/run-cli.js';
import { TINY_MODEL, tempDir, tinyExperiment, writeExperiment } from '../experiments/helpers.js';

describe('fpgasim pareto', () => {
  let out: string;
  let records: ResultRecord[];

  beforeAll(() => {
    const dir = tempDir('pareto');
    // the same design on a KV260 is over its LUT and BRAM budget: infeasible points the front must ignore
    const experiment = tinyExperiment({
      set: { groupSize: 16, 'kernels.rope.unroll.pairs': 1, 'bundles.*.widthBits': 128 },
      parameters: { 'accumulators.matvec': [1, 2, 4], clock: ['200 MHz', '300 MHz'], device: ['vu9p-f1', 'kv260'] },
    });
    out = join(dir, 'out');
    expect(runFpgasim('sweep', writeExperiment(dir, experiment), '--out', out, '--jobs', '1').status).toBe(0);
    records = readFileSync(join(out, 'results.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  });

  it('writes the front over feasible points: tokens/s up, J/token and DSP utilization down', () => {
    const result = runFpgasim('pareto', out, '--resource', 'dsp');
    expect(result.status).toBe(0);
    const feasible = records.filter((r): r is OkRecord => r.status === 'ok' && r.fits);
    expect(feasible.length).toBeGreaterThan(0);
    expect(feasible.length).toBeLessThan(records.length);
    const dominates = (a: OkRecord, b: OkRecord) =>
      a.tokensPerSecond >= b.tokensPerSecond &&
      a.energyPerTokenJ <= b.energyPerTokenJ &&
      a.utilization.dsp <= b.utilization.dsp &&
      (a.tokensPerSecond > b.tokensPerSecond || a.energyPerTokenJ < b.energyPerTokenJ || a.utilization.dsp < b.utilization.dsp);
    const expected = feasible.filter((b) => !feasible.some((a) => dominates(a, b))).map((r) => r.index);
    const written = JSON.parse(readFileSync(join(out, 'pareto.json'), 'utf8'));
    expect(written.front.map((r: OkRecord) => r.index).sort((a: number, b: number) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(written).toMatchObject({ experiment: 'tiny', points: records.length, feasible: feasible.length });
    expect(written.objectives).toEqual([
      { name: 'tokensPerSecond', sense: 'max' },
      { name: 'energyPerTokenJ', sense: 'min' },
      { name: 'dsp utilization', sense: 'min' },
    ]);
    expect(result.stdout).toContain(`tiny: ${feasible.length} feasible of ${records.length} points; Pareto front of ${expected.length}`);
  });

  it('prints the best K by an objective and saves the best design, which simulates to the same figures', () => {
    const saved = join(out, 'best.json');
    const result = runFpgasim('pareto', out, '--top', '2', '--by', 'energyPerTokenJ', '--save-design', saved);
    expect(result.status).toBe(0);
    const feasible = records.filter((r): r is OkRecord => r.status === 'ok' && r.fits).sort((a, b) => a.energyPerTokenJ - b.energyPerTokenJ || a.index - b.index);
    const table = result.stdout.slice(result.stdout.indexOf('Best 2 by energyPerTokenJ (min):'));
    expect(table.split('\n').slice(3, 5).map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual([feasible[0].index, feasible[1].index]);
    expect(result.stdout).toContain(`Saved point ${feasible[0].index} (best by energyPerTokenJ) as ${saved}`);
    const design = loadDesign(saved);
    expect(design.name).toBe('tiny');
    const again = simulate({ design, config: parseModelShape(TINY_MODEL), modelName: TINY_MODEL, tokens: 8, mode: 'analytic' });
    expect(again.fpga.tokensPerSecond).toBe(feasible[0].tokensPerSecond);
    expect(again.fpga.energyPerTokenJ).toBe(feasible[0].energyPerTokenJ);
  });

  it('refuses a directory that is not a sweep\'s, in one line', () => {
    expect(oneErrorLine(runFpgasim('pareto', tempDir('empty')))).toMatch(/holds no experiment\.json: not the output of fpgasim sweep$/);
  });
});
