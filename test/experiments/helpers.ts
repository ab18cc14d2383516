// Small experiments for the sweep tests: written to a fresh temporary directory, on a tiny model shape that
// simulates in milliseconds, so tests exercise the real machinery without waiting for it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A tiny shape as a model string: dim 64, hidden 128, 2 layers, 4 heads, 2 kv heads, vocab 300, seq_len 32. */
export const TINY_MODEL = '64,128,2,4,2,300,32';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `fpgasim-${prefix}-`));
}

/** An experiment on the HLSTransform design and the tiny shape; `extra` replaces or adds top-level fields. */
export function tinyExperiment(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'tiny',
    description: 'a small grid for tests',
    design: 'hlstransform',
    set: { groupSize: 16, 'kernels.rope.unroll.pairs': 1 },
    model: TINY_MODEL,
    tokens: 8,
    parameters: {
      'kernels.matvec.partition.w.q.factor': { from: 8, to: 64, times: 2 },
      'accumulators.matvec': [1, 2, 4],
      clock: { from: 200, to: 300, step: 50, unit: 'MHz' },
    },
    ...extra,
  };
}

/** Writes an experiment into dir and returns its path. */
export function writeExperiment(dir: string, experiment: unknown, name = 'experiment.json'): string {
  const path = join(dir, name);
  writeFileSync(path, typeof experiment === 'string' ? experiment : JSON.stringify(experiment, null, 2));
  return path;
}
