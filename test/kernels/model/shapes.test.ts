import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../../kernels/errors.js';
import { MODEL_SHAPES, defaultGroupSize, parseModelShape, validateConfig, validateGroupSize } from '../../../kernels/model/shapes.js';
import type { ModelConfig } from '../../../kernels/model/types.js';
import { TINY } from './fixtures.js';

const tuple = (c: ModelConfig) => [c.dim, c.hiddenDim, c.nLayers, c.nHeads, c.nKvHeads, c.vocabSize, c.seqLen];

describe('model shapes', () => {
  it('has the llama2.c presets with their published shapes', () => {
    expect(tuple(MODEL_SHAPES.stories260K)).toEqual([64, 172, 5, 8, 4, 512, 512]);
    expect(tuple(MODEL_SHAPES.stories15M)).toEqual([288, 768, 6, 6, 6, 32000, 256]);
    expect(tuple(MODEL_SHAPES.stories42M)).toEqual([512, 1376, 8, 8, 8, 32000, 1024]);
    expect(tuple(MODEL_SHAPES.stories110M)).toEqual([768, 2048, 12, 12, 12, 32000, 1024]);
    expect(tuple(MODEL_SHAPES['llama2-7b'])).toEqual([4096, 11008, 32, 32, 32, 32000, 4096]);
    expect(tuple(MODEL_SHAPES['stories110M-gqa'])).toEqual([768, 2048, 12, 12, 4, 32000, 1024]);
    for (const [name, config] of Object.entries(MODEL_SHAPES)) expect(() => validateConfig(config, name)).not.toThrow();
  });

  it('parses a preset name into a copy, and a 7-integer list', () => {
    const shape = parseModelShape('stories15M');
    shape.dim = 1;
    expect(MODEL_SHAPES.stories15M.dim).toBe(288);
    expect(parseModelShape('16,40,2,4,2,32,8')).toEqual(TINY);
    expect(parseModelShape(' 16, 40,2,4,2,32,8')).toEqual(TINY);
  });

  it.each([
    ['stories16M', "model shape 'stories16M' is neither a preset"],
    ['16,40,2,4,2,32', 'nor 7 integers'],
    ['16,40,2,4,2,32,8,1', 'nor 7 integers'],
    ['16,40,2,4,2.5,32,8', 'nor 7 integers'],
    ['16,40,2,4,x,32,8', 'nor 7 integers'],
    ['16,40,0,4,2,32,8', "model shape '16,40,0,4,2,32,8': n_layers 0 is out of range (allowed 1..1024)"],
    ['16,-40,2,4,2,32,8', 'hidden_dim -40 is out of range'],
  ])('refuses the shape %s with one line', (shape, message) => {
    expect(() => parseModelShape(shape)).toThrow(FpgasimError);
    expect(() => parseModelShape(shape)).toThrow(message);
  });

  it.each([
    [{ dim: 0 }, 'dim 0 is out of range (allowed 1..65536)'],
    [{ dim: -16 }, 'dim -16 is out of range'],
    [{ dim: 65_537 * 4 }, 'dim 262148 is out of range'],
    [{ dim: 16.5 }, 'dim 16.5 is out of range'],
    [{ hiddenDim: 262_145 }, 'hidden_dim 262145 is out of range (allowed 1..262144)'],
    [{ nLayers: 1025 }, 'n_layers 1025 is out of range (allowed 1..1024)'],
    [{ nHeads: 0 }, 'n_heads 0 is out of range'],
    [{ nKvHeads: -1 }, 'n_kv_heads -1 is out of range'],
    [{ vocabSize: 1_000_001 }, 'vocab_size 1000001 is out of range (allowed 1..1000000)'],
    [{ seqLen: 2 ** 31 - 1 }, 'seq_len 2147483647 is out of range (allowed 1..1048576)'],
    [{ nHeads: 5 }, 'n_heads 5 does not divide dim 16'],
    [{ nKvHeads: 3 }, 'n_kv_heads 3 does not divide n_heads 4'],
    [{ dim: 12, nHeads: 4 }, 'head size 3 (dim 12 / n_heads 4) is odd'],
  ])('validateConfig refuses %o', (change, message) => {
    const check = () => validateConfig({ ...TINY, ...change }, 'test.bin');
    expect(check).toThrow(FpgasimError);
    expect(check).toThrow(`test.bin: ${message}`);
  });

  it("picks export.py's default group size, also dividing hidden_dim", () => {
    expect(defaultGroupSize(MODEL_SHAPES.stories260K)).toBe(4);
    expect(defaultGroupSize(MODEL_SHAPES.stories15M)).toBe(32);
    expect(defaultGroupSize(MODEL_SHAPES.stories42M)).toBe(32);
    expect(defaultGroupSize(MODEL_SHAPES.stories110M)).toBe(64);
    expect(defaultGroupSize(MODEL_SHAPES['llama2-7b'])).toBe(64);
    expect(defaultGroupSize(TINY)).toBe(8);
  });

  it('refuses group sizes that do not divide dim and hidden_dim', () => {
    expect(() => validateGroupSize(TINY, 8, 'f')).not.toThrow();
    expect(() => validateGroupSize(MODEL_SHAPES.stories260K, 8, 'f')).toThrow(
      'f: group size 8 does not divide hidden_dim 172; use a group size dividing both dim 64 and hidden_dim 172 (default 4)',
    );
    expect(() => validateGroupSize(TINY, 3, 'f')).toThrow('f: group size 3 does not divide dim 16');
    expect(() => validateGroupSize(TINY, 0, 'f')).toThrow('f: group size 0 is out of range (allowed 1..dim 16)');
    expect(() => validateGroupSize(TINY, 32, 'f')).toThrow('group size 32 is out of range');
    expect(() => validateGroupSize(TINY, NaN, 'f')).toThrow(FpgasimError);
  });
});
