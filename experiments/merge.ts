// Combining the output directories of a sharded sweep: they must hold the same experiment, all n shards of
// i/n exactly once, each complete, and no point twice; the result is one directory in canonical order, as
// an unsharded run would have written it.
import { join } from 'node:path';
import { FpgasimError } from '../kernels/errors.js';
import type { ResultRecord } from './record.js';
import { readResults, RESULTS_FILE, writeResultsInOrder } from './results-file.js';
import { prepareRunDir, readRunInfo, type RunInfo } from './run-dir.js';

export interface MergeSummary {
  experiment: string;
  points: number;
  shards: number;
}

export function mergeRuns(dirs: readonly string[], outDir: string): MergeSummary {
  if (dirs.length === 0) throw new FpgasimError('merge needs at least one results directory');
  const runs = dirs.map((dir) => ({ dir, info: readRunInfo(dir) }));
  const first = runs[0];
  for (const run of runs) {
    if (run.info.hash !== first.info.hash) {
      throw new FpgasimError(`${run.dir} holds another experiment than ${first.dir} (${String(run.info.experiment.name)} ${run.info.hash.slice(0, 12)} vs ${String(first.info.experiment.name)} ${first.info.hash.slice(0, 12)})`);
    }
  }
  checkShardsCover(runs);

  const records: ResultRecord[] = [];
  const seen = new Map<string, string>(); // point id -> the directory it came from
  for (const { dir, info } of runs) {
    const path = join(dir, RESULTS_FILE);
    const { records: own, tornBytes } = readResults(path, { repair: false });
    const resume = `resume it (fpgasim sweep ... --out ${dir}${info.shard ? ` --shard ${info.shard.index}/${info.shard.count}` : ''}) before merging`;
    if (tornBytes > 0) throw new FpgasimError(`${path} ends in an unfinished line: ${resume}`);
    if (own.length < info.shardPoints) throw new FpgasimError(`${dir} is incomplete (${own.length} of ${info.shardPoints} points): ${resume}`);
    for (const r of own) {
      const other = seen.get(r.id);
      if (other !== undefined) throw new FpgasimError(`point ${r.index} (${r.id}) is in both ${other} and ${dir}`);
      seen.set(r.id, dir);
      records.push(r);
    }
  }
  const indices = new Set(records.map((r) => r.index));
  if (records.length !== first.info.points || indices.size !== first.info.points) {
    throw new FpgasimError(`the directories hold ${indices.size} distinct points of the experiment's ${first.info.points}`);
  }

  const merged: RunInfo = { ...first.info, shard: null, shardPoints: first.info.points };
  prepareRunDir(outDir, merged);
  writeResultsInOrder(join(outDir, RESULTS_FILE), records);
  return { experiment: String(first.info.experiment.name), points: records.length, shards: runs.length };
}

function checkShardsCover(runs: { dir: string; info: RunInfo }[]): void {
  const whole = runs.filter((r) => r.info.shard === null);
  if (whole.length > 0 && runs.length > 1) {
    throw new FpgasimError(`${whole[0].dir} holds every point already; merging it with ${runs.find((r) => r !== whole[0])!.dir} would duplicate points`);
  }
  if (whole.length > 0) return;
  const count = runs[0].info.shard!.count;
  const byIndex = new Map<number, string>();
  for (const { dir, info } of runs) {
    const shard = info.shard!;
    if (shard.count !== count) throw new FpgasimError(`${dir} is shard ${shard.index}/${shard.count}, but ${runs[0].dir} is of ${count} shards`);
    const other = byIndex.get(shard.index);
    if (other !== undefined) throw new FpgasimError(`${other} and ${dir} are both shard ${shard.index}/${count}`);
    byIndex.set(shard.index, dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new FpgasimError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: give every shard's directory`);
}
