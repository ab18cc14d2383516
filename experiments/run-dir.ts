// DIR/experiment.json: which experiment (as resolved, and its hash) and which shard a results directory
// holds, so a resume or a merge can refuse results that do not belong together.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FpgasimError } from '../kernels/errors.js';
import type { Json } from '../sim/design/fields.js';
import { parseExperiment, type Experiment } from './experiment.js';
import type { Shard } from './shard.js';

export const EXPERIMENT_FILE = 'experiment.json';

export interface RunInfo {
  hash: string;
  shard: Shard | null; // null: every point
  points: number; // points of the whole experiment
  shardPoints: number; // points of this shard
  experiment: Record<string, Json>; // the experiment as resolved
}

export function readRunInfo(dir: string): RunInfo {
  const path = join(dir, EXPERIMENT_FILE);
  if (!existsSync(path)) throw new FpgasimError(`${dir} holds no ${EXPERIMENT_FILE}: not the output of fpgasim sweep`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RunInfo;
  } catch (error) {
    throw new FpgasimError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

/** The experiment a run directory holds, parsed again from its resolved form. */
export function experimentOfRun(dir: string, info: RunInfo): Experiment {
  return parseExperiment(info.experiment, join(dir, EXPERIMENT_FILE), dir);
}

const shardText = (shard: Shard | null) => (shard ? `shard ${shard.index}/${shard.count}` : 'all points');

/** Creates DIR for a run, or checks that the run it already holds is this one. */
export function prepareRunDir(dir: string, info: RunInfo): void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, EXPERIMENT_FILE);
  if (existsSync(path)) {
    const held = readRunInfo(dir);
    if (held.hash !== info.hash) {
      throw new FpgasimError(`${dir} holds results of another experiment (${String(held.experiment.name)}, hash ${held.hash.slice(0, 12)}; this one is ${info.hash.slice(0, 12)}): use another --out or delete it`);
    }
    if (shardText(held.shard) !== shardText(info.shard)) throw new FpgasimError(`${dir} holds ${shardText(held.shard)} of this experiment, not ${shardText(info.shard)}: use another --out`);
    return;
  }
  writeFileSync(path, `${JSON.stringify(info, null, 2)}\n`);
}
