// The analytic path that sweeps use must stay within 2% of the event-driven simulation it is the closed form
// of. The benchmark (bench/sweep.ts) checks 30 stories110M designs; this checks a few stories15M designs
// with the same directives varied, so a change to either path that makes them drift apart fails here.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTimingPaths } from '../../experiments/analytic-check.js';
import { loadExperiment, parseExperiment } from '../../experiments/experiment.js';
import { PROJECT_ROOT } from '../helpers/models.js';

describe('analytic timing against the flow-level simulation', () => {
  it('agrees within 2% on a seeded sample of frontier designs (stories15M, 32 tokens)', () => {
    const frontier = loadExperiment(join(PROJECT_ROOT, 'experiments', 'studies', 'vu9p-frontier.json'));
    const small = parseExperiment({ ...frontier.resolved, model: 'stories15M', tokens: 32, set: { groupSize: 32 } }, 'frontier on stories15M', PROJECT_ROOT);
    const check = compareTimingPaths(small, 6, 'analytic-vs-flow test');
    expect(check.disagreements).toEqual([]);
    expect(check.compared.length + check.refused).toBe(6);
    expect(check.compared.length).toBeGreaterThanOrEqual(3);
    expect(check.largest!.relativeDifference).toBeLessThan(0.02);
  });
});
