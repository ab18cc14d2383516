import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../kernels/model/read.js';
import { writeLegacyCheckpoint } from '../../kernels/model/write.js';
import type { Q8Weights } from '../../kernels/model/types.js';
import { modelFile } from '../helpers/models.js';
import { oneErrorLine, runFpgasim } from '../helpers/run-cli.js';
import { TINY, randomF32Model } from '../kernels/model/fixtures.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('fpgasim quantize', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fpgasim-quantize-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const legacy = modelFile('stories260K.bin');

  it.skipIf(!legacy.present)(`writes export.py's exact bytes for stories260K.bin --group-size 4 ${legacy.missing}`, () => {
    const out = join(dir, 'stories260K_q80_gs4.bin');
    const result = runFpgasim('quantize', legacy.path, out, '--group-size', '4');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`wrote ${out}: Q8_0, group size 4, 521728 bytes\n`);
    expect(sha256(out)).toBe('c8c032d04f8a48b2c8f9b708cc571a895d45fe23521f47f542b897d64ad77c50');
  });

  it('picks the default group size (the largest of 64, 32, ... dividing dim and hidden_dim)', () => {
    const input = join(dir, 'tiny.bin');
    const out = join(dir, 'tiny_q80.bin');
    writeFileSync(input, writeLegacyCheckpoint(randomF32Model(TINY, 'cli', false)));
    expect(runFpgasim('quantize', input, out).status).toBe(0);
    const model = loadModel(out);
    expect(model.config).toEqual(TINY);
    expect((model.weights as Q8Weights).groupSize).toBe(8);
    expect(model.weights.sharedClassifier).toBe(false);
  });

  it.skipIf(!legacy.present)(`refuses a group size not dividing hidden_dim, writing nothing ${legacy.missing}`, () => {
    const out = join(dir, 'gs8.bin');
    const line = oneErrorLine(runFpgasim('quantize', legacy.path, out, '--group-size', '8'));
    expect(line).toContain('group size 8 does not divide hidden_dim 172');
    expect(readdirSync(dir)).not.toContain('gs8.bin');
  });

  it('refuses a missing input and an input that is already Q8_0, one line each', () => {
    expect(oneErrorLine(runFpgasim('quantize', join(dir, 'missing.bin'), join(dir, 'x.bin')))).toBe(
      `fpgasim: ${join(dir, 'missing.bin')}: cannot read the model file (ENOENT)`,
    );
    const q8 = join(dir, 'q8.bin');
    expect(runFpgasim('synth-model', '--shape', '16,40,2,4,2,32,8', '--out', q8).status).toBe(0);
    expect(oneErrorLine(runFpgasim('quantize', q8, join(dir, 'x.bin')))).toContain('already a Q8_0 (version 2) checkpoint');
    expect(readdirSync(dir).filter((name) => name.startsWith('x.bin'))).toEqual([]);
  });
});

