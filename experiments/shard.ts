// --shard i/n: a deterministic 1/n of an experiment's points (those whose index is i-1 modulo n), so n
// independent jobs (a Slurm array, a Kubernetes indexed Job, GNU parallel) cover every point exactly once,
// each with about the same mix of cheap and expensive points.
import { FpgasimError } from '../kernels/errors.js';

export interface Shard {
  index: number; // 1..count
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) throw new FpgasimError(`--shard ${text} is not allowed (i/n with 1 <= i <= n, e.g. 2/8)`);
  return { index, count };
}

export function inShard(pointIndex: number, shard: Shard | null): boolean {
  return shard === null || pointIndex % shard.count === shard.index - 1;
}
