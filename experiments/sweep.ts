// A sweep, from experiment file to DIR/results.jsonl:
//
//   1. load and check the experiment, enumerate its points, prune them   (experiment.ts, points.ts)
//   2. keep this shard's points                                          (shard.ts)
//   3. create DIR, or check it holds this experiment and shard           (run-dir.ts)
//   4. read what is done, cutting off a torn last line                   (results-file.ts)
//   5. simulate the rest (or --limit of them) on worker threads,
//      appending each result as it arrives                               (pool.ts, worker.ts)
//   6. once every point is in, rewrite the file in canonical order
//
// Steps 1-4 do all the checking, so a bad experiment fails before any point is simulated.
import { join } from 'node:path';
import { FpgasimError } from '../kernels/errors.js';
import { loadExperiment, type SweepMode } from './experiment.js';
import { enumeratePoints } from './points.js';
import { runPool } from './pool.js';
import type { Progress } from './progress.js';
import { readResults, RESULTS_FILE, ResultsAppender, writeResultsInOrder } from './results-file.js';
import { isFeasible, type OkRecord, type ResultRecord } from './record.js';
import { prepareRunDir, type RunInfo } from './run-dir.js';
import { inShard, type Shard } from './shard.js';

export interface SweepOptions {
  experimentPath: string;
  outDir: string;
  jobs: number;
  shard: Shard | null;
  limit: number | null; // simulate at most this many new points in this run
  mode?: SweepMode;
  progress: (total: number) => Progress;
  log: (line: string) => void;
}

export interface SweepSummary {
  experiment: string;
  points: number; // this shard's points
  alreadyDone: number; // found in results.jsonl when the run started
  simulated: number; // in this run
  records: ResultRecord[]; // everything done so far, canonical order
  complete: boolean;
}

export async function runSweep(options: SweepOptions): Promise<SweepSummary> {
  // 1-2
  const experiment = loadExperiment(options.experimentPath, { mode: options.mode });
  const { points, candidates, removedBy } = enumeratePoints(experiment);
  const mine = points.filter((p) => inShard(p.index, options.shard));
  const info: RunInfo = { hash: experiment.hash, shard: options.shard, points: points.length, shardPoints: mine.length, experiment: experiment.resolved };

  // 3-4
  prepareRunDir(options.outDir, info);
  const pruned = removedBy.reduce((a, b) => a + b, 0);
  options.log(
    `${experiment.name}: ${points.length} points${pruned > 0 ? ` (${candidates} candidates, ${pruned} removed by constraints)` : ''}` +
      `${options.shard ? `, shard ${options.shard.index}/${options.shard.count}: ${mine.length}` : ''}, ${experiment.mode} timing`,
  );
  const resultsPath = join(options.outDir, RESULTS_FILE);
  const { records, tornBytes } = readResults(resultsPath, { repair: true });
  if (tornBytes > 0) options.log(`dropped an unfinished last line (${tornBytes} bytes) of ${resultsPath}: its point runs again`);
  const wanted = new Map(mine.map((p) => [p.id, p]));
  const done = new Set<string>();
  for (const r of records) {
    if (!wanted.has(r.id) || wanted.get(r.id)!.index !== r.index) throw new FpgasimError(`${resultsPath}: point ${r.index} (${r.id}) is not a point of this run: the file was changed by hand`);
    if (done.has(r.id)) throw new FpgasimError(`${resultsPath}: point ${r.index} (${r.id}) appears twice: the file was changed by hand`);
    done.add(r.id);
  }
  const todo = mine.filter((p) => !done.has(p.id)).slice(0, options.limit ?? undefined);
  if (done.size > 0) options.log(`resuming: ${done.size} of ${mine.length} points already in ${resultsPath}`);

  // 5
  const progress = options.progress(todo.length);
  const appender = new ResultsAppender(resultsPath);
  let finished = 0;
  try {
    await runPool(info.experiment, todo, options.jobs, ({ line }) => {
      appender.append(line);
      records.push(JSON.parse(line) as ResultRecord);
      progress.update(++finished);
    });
  } finally {
    appender.close();
  }
  progress.finish(finished);

  // 6
  const complete = records.length === mine.length;
  if (complete) writeResultsInOrder(resultsPath, records);
  records.sort((a, b) => a.index - b.index);
  return { experiment: experiment.name, points: mine.length, alreadyDone: done.size, simulated: finished, records, complete };
}

/** The one-paragraph account of a sweep that the CLI prints. */
export function describeSweep(summary: SweepSummary, resultsPath: string): string {
  const errors = summary.records.filter((r) => r.status === 'error');
  const internal = errors.filter((r) => r.status === 'error' && r.internal);
  const feasible = summary.records.filter(isFeasible);
  const best = feasible.reduce<OkRecord | null>((a, r) => (a === null || r.tokensPerSecond > a.tokensPerSecond ? r : a), null);
  const lines = [
    `${summary.records.length}/${summary.points} points in ${resultsPath}${summary.complete ? ' (complete, canonical order)' : ` (${summary.points - summary.records.length} to go: run the same command again)`}`,
    `${feasible.length} feasible, ${summary.records.length - feasible.length - errors.length} over budget, ${errors.length} refused designs${internal.length > 0 ? ` (${internal.length} INTERNAL errors: please report)` : ''}`,
  ];
  if (best) lines.push(`fastest feasible: ${best.tokensPerSecond.toFixed(1)} tokens/s, ${best.energyPerTokenJ.toFixed(4)} J/token, point ${best.index} ${JSON.stringify(best.params)}`);
  if (errors.length > 0) lines.push(`first refusal: point ${errors[0].index}: ${(errors[0] as { error: string }).error}`);
  return `${lines.join('\n')}\n`;
}
