// Sweeps run in-process (worker threads and all, without a CLI process around them), for the tests of what
// comes after a sweep: merge, shards.
import { runSweep, type SweepSummary } from '../../experiments/sweep.js';
import type { Shard } from '../../experiments/shard.js';

export function sweepInProcess(experimentPath: string, outDir: string, options: { shard?: Shard; limit?: number } = {}): Promise<SweepSummary> {
  return runSweep({
    experimentPath,
    outDir,
    jobs: 1,
    shard: options.shard ?? null,
    limit: options.limit ?? null,
    progress: () => ({ update: () => {}, finish: () => {} }),
    log: () => {},
  });
}
