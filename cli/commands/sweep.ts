// fpgasim sweep: simulate every point of an experiment (timing only) on worker threads, appending each
// result to DIR/results.jsonl; running it again resumes. See experiments/README.md.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { check } from '../../kernels/errors.js';
import { SWEEP_MODES, type SweepMode } from '../../experiments/experiment.js';
import { createProgress } from '../../experiments/progress.js';
import { RESULTS_FILE } from '../../experiments/results-file.js';
import { parseShard } from '../../experiments/shard.js';
import { describeSweep, runSweep } from '../../experiments/sweep.js';
import { bandNotes } from '../../experiments/validation/validate.js';

interface SweepArgs {
  experiment: string;
  out: string;
  jobs: number;
  shard: string | undefined;
  limit: number | undefined;
  mode: SweepMode | undefined;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <experiment>',
  describe: 'Simulate the design points of an experiment file in parallel, resumably, into DIR/results.jsonl',
  builder: (yargs) =>
    yargs
      .positional('experiment', { type: 'string', describe: 'an experiment .json file (e.g. experiments/studies/vu9p-frontier.json)', demandOption: true })
      .option('out', { type: 'string', describe: 'results directory (created; rerun the same command to resume)', demandOption: true })
      .option('jobs', { type: 'number', describe: 'worker threads', default: availableParallelism() })
      .option('shard', { type: 'string', describe: 'run only shard i of n (i/n): points whose index is i-1 modulo n' })
      .option('limit', { type: 'number', describe: 'simulate at most this many new points, then stop (resume later)' })
      .option('mode', { choices: SWEEP_MODES, describe: "timing path, overriding the experiment's (default analytic: the closed form of flow)" })
      .example('$0 sweep experiments/studies/vu9p-frontier.json --out runs/frontier', 'every point, all cores')
      .example('$0 sweep experiments/studies/vu9p-frontier.json --out runs/frontier-3 --shard 3/8', 'one of 8 shards (then fpgasim merge)')
      .example('$0 sweep my-experiment.json --out runs/check --mode flow --limit 20', 'the first 20 points, event-driven'),
  handler: async (args) => {
    check(Number.isInteger(args.jobs) && args.jobs >= 1, `--jobs ${args.jobs} is not allowed (a whole number >= 1)`);
    check(args.limit === undefined || (Number.isInteger(args.limit) && args.limit >= 0), `--limit ${args.limit} is not allowed (a whole number >= 0)`);
    const summary = await runSweep({
      experimentPath: args.experiment,
      outDir: args.out,
      jobs: args.jobs,
      shard: args.shard === undefined ? null : parseShard(args.shard),
      limit: args.limit ?? null,
      mode: args.mode,
      progress: (total) => createProgress({ total, label: 'sweep', tty: process.stderr.isTTY === true, write: (text) => process.stderr.write(text) }),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(describeSweep(summary, join(args.out, RESULTS_FILE)));
    process.stdout.write(`${bandNotes().join('\n')}\n`);
  },
};
