// The analytic path that sweeps use must stay within 2% of the event-driven simulation it is the closed form
// of. The benchmark (bench/sweep.ts) checks 30 stories110M designs; this checks a few stories15M designs
// with the same directives varied, so a change to either path that makes them drift apart fails here.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareTimingPaths } from '../../experiments/analytic-check.js';
import { loadExperiment, parseExperiment } from '../../experiments/experiment.js';
import { PROJECT_ROOT } from '../helpers/models.js';

describe('analytic timing against the flow-level simulation', () => {
  /** The frontier study on a smaller model and run, so a flow-level point takes a fraction of a second. */
  const smallFrontier = (model: string, tokens: number, parameters: Record<string, unknown> = {}) => {
    const frontier = loadExperiment(join(PROJECT_ROOT, 'experiments', 'studies', 'vu9p-frontier.json'));
    const resolved = { ...frontier.resolved, model, tokens, set: { groupSize: 32 }, parameters: { ...(frontier.resolved.parameters as object), ...parameters } };
    return parseExperiment(resolved, `frontier on ${model}`, PROJECT_ROOT);
  };

  it('agrees within 2% on a seeded sample of frontier designs (stories15M, 32 tokens)', () => {
    const check = compareTimingPaths(smallFrontier('stories15M', 32), 6, 'analytic-vs-flow test');
    expect(check.disagreements).toEqual([]);
    expect(check.compared.length + check.refused).toBe(6);
    expect(check.compared.length).toBeGreaterThanOrEqual(3);
    expect(check.largest!.relativeDifference).toBeLessThan(0.02);
  });

  // In a DATAFLOW group the calls share channels: both paths count each call busy until the group's bytes
  // have moved (per-kernel active-logic energy follows that busy time), so J/token agrees too.
  it('agrees within 2% on tokens/s and J/token for DATAFLOW designs too', () => {
    const check = compareTimingPaths(smallFrontier('stories42M', 16, { composition: ['dataflow'], 'kernels.matvec.unroll.rows': [4], clock: ['300 MHz'] }), 2, 'dataflow');
    expect(check.largestTokensPerSecond!.tokensPerSecondDifference).toBeLessThan(0.02);
    expect(check.largestEnergyPerToken!.energyPerTokenDifference).toBeLessThan(0.02);
  });
});
