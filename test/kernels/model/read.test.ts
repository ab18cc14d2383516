import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../../kernels/errors.js';
import { quantizeModel, dequantizeTensorQ80 } from '../../../kernels/model/quantize-checkpoint.js';
import { loadModel, readModel } from '../../../kernels/model/read.js';
import { synthModel } from '../../../kernels/model/synth.js';
import type { Q8Weights } from '../../../kernels/model/types.js';
import { writeLegacyCheckpoint, writeQ8Checkpoint } from '../../../kernels/model/write.js';
import { modelFile } from '../../helpers/models.js';
import { TINY, int32At, randomF32Model, weightArrays, withInt32 } from './fixtures.js';

const q8File = writeQ8Checkpoint(synthModel(TINY, { seed: 1, groupSize: 4 }));
const legacyFile = writeLegacyCheckpoint(randomF32Model(TINY, 'legacy', false));

/** Expects readModel(bytes) to throw a FpgasimError containing every fragment. */
function expectRefused(bytes: Uint8Array, ...fragments: string[]) {
  let error: unknown;
  try {
    readModel(bytes, 'bad.bin');
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(FpgasimError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  expect(message.startsWith('bad.bin: ')).toBe(true);
  for (const fragment of fragments) expect(message).toContain(fragment);
}

describe('reading checkpoints: headers', () => {
  it('writes and reads the version-2 header fields at their byte offsets', () => {
    expect(new DataView(q8File.buffer).getUint32(0, true)).toBe(0x616b3432);
    expect(Array.from(q8File.subarray(0, 4))).toEqual([0x32, 0x34, 0x6b, 0x61]); // "24ka": "ak42" little-endian
    expect(int32At(q8File, 4)).toBe(2);
    expect([8, 12, 16, 20, 24, 28, 32].map((offset) => int32At(q8File, offset))).toEqual([16, 40, 2, 4, 2, 32, 8]);
    expect(q8File[36]).toBe(1);
    expect(int32At(q8File, 37)).toBe(4);
    expect(q8File.subarray(41, 256).every((byte) => byte === 0)).toBe(true);
    const model = readModel(q8File, 'tiny.bin');
    expect(model.config).toEqual(TINY);
    expect(model.weights.kind).toBe('q8');
    expect((model.weights as Q8Weights).groupSize).toBe(4);
    expect(new DataView(q8File.buffer).getFloat32(256, true)).toBe(model.weights.rmsAtt[0]);
  });

  it('reads the legacy header: 7 int32s, a negative vocab_size for an unshared classifier', () => {
    expect([0, 4, 8, 12, 16, 20, 24].map((offset) => int32At(legacyFile, offset))).toEqual([16, 40, 2, 4, 2, -32, 8]);
    const model = readModel(legacyFile, 'legacy.bin');
    expect(model.config).toEqual(TINY);
    expect(model.weights.kind).toBe('f32');
    expect(model.weights.sharedClassifier).toBe(false);
    expect(new DataView(legacyFile.buffer).getFloat32(28, true)).toBe((model.weights.tokenEmbedding as Float32Array)[0]);
  });

  it('reads a file that starts at an odd offset of its buffer (unaligned float32 data)', () => {
    const buffer = new Uint8Array(q8File.length + 1);
    buffer.set(q8File, 1);
    expect(weightArrays(readModel(buffer.subarray(1), 'odd.bin'))).toEqual(weightArrays(readModel(q8File, 'tiny.bin')));
  });
});

describe('reading checkpoints: bad input is one FpgasimError line naming the field and value', () => {
  const expectedQ8 = q8File.length;
  it('refuses truncated files and trailing bytes with both sizes', () => {
    expectRefused(q8File.subarray(0, expectedQ8 - 1), 'truncated', `needs ${expectedQ8} bytes`, `file has ${expectedQ8 - 1}`);
    const longer = new Uint8Array(expectedQ8 + 3);
    longer.set(q8File);
    expectRefused(longer, '3 trailing bytes', `needs ${expectedQ8} bytes`, `file has ${expectedQ8 + 3}`);
    expectRefused(q8File.subarray(0, 100), 'truncated: a version-2 header needs 256 bytes, the file has 100');
    expectRefused(legacyFile.subarray(0, legacyFile.length - 4), 'truncated', `needs ${legacyFile.length} bytes`);
    expectRefused(legacyFile.subarray(0, 20), 'a llama2.c header needs 28 bytes, the file has 20');
    expectRefused(new Uint8Array(3), '3 bytes is too short');
  });

  it('refuses a wrong magic, version 1 (suggesting version 2) and other versions', () => {
    expectRefused(withInt32(q8File, 0, 0x616b3433), 'magic 0x616b3433 is not 0x616b3432');
    expectRefused(withInt32(q8File, 4, 1), 'version 1', 'not supported', 'version 2');
    expectRefused(withInt32(q8File, 4, 3), 'checkpoint version 3 is not supported (only version 2');
  });

  it('refuses dimensions inconsistent with the file size', () => {
    expectRefused(withInt32(q8File, 28, 33), 'truncated: the header\'s shape needs', `the file has ${expectedQ8}`); // vocab_size
    expectRefused(withInt32(q8File, 16, 1), 'trailing bytes'); // n_layers
    expectRefused(withInt32(legacyFile, 20, 32), 'trailing bytes'); // vocab_size: shared, so no wcls
    expectRefused(withInt32(legacyFile, 24, 9), 'truncated'); // seq_len: longer RoPE tables
  });

  it.each([
    [8, 0, 'dim 0 is out of range'],
    [8, -16, 'dim -16 is out of range'],
    [12, -40, 'hidden_dim -40 is out of range'],
    [16, 2 ** 31 - 1, 'n_layers 2147483647 is out of range'],
    [20, 3, 'n_heads 3 does not divide dim 16'],
    [24, 3, 'n_kv_heads 3 does not divide n_heads 4'],
    [28, -1, 'vocab_size -1 is out of range'],
    [32, 0, 'seq_len 0 is out of range'],
    [37, 3, 'group size 3 does not divide dim 16'],
    [37, 0, 'group size 0 is out of range'],
    [37, -1, 'group size -1 is out of range'],
  ])('refuses a version-2 header with the int at byte %i set to %i', (offset, value, message) => {
    expectRefused(withInt32(q8File, offset, value), message);
  });

  it.each([
    [0, 0, 'dim 0 is out of range'],
    [0, -1, 'dim -1 is out of range'],
    [4, 0, 'hidden_dim 0 is out of range'],
    [12, 32, 'n_heads 32 does not divide dim 16'],
    [20, 0, 'vocab_size 0 is out of range'],
    [20, -(2 ** 31), 'vocab_size 2147483648 is out of range'],
    [24, 2 ** 31 - 1, 'seq_len 2147483647 is out of range'],
  ])('refuses a legacy header with the int at byte %i set to %i', (offset, value, message) => {
    expectRefused(withInt32(legacyFile, offset, value), message);
  });

  it('refuses a shared_classifier flag other than 0/1 and non-zero header padding', () => {
    const flag = q8File.slice();
    flag[36] = 2;
    expectRefused(flag, 'shared_classifier 2 is not 0 or 1');
    const padding = q8File.slice();
    padding[200] = 7;
    expectRefused(padding, 'header byte 200 is 7, expected zero padding');
  });

  it('refuses a group size that divides dim but not hidden_dim', () => {
    const config = { ...TINY, hiddenDim: 44 }; // group size 8 divides 16, not 44
    const bytes = writeQ8Checkpoint(quantizeModel(randomF32Model(config, 'gs', true), 4));
    expectRefused(withInt32(bytes, 37, 8), 'group size 8 does not divide hidden_dim 44');
  });

  it('names the path of a file that cannot be read', () => {
    expect(() => loadModel('/nonexistent/model.bin')).toThrow(new FpgasimError('/nonexistent/model.bin: cannot read the model file (ENOENT)'));
  });
});

describe('reading the real llama2.c files', () => {
  const legacy = modelFile('stories260K.bin');
  const gs4 = modelFile('stories260K_q80_gs4.bin');
  const gs8 = modelFile('stories260K_q80_gs8.bin');
  const stories260K = { dim: 64, hiddenDim: 172, nLayers: 5, nHeads: 8, nKvHeads: 4, vocabSize: 512, seqLen: 512 };

  it.skipIf(!legacy.present)(`reads stories260K.bin (legacy float32, shared classifier) ${legacy.missing}`, () => {
    const model = loadModel(legacy.path);
    expect(model.config).toEqual(stories260K);
    expect(model.weights.kind).toBe('f32');
    expect(model.weights.wcls).toBe(model.weights.tokenEmbedding);
    expect(model.weights.wq).toHaveLength(5);
    expect(model.weights.w2[4]).toHaveLength(64 * 172);
  });

  it.skipIf(!gs4.present)(`reads stories260K_q80_gs4.bin (version 2, group size 4) ${gs4.missing}`, () => {
    const model = loadModel(gs4.path);
    expect(model.config).toEqual(stories260K);
    const weights = model.weights as Q8Weights;
    expect(weights.kind).toBe('q8');
    expect(weights.groupSize).toBe(4);
    expect(weights.wcls).toBe(weights.tokenEmbedding);
    expect(weights.wk[0].q).toHaveLength(32 * 64);
    expect(weights.wk[0].s).toHaveLength((32 * 64) / 4);
    expect(Array.from(weights.tokenEmbeddingF32)).toEqual(Array.from(dequantizeTensorQ80(weights.tokenEmbedding, 4)));
    // and writing it back gives the same bytes
    const bytes = writeQ8Checkpoint({ config: model.config, weights });
    expect(createHash('sha256').update(bytes).digest('hex')).toBe('c8c032d04f8a48b2c8f9b708cc571a895d45fe23521f47f542b897d64ad77c50');
  });

  it.skipIf(!gs8.present)(`refuses stories260K_q80_gs8.bin: group size 8 does not divide hidden_dim 172 ${gs8.missing}`, () => {
    const bytes = readFileSync(gs8.path);
    expect(() => readModel(bytes, 'gs8.bin')).toThrow(FpgasimError);
    expect(() => readModel(bytes, 'gs8.bin')).toThrow(/^gs8\.bin: group size 8 does not divide hidden_dim 172;/);
  });
});
