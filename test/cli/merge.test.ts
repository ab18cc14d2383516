// fpgasim merge on the command line: shards in, the unsharded run out; a refusal is one line. (The ways
// shards can fail to belong together are tested on mergeRuns in test/experiments/merge.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneErrorLine, runFpgasim } from '../helpers/run-cli.js';
import { tempDir, tinyExperiment, writeExperiment } from '../experiments/helpers.js';
import { sweepInProcess } from '../experiments/sweep-runs.js';

describe('fpgasim merge', () => {
  it('merges shards 1/3, 2/3, 3/3 into the unsharded run, and refuses a missing shard in one line', async () => {
    const dir = tempDir('merge-cli');
    const experiment = writeExperiment(dir, tinyExperiment());
    await sweepInProcess(experiment, join(dir, 'whole'));
    for (const index of [1, 2, 3]) await sweepInProcess(experiment, join(dir, `s${index}`), { shard: { index, count: 3 } });

    const merged = runFpgasim('merge', join(dir, 's1'), join(dir, 's2'), join(dir, 's3'), '--out', join(dir, 'merged'));
    expect(merged.status).toBe(0);
    expect(merged.stdout).toBe(`tiny: 36 points from 3 directories merged into ${join(dir, 'merged')}\n`);
    expect(readFileSync(join(dir, 'merged', 'results.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'whole', 'results.jsonl'), 'utf8'));

    expect(oneErrorLine(runFpgasim('merge', join(dir, 's1'), join(dir, 's3'), '--out', join(dir, 'm')))).toBe("fpgasim: shard 2/3 missing: give every shard's directory");
  });
});
