// 20 seeded random design points (accumulator counts, unroll, partition, staging, placement, striping over
// several bundles, group size, GQA shapes), each emitted, compiled by g++ and run: every kernel header and two whole decode steps must
// give the TypeScript kernels' bytes. Compiled at -O0 with the contract's other flags (the optimizer does
// not change float results under -ffp-contract=off, and -O0 compiles fastest); validate-hls itself, with
// -O2 and the sanitizers, is tested in test/cli.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { afterAll, describe, expect, it } from 'vitest';
import { bundlesOf, emittedMath, onChipStorage, stripesOf } from '../../../kernels/hls/config.js';
import { emitHlsProject } from '../../../kernels/hls/project.js';
import { validateHlsProject, type ValidateResult } from '../../../kernels/hls/validate.js';
import { synthModel } from '../../../kernels/model/synth.js';
import { pool, randomPoint, type DesignPoint } from './design-points.js';
import { GXX_NOTE, NO_GXX } from '../../helpers/skip.js';

const POINTS = 20;
const STEPS = 2;

describe.skipIf(NO_GXX)(`21 random design points emitted and compiled by g++${GXX_NOTE}`, () => {
  const root = mkdtempSync(join(tmpdir(), 'fpgasim-hls-sweep-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const rng = seedrandom('fpgasim emit-hls design-point sweep');
  const points: DesignPoint[] = Array.from({ length: POINTS }, (_, i) => randomPoint(rng, i));
  // and one point with the binary32 math (the others use the default, glibc), from its own seeded draw
  const binary32 = randomPoint(seedrandom('fpgasim emit-hls binary32 point'), POINTS);
  points.push({ ...binary32, hls: { ...binary32.hls, design: { ...binary32.hls.design, math: 'binary32' } } });
  const runs = pool(
    points.map((point, i) => async (): Promise<ValidateResult> => {
      const dir = join(root, `point-${i}`);
      const model = synthModel(point.model, { seed: i, groupSize: point.hls.design.groupSize });
      emitHlsProject({ hls: point.hls, model, modelName: `random shape ${i}`, steps: STEPS, seed: i, outDir: dir });
      return validateHlsProject(dir, { extraFlags: ['-O0'], sanitize: false });
    }),
    2,
  );

  it('draws points that vary what the C++ depends on', () => {
    expect(points.map((p) => p.hls.design.math)).toEqual([...Array<string>(POINTS).fill('glibc'), 'binary32']);
    const distinct = (f: (p: DesignPoint) => unknown) => new Set(points.map((p) => JSON.stringify(f(p)))).size;
    expect(distinct((p) => p.hls.design.groupSize)).toBeGreaterThanOrEqual(3);
    expect(distinct((p) => p.hls.design.accumulators.matvec)).toBeGreaterThanOrEqual(4);
    expect(distinct((p) => p.hls.design.accumulators.attentionValue)).toBeGreaterThanOrEqual(4);
    expect(points.filter((p) => p.model.nKvHeads < p.model.nHeads).length).toBeGreaterThanOrEqual(8);
    expect(points.filter((p) => ['uram', 'bram'].includes(onChipStorage(p.hls, 'kv-cache') ?? '')).length).toBeGreaterThanOrEqual(2);
    expect(points.filter((p) => p.hls.design.kernels.matvec.stage.length > 0).length).toBeGreaterThanOrEqual(5);
    const striped = (role: 'weights' | 'embedding' | 'kv-cache') => points.filter((p) => bundlesOf(p.hls, role).length > 1);
    expect(striped('weights').length).toBeGreaterThanOrEqual(4);
    expect(striped('kv-cache').length).toBeGreaterThanOrEqual(3);
    expect(striped('embedding').length).toBeGreaterThanOrEqual(3);
    expect(distinct((p) => stripesOf(p.hls, 'weights'))).toBeGreaterThanOrEqual(3);
    // striped weights whose matvec rows loop is unrolled by a factor K does not divide
    expect(striped('weights').some((p) => (p.hls.design.kernels.matvec.unroll.rows ?? 1) % stripesOf(p.hls, 'weights') !== 0)).toBe(true);
  });

  points.forEach((point, i) => {
    const { hls, model } = point;
    const acc = Object.values(hls.design.accumulators).join('/');
    it(`point ${i}: dim ${model.dim}, ${model.nHeads}/${model.nKvHeads} heads, GS ${hls.design.groupSize}, accumulators ${acc}, math ${hls.design.math}: bit-exact`, async () => {
      const result = await runs[i];
      expect(result.firstMismatch).toBeNull();
      expect(result).toMatchObject({ bitExact: true, mismatches: 0, kernels: 9, decodeSteps: STEPS });
            // the 16 kernel tests compare 21 tensors and the attention test's caches (each share of each), then one
      // logits tensor per decode step
      expect(result.tensors).toBe(21 + 2 * stripesOf(hls, 'kv-cache') + STEPS);
      const header = readFileSync(join(root, `point-${i}`, 'src', 'fpgasim_config.h'), 'utf8');
      expect(header).toContain(`#define FPGASIM_MATH_${emittedMath(hls).toUpperCase()} 1`);
      expect(header).toContain(`static constexpr int accumulators = ${hls.design.accumulators.matvec};`);
      expect(header).toContain(`static constexpr int value_accumulators = ${hls.design.accumulators.attentionValue};`);
      expect(header).toContain(`constexpr int kWeightShares = ${stripesOf(hls, 'weights')};`);
      expect(header).toContain(`constexpr int kEmbeddingShares = ${stripesOf(hls, 'embedding')};`);
      expect(header).toContain(`constexpr int kCacheShares = ${stripesOf(hls, 'kv-cache')};`);
    }, 240_000);
  });
});
