import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FpgasimError } from '../../../kernels/errors.js';
import { quantizeModel } from '../../../kernels/model/quantize-checkpoint.js';
import { loadModel, readModel } from '../../../kernels/model/read.js';
import { synthModel } from '../../../kernels/model/synth.js';
import { saveFileAtomically, writeLegacyCheckpoint, writeQ8Checkpoint } from '../../../kernels/model/write.js';
import { modelFile } from '../../helpers/models.js';
import { TINY, randomF32Model, weightArrays } from './fixtures.js';

describe('writing checkpoints: write then read gives identical arrays', () => {
  it('round-trips a Q8 model with a shared classifier', () => {
    const model = synthModel(TINY, { seed: 'round trip', groupSize: 8 });
    const bytes = writeQ8Checkpoint(model);
    const back = readModel(bytes, 'shared.bin');
    expect(back.config).toEqual(TINY);
    expect(weightArrays(back)).toEqual(weightArrays(model));
    expect(back.weights.wcls).toBe(back.weights.tokenEmbedding);
    expect(writeQ8Checkpoint(back as typeof model)).toEqual(bytes);
  });

  it('round-trips a Q8 model with its own classifier', () => {
    const model = quantizeModel(randomF32Model(TINY, 'unshared q8', false), 2);
    const back = readModel(writeQ8Checkpoint(model), 'unshared.bin');
    expect(back.weights.sharedClassifier).toBe(false);
    expect(back.weights.wcls).not.toBe(back.weights.tokenEmbedding);
    expect(weightArrays(back)).toEqual(weightArrays(model));
  });

  it.each([true, false])('round-trips a legacy float32 model (shared classifier: %s)', (shared) => {
    const model = randomF32Model(TINY, `legacy ${shared}`, shared);
    const bytes = writeLegacyCheckpoint(model);
    const back = readModel(bytes, 'legacy.bin');
    expect(back.config).toEqual(TINY);
    expect(weightArrays(back)).toEqual(weightArrays(model));
    expect(back.weights.wcls === back.weights.tokenEmbedding).toBe(shared);
    expect(writeLegacyCheckpoint(back as typeof model)).toEqual(bytes);
  });

  it('refuses to write a tensor whose length does not match the shape', () => {
    const model = synthModel(TINY, { seed: 2 });
    model.weights.w2[1] = { q: new Int8Array(8), s: new Float32Array(1) }; // w2 (16, 40): 640 int8 + 80 scales
    expect(() => writeQ8Checkpoint(model)).toThrow(new FpgasimError('write: w2[1] has 12 bytes, the shape needs 960'));
  });

  const legacy = modelFile('stories260K.bin');
  it.skipIf(!legacy.present)(`rewrites stories260K.bin identically except the unused RoPE tables ${legacy.missing}`, () => {
    const original = readFileSync(legacy.path);
    const rewritten = writeLegacyCheckpoint(loadModel(legacy.path) as ReturnType<typeof randomF32Model>);
    expect(rewritten.length).toBe(original.length);
    // 28-byte header, then the float32 weights up to rms_final (dim 64), then 2 x 512 * 8/2 RoPE floats
    const ropeStart = original.length - 4 * 2 * 512 * 4;
    expect(Buffer.from(rewritten.subarray(0, ropeStart)).equals(original.subarray(0, ropeStart))).toBe(true);
    expect(rewritten.subarray(ropeStart).every((byte) => byte === 0)).toBe(true);
  });
});

describe('saveFileAtomically', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fpgasim-write-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the file whole and leaves no temporary file', () => {
    const path = join(dir, 'model.bin');
    saveFileAtomically(path, new Uint8Array([1, 2, 3]));
    saveFileAtomically(path, new Uint8Array([4, 5]));
    expect(Array.from(readFileSync(path))).toEqual([4, 5]);
    expect(readdirSync(dir)).toEqual(['model.bin']);
  });

  it('reports an unwritable path as a FpgasimError and leaves nothing behind', () => {
    const path = join(dir, 'no such dir', 'model.bin');
    expect(() => saveFileAtomically(path, new Uint8Array(4))).toThrow(new FpgasimError(`${path}: cannot write (ENOENT)`));
    expect(existsSync(path)).toBe(false);
  });
});
