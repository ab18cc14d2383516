import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../kernels/errors.js';
import { loadExperiment, parseExperiment } from '../../experiments/experiment.js';
import { enumeratePoints } from '../../experiments/points.js';
import { tempDir, tinyExperiment, writeExperiment } from './helpers.js';

const parse = (raw: unknown) => parseExperiment(raw, 'exp.json', '/');
/** Everything a sweep checks before its first point: parsing and enumerating. */
const prepare = (raw: unknown) => enumeratePoints(parse(raw));

describe('experiment files', () => {
  it('resolve the base design, set and parameters, and hash the result', () => {
    const experiment = parse(tinyExperiment());
    expect(experiment.parameters.map((p) => [p.key, p.levels])).toEqual([
      ['kernels.matvec.partition.w.q.factor', [8, 16, 32, 64]],
      ['accumulators.matvec', [1, 2, 4]],
      ['clock', ['200 MHz', '250 MHz', '300 MHz']],
    ]);
    expect((experiment.design as any).groupSize).toBe(16);
    expect(experiment.mode).toBe('analytic');
    expect(experiment.seed).toBe('tiny');
    expect(experiment.hash).toMatch(/^[0-9a-f]{64}$/);
    // the resolved form is itself an experiment, with the same hash
    expect(parse(experiment.resolved).hash).toBe(experiment.hash);
    expect(parse(tinyExperiment({ tokens: 9 })).hash).not.toBe(experiment.hash);
  });

  it('takes the mode from the command line over the file, and it changes the hash', () => {
    const dir = tempDir('exp');
    const path = writeExperiment(dir, tinyExperiment());
    const flow = loadExperiment(path, { mode: 'flow' });
    expect(flow.mode).toBe('flow');
    expect(flow.hash).not.toBe(loadExperiment(path).hash);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown field', { sweep: true }, /^exp\.json: unknown field sweep \(allowed: name, description, design, set, model, tokens, mode, seed, parameters, sample, constraints\)$/],
    ['an empty range', { parameters: { 'accumulators.matvec': { from: 8, to: 4, step: 1 } } }, /^exp\.json: parameters\.accumulators\.matvec is an empty range \(from 8 is above to 4\)$/],
    ['an empty list', { parameters: { 'accumulators.matvec': [] } }, /^exp\.json: parameters\.accumulators\.matvec is an empty list/],
    ['a range with step and times', { parameters: { clock: { from: 1, to: 2, step: 1, times: 2 } } }, /needs exactly one of step \(arithmetic\) or times/],
    ['an unknown range key', { parameters: { clock: { from: 1, to: 2, stp: 1 } } }, /parameters\.clock: unknown key stp/],
    [
      'a path designs do not have',
      { parameters: { 'kernels.matvec.unrol.rows': [1, 2] } },
      /^exp\.json: parameters\.kernels\.matvec\.unrol\.rows sets a field designs do not have: unknown key kernels\.matvec\.unrol \(allowed: /,
    ],
    ['a malformed path', { parameters: { 'kernels..matvec': [1] } }, /parameters\.kernels\.\.matvec: path "kernels\.\.matvec" is not a dotted path/],
    ['an unknown model', { model: 'stories7B' }, /model shape 'stories7B' is neither a preset/],
    ['an unknown built-in design', { design: 'nope' }, /design = "nope" is not allowed \(no such built-in design\)/],
    ['a base design the checks refuse', { set: { clock: 'fast' } }, /exp\.json: the base design: /],
    ['an unknown mode', { mode: 'burst' }, /mode = "burst" is not allowed \(one of analytic, flow\)/],
    ['a sample without a count', { sample: { method: 'random' } }, /sample\.count = undefined is not allowed/],
    ['an unknown relation', { constraints: [{ divide: [1, 2] }] }, /constraints\[0\] = \{"divide":\[1,2\]\} is not allowed \(one relation: divides, atMost/],
    ['an unknown model field', { constraints: [{ atMost: ['tokens', 'model.seq'] }] }, /model\.seq is not a model field/],
  ])('refuse %s in one line, before any point is simulated', (_, change, message) => {
    let error: unknown;
    try {
      prepare(tinyExperiment(change));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FpgasimError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('refuse constraints that remove every point, naming the one that removes most', () => {
    const raw = tinyExperiment({
      constraints: [{ atMost: ['accumulators.matvec', 4] }, { divides: ['kernels.matvec.partition.w.q.factor', 4] }],
    });
    expect(() => prepare(raw)).toThrow(
      /^tiny: the constraints remove every one of the 36 points \(constraints\[1\] \{"divides":\["kernels\.matvec\.partition\.w\.q\.factor",4\]\} removes 36\)$/,
    );
  });

  it('refuse a constraint operand that is no number', () => {
    expect(() => prepare(tinyExperiment({ constraints: [{ atMost: ['clock', 4] }] }))).toThrow(/constraints\[0\] .*: clock is "200 MHz", not a number/);
    expect(() => prepare(tinyExperiment({ constraints: [{ atMost: ['kernels.matvec.unroll.rows', 4] }] }))).toThrow(
      /kernels\.matvec\.unroll\.rows is neither set by a parameter nor a field of the base design/,
    );
  });
});
