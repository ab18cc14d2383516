// Sweep speed and the accuracy of the analytic path it runs on:
//
//   1. points per minute: a seeded Latin-hypercube sample of SAMPLE_POINTS stories110M design points of the
//      vu9p-frontier study, swept as `fpgasim sweep` sweeps (worker threads, all cores, results appended to
//      a file in a temporary directory), timed from start to end (worker start-up included) and from the
//      first result to the last (steady state); the CPU time per point beside them, since the 2-core
//      machines this runs on are often shared
//   2. analytic vs flow: PATH_CHECK_POINTS seeded points of the same sampled space (the study's parameters,
//      plus DATAFLOW composition and two more directives) simulated both ways; the largest relative
//      difference of tokens/s and of J/token, over all and for each composition (target under 2%: the section
//      fails above it)
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareTimingPaths } from '../experiments/analytic-check.js';
import { loadExperiment } from '../experiments/experiment.js';
import { runSweep } from '../experiments/sweep.js';
import type { BenchSection } from './section.js';

const STUDY = fileURLToPath(new URL('../experiments/studies/vu9p-frontier.json', import.meta.url));
const SAMPLE_POINTS = 3000;
const PATH_CHECK_POINTS = 30;
const TARGET_POINTS_PER_MINUTE = 10_000;
const MAX_RELATIVE_DIFFERENCE = 0.02;

export const sweepSection: BenchSection = {
  name: 'sweep',
  describe: `stories110M design points per minute of fpgasim sweep (analytic path), and analytic vs flow on ${PATH_CHECK_POINTS} points`,
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'fpgasim-bench-sweep-'));
    try {
      // 1. a wider space than the study's grid, sampled, so every point is new work
      const study = loadExperiment(STUDY).resolved;
      const parameters = {
        ...(study.parameters as object),
        'accumulators.softmax': [4, 8, 16],
        'kernels.rmsnorm.unroll.sum_squares': [16, 32, 64, 128],
        composition: ['sequential', 'dataflow'],
      };
      const experiment = { ...study, name: 'bench-sweep', parameters, sample: { method: 'latin-hypercube', count: SAMPLE_POINTS } };
      writeFileSync(join(dir, 'experiment.json'), JSON.stringify(experiment));
      const jobs = availableParallelism();
      log(`sweeping ${SAMPLE_POINTS} sampled stories110M points (256 tokens) on ${jobs} worker threads`);
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      let firstResultMs = NaN;
      let lastResultMs = NaN;
      let resultsAfterFirst = 0;
      const summary = await runSweep({
        experimentPath: join(dir, 'experiment.json'),
        outDir: join(dir, 'out'),
        jobs,
        shard: null,
        limit: null,
        progress: () => ({
          update: (done) => {
            lastResultMs = performance.now();
            if (done === 1) firstResultMs = lastResultMs;
            else resultsAfterFirst = done - 1;
          },
          finish: () => {},
        }),
        log: () => {},
      });
      const wallMinutes = (performance.now() - started) / 60_000;
      const cpu = process.cpuUsage(cpuStart);
      const points = summary.simulated;
      const steadyPerMinute = resultsAfterFirst / ((lastResultMs - firstResultMs) / 60_000);
      log(`  ${points} points (${summary.records.filter((r) => r.status === 'error').length} refused) in ${(wallMinutes * 60).toFixed(1)} s`);
      log(`  points per minute, start to end (worker start-up included): ${Math.round(points / wallMinutes).toLocaleString('en-US')}`);
      log(`  points per minute, first result to last (steady state):     ${Math.round(steadyPerMinute).toLocaleString('en-US')}  (target ${TARGET_POINTS_PER_MINUTE.toLocaleString('en-US')})`);
      log(`  CPU time per point, all threads: ${(((cpu.user + cpu.system) / 1000) / points).toFixed(2)} ms (the machine's other load does not count here)`);

      // 2.
      log(`analytic vs flow on ${PATH_CHECK_POINTS} seeded points of that space (each flow run takes about a second)`);
      const check = compareTimingPaths(loadExperiment(join(dir, 'experiment.json')), PATH_CHECK_POINTS, 'bench analytic vs flow');
      const largest = check.largest!;
      log(`  compared ${check.compared.length}, refused by both ${check.refused}, disagreeing on whether the design is valid ${check.disagreements.length}`);
      for (const [figure, row] of [['tokens/s', check.largestTokensPerSecond!], ['J/token', check.largestEnergyPerToken!]] as const) {
        const difference = figure === 'tokens/s' ? row.tokensPerSecondDifference : row.energyPerTokenDifference;
        log(
          `  largest ${figure} difference ${(100 * difference).toFixed(3)}% at point ${row.point.index} ${JSON.stringify(row.point.params)}: ` +
            `${row.analytic.tokensPerSecond.toFixed(2)} vs ${row.flow.tokensPerSecond.toFixed(2)} tokens/s, ${row.analytic.energyPerTokenJ.toFixed(5)} vs ${row.flow.energyPerTokenJ.toFixed(5)} J/token`,
        );
      }
      // DATAFLOW groups are where the two paths account busy time differently, so each composition on its own
      for (const composition of ['sequential', 'dataflow']) {
        const rows = check.compared.filter((row) => row.point.params.composition === composition);
        const worst = (key: 'tokensPerSecondDifference' | 'energyPerTokenDifference') => (100 * Math.max(0, ...rows.map((row) => row[key]))).toFixed(3);
        log(`  ${composition} (${rows.length} points): largest tokens/s difference ${worst('tokensPerSecondDifference')}%, J/token ${worst('energyPerTokenDifference')}%`);
      }
      log(`  largest of both: ${(100 * largest.relativeDifference).toFixed(3)}% (target under ${100 * MAX_RELATIVE_DIFFERENCE}%)`);
      return largest.relativeDifference < MAX_RELATIVE_DIFFERENCE && check.disagreements.length === 0;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
