import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { ENERGY_PER_TOKEN, paretoFront, rankingObjective, resourceObjective, TOKENS_PER_SECOND, topBy } from '../../experiments/pareto.js';
import type { OkRecord } from '../../experiments/record.js';

/** A hand-made result: only what the objectives read is filled in. */
function record(index: number, tokensPerSecond: number, energyPerTokenJ: number, dsp: number, lut = 0.1): OkRecord {
  return { index, id: `p${index}`, tokensPerSecond, energyPerTokenJ, utilization: { dsp, lut, ff: 0.1, bram18: 0.1, uram: 0 } } as unknown as OkRecord;
}

describe('Pareto fronts', () => {
  //  point  tokens/s  J/token  DSP
  //    0      100      0.10    0.50   on the front: fastest
  //    1       90      0.08    0.50   on the front: less energy than 0
  //    2       90      0.09    0.50   dominated by 1 (same speed and DSP, more energy)
  //    3       50      0.05    0.90   on the front: least energy
  //    4       50      0.05    0.95   dominated by 3 (more DSP only)
  //    5       40      0.20    0.10   on the front: least DSP
  //    6       30      0.30    0.20   dominated by 5 on all three
  //    7       90      0.08    0.50   equal to 1 in every objective: neither dominates, both stay
  const set = [record(0, 100, 0.1, 0.5), record(1, 90, 0.08, 0.5), record(2, 90, 0.09, 0.5), record(3, 50, 0.05, 0.9), record(4, 50, 0.05, 0.95), record(5, 40, 0.2, 0.1), record(6, 30, 0.3, 0.2), record(7, 90, 0.08, 0.5)];
  const objectives = [TOKENS_PER_SECOND, ENERGY_PER_TOKEN, resourceObjective('dsp')];

  it('keeps exactly the non-dominated points, fastest first', () => {
    expect(paretoFront(set, objectives).map((r) => r.index)).toEqual([0, 1, 7, 3, 5]);
  });

  it('is the same whatever order the points come in', () => {
    const reversed = [...set].reverse();
    expect(paretoFront(reversed, objectives).map((r) => r.index)).toEqual([0, 1, 7, 3, 5]);
  });

  it('agrees with the definition on a seeded random set', () => {
    const next = seedrandom('pareto');
    const many = Array.from({ length: 300 }, (_, i) => record(i, Math.round(next() * 50), Math.round(next() * 50) / 100, Math.round(next() * 20) / 20));
    const dominated = (b: OkRecord) =>
      many.some((a) => a.tokensPerSecond >= b.tokensPerSecond && a.energyPerTokenJ <= b.energyPerTokenJ && a.utilization.dsp <= b.utilization.dsp && (a.tokensPerSecond > b.tokensPerSecond || a.energyPerTokenJ < b.energyPerTokenJ || a.utilization.dsp < b.utilization.dsp));
    const expected = many.filter((r) => !dominated(r)).map((r) => r.index).sort((a, b) => a - b);
    expect(paretoFront(many, objectives).map((r) => r.index).sort((a, b) => a - b)).toEqual(expected);
  });

  it('uses the fullest resource with max', () => {
    const withLut = [record(0, 100, 0.1, 0.2, 0.9), record(1, 100, 0.1, 0.5, 0.5)];
    expect(paretoFront(withLut, [TOKENS_PER_SECOND, ENERGY_PER_TOKEN, resourceObjective('dsp')]).map((r) => r.index)).toEqual([0]);
    expect(paretoFront(withLut, [TOKENS_PER_SECOND, ENERGY_PER_TOKEN, resourceObjective('max')]).map((r) => r.index)).toEqual([1]);
  });

  it('ranks the top K by one objective in its own direction, ties in canonical order', () => {
    expect(topBy(set, rankingObjective('tokensPerSecond'), 3).map((r) => r.index)).toEqual([0, 1, 2]);
    expect(topBy(set, rankingObjective('energyPerTokenJ'), 3).map((r) => r.index)).toEqual([3, 4, 1]);
    expect(topBy(set, rankingObjective('dsp'), 1).map((r) => r.index)).toEqual([5]);
    expect(() => rankingObjective('speed')).toThrow(/--by speed is not allowed \(one of tokensPerSecond, energyPerTokenJ, powerW, lut, ff, dsp, bram18, uram, max\)/);
  });
});
