// Merging shards: sharded runs of an experiment, merged, are its unsharded run byte for byte; and every
// way directories can fail to belong together is refused, naming the directory.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeRuns } from '../../experiments/merge.js';
import { tempDir, tinyExperiment, writeExperiment } from './helpers.js';
import { sweepInProcess } from './sweep-runs.js';

describe('merging the shards of a sweep', () => {
  let dir: string;
  let experiment: string;
  const shard = (i: number) => join(dir, `shard-${i}`);
  const read = (d: string) => readFileSync(join(d, 'results.jsonl'), 'utf8');

  beforeAll(async () => {
    dir = tempDir('merge');
    experiment = writeExperiment(dir, tinyExperiment());
    await sweepInProcess(experiment, join(dir, 'whole'));
    for (const index of [1, 2, 3]) expect((await sweepInProcess(experiment, shard(index), { shard: { index, count: 3 } })).complete).toBe(true);
  });

  it('gives shards 1/3, 2/3, 3/3 merged exactly the unsharded run, whatever order they are given in', () => {
    expect(mergeRuns([shard(3), shard(1), shard(2)], join(dir, 'merged'))).toEqual({ experiment: 'tiny', points: 36, shards: 3 });
    expect(read(join(dir, 'merged'))).toBe(read(join(dir, 'whole')));
    expect(JSON.parse(readFileSync(join(dir, 'merged', 'experiment.json'), 'utf8'))).toMatchObject({ shard: null, points: 36, shardPoints: 36 });
    // a shard is every third point, round robin
    expect(read(shard(2)).split('\n').filter(Boolean).map((l) => JSON.parse(l).index)).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31, 34]);
  });

  it('refuses a missing shard, a shard twice, or the whole run beside a shard, writing nothing', () => {
    expect(() => mergeRuns([shard(1), shard(3)], join(dir, 'm1'))).toThrow(/^shard 2\/3 missing: give every shard's directory$/);
    expect(() => mergeRuns([shard(1), shard(2), shard(2), shard(3)], join(dir, 'm2'))).toThrow(`${shard(2)} and ${shard(2)} are both shard 2/3`);
    expect(() => mergeRuns([join(dir, 'whole'), shard(1)], join(dir, 'm3'))).toThrow(/whole holds every point already; merging it with .*shard-1 would duplicate points$/);
    expect(['m1', 'm2', 'm3'].some((m) => existsSync(join(dir, m)))).toBe(false);
  });

  it('refuses a shard of another experiment, and an unfinished shard', async () => {
    const foreign = join(dir, 'foreign-2');
    await sweepInProcess(writeExperiment(dir, tinyExperiment({ tokens: 9 }), 'other.json'), foreign, { shard: { index: 2, count: 3 } });
    expect(() => mergeRuns([shard(1), foreign, shard(3)], join(dir, 'm4'))).toThrow(/foreign-2 holds another experiment than .*shard-1 \(tiny [0-9a-f]{12} vs tiny [0-9a-f]{12}\)$/);

    const partial = join(dir, 'partial-2');
    await sweepInProcess(experiment, partial, { shard: { index: 2, count: 3 }, limit: 5 });
    expect(() => mergeRuns([shard(1), partial, shard(3)], join(dir, 'm5'))).toThrow(`${partial} is incomplete (5 of 12 points): resume it (fpgasim sweep ... --out ${partial} --shard 2/3) before merging`);
  });

  it('refuses a point that two directories both hold', async () => {
    const doctored = join(dir, 'doctored-3');
    await sweepInProcess(experiment, doctored, { shard: { index: 3, count: 3 } });
    const lines = read(doctored).split('\n').filter(Boolean);
    lines[0] = read(shard(1)).split('\n')[0];
    writeFileSync(join(doctored, 'results.jsonl'), `${lines.join('\n')}\n`);
    expect(() => mergeRuns([shard(1), shard(2), doctored], join(dir, 'm6'))).toThrow(/^point 0 \([0-9a-f]{16}\) is in both .*shard-1 and .*doctored-3$/);
  });
});
