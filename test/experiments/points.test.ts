import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../experiments/experiment.js';
import { enumeratePoints, pointId } from '../../experiments/points.js';
import { tinyExperiment } from './helpers.js';

const points = (extra: Record<string, unknown>) => enumeratePoints(parseExperiment(tinyExperiment(extra), 'exp.json', '/'));

describe('the points of an experiment', () => {
  it('are the whole grid, the first parameter slowest, indexed in that order', () => {
    const { points: p } = points({ parameters: { 'accumulators.matvec': [1, 2], clock: ['200 MHz', '300 MHz', '400 MHz'] } });
    expect(p.map((x) => x.params)).toEqual([
      { 'accumulators.matvec': 1, clock: '200 MHz' },
      { 'accumulators.matvec': 1, clock: '300 MHz' },
      { 'accumulators.matvec': 1, clock: '400 MHz' },
      { 'accumulators.matvec': 2, clock: '200 MHz' },
      { 'accumulators.matvec': 2, clock: '300 MHz' },
      { 'accumulators.matvec': 2, clock: '400 MHz' },
    ]);
    expect(p.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5]);
    // the id depends on the values only, not on the order the keys were written in
    expect(p[4].id).toBe(pointId({ clock: '300 MHz', 'accumulators.matvec': 2 }));
  });

  it('expand arithmetic ranges without float drift, geometric ranges, and units', () => {
    const { points: p } = points({ parameters: { clock: { from: 0.1, to: 0.3, step: 0.1, unit: 'GHz' }, 'accumulators.matvec': { from: 1, to: 20, times: 2 } } });
    expect([...new Set(p.map((x) => x.params.clock))]).toEqual(['0.1 GHz', '0.2 GHz', '0.3 GHz']);
    expect([...new Set(p.map((x) => x.params['accumulators.matvec']))]).toEqual([1, 2, 4, 8, 16]);
  });

  it('record a choice by its name', () => {
    const { points: p } = points({
      parameters: { memory: { choices: { narrow: { 'bundles.*.widthBits': 64 }, wide: { 'bundles.*.widthBits': 512, clock: '300 MHz' } } } },
    });
    expect(p.map((x) => x.params)).toEqual([{ memory: 'narrow' }, { memory: 'wide' }]);
  });

  it('are pruned by the constraints, each removal counted once, against the values the point gives', () => {
    const e = points({
      parameters: { 'kernels.matvec.unroll.rows': [1, 3, 5, 8], tokens: [8, 16, 40] },
      constraints: [{ divides: ['kernels.matvec.unroll.rows', 'model.dim'] }, { atMost: ['tokens', 'model.seqLen'] }],
    });
    expect(e.points.map((x) => x.params)).toEqual([
      { 'kernels.matvec.unroll.rows': 1, tokens: 8 },
      { 'kernels.matvec.unroll.rows': 1, tokens: 16 },
      { 'kernels.matvec.unroll.rows': 8, tokens: 8 },
      { 'kernels.matvec.unroll.rows': 8, tokens: 16 },
    ]);
    expect(e.candidates).toBe(12);
    expect(e.removedBy).toEqual([6, 2]);
  });

  it('sample the same points for the same seed, and other points for another', () => {
    const sample = { method: 'random', count: 10 };
    const a = points({ sample }).points.map((x) => x.id);
    expect(points({ sample }).points.map((x) => x.id)).toEqual(a);
    expect(points({ sample, seed: 'other' }).points.map((x) => x.id)).not.toEqual(a);
  });

  it('drop duplicate samples, keeping the first', () => {
    const { points: p, candidates } = points({ parameters: { 'accumulators.matvec': [1, 2] }, sample: { method: 'random', count: 50 } });
    expect(p).toHaveLength(2);
    expect(candidates).toBe(2);
  });

  it('spread a Latin hypercube evenly over every parameter', () => {
    const levels = Array.from({ length: 10 }, (_, i) => i + 1);
    const keys = ['accumulators.matvec', 'accumulators.rmsnorm', 'accumulators.softmax'];
    // 10 strata over 10 levels: every level of every parameter exactly once, so no two points can be equal
    const { points: p } = points({ parameters: Object.fromEntries(keys.map((k) => [k, levels])), sample: { method: 'latin-hypercube', count: 10 } });
    expect(p).toHaveLength(10);
    for (const key of keys) expect(p.map((x) => x.params[key]).sort((a, b) => Number(a) - Number(b))).toEqual(levels);
    // whereas 10 independent draws of 10 levels repeat some (the same seed machinery, for contrast)
    const rng = seedrandom('tiny');
    expect(new Set(levels.map(() => Math.floor(rng() * 10))).size).toBeLessThan(10);
  });
});
