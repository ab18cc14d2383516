import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../kernels/errors.js';
import { Transformer } from '../../kernels/forward.js';
import { generate } from '../../kernels/generate.js';
import { synthModel } from '../../kernels/model/synth.js';
import { Sampler } from '../../kernels/sampling/sampler.js';

const SHAPE = { dim: 16, hiddenDim: 40, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 32, seqLen: 8 };
const model = synthModel(SHAPE, { seed: 5, groupSize: 4 });
const BOS = 1;

/** The real decode step, recording every (token, pos) it is fed. */
class RecordingTransformer extends Transformer {
  readonly fed: [token: number, pos: number][] = [];
  override forward(token: number, pos: number): Float32Array {
    this.fed.push([token, pos]);
    return super.forward(token, pos);
  }
}

/** A sampler that answers from a script, recording how many times it was asked. */
class ScriptedSampler extends Sampler {
  asked = 0;
  constructor(private readonly script: number[]) {
    super({ vocabSize: SHAPE.vocabSize, temperature: 0, topp: 0.9, seed: 1 });
  }
  override sample(): number {
    return this.script[this.asked++];
  }
}

describe('generate', () => {
  it('runs `steps` positions and returns the fed tokens plus the last one produced', () => {
    const transformer = new RecordingTransformer(model);
    const sampler = new ScriptedSampler([10, 11, 12, 13, 14, 15, 16]);
    const tokens = generate(transformer, sampler, [BOS, 20], 5);
    expect(tokens).toEqual([BOS, 20, 10, 11, 12, 13]);
    expect(transformer.fed).toEqual([[BOS, 0], [20, 1], [10, 2], [11, 3], [12, 4]]);
    expect(sampler.asked).toBe(4);
  });

  it('forces the prompt: while it lasts the sampler is not asked and the next prompt token is fed', () => {
    const transformer = new RecordingTransformer(model);
    const sampler = new ScriptedSampler([30, 31]);
    const prompt = [BOS, 7, 8, 9];
    const seen: [number, number, number][] = [];
    const tokens = generate(transformer, sampler, prompt, 5, { onToken: (prev, next, pos) => seen.push([prev, next, pos]) });
    expect(tokens).toEqual([BOS, 7, 8, 9, 30, 31]);
    expect(transformer.fed.map(([token]) => token)).toEqual([BOS, 7, 8, 9, 30]);
    expect(sampler.asked).toBe(2); // only at positions 3 and 4, after the last prompt token was fed
    expect(seen).toEqual([[BOS, 7, 0], [7, 8, 1], [8, 9, 2], [9, 30, 3], [30, 31, 4]]);
  });

  it('stops when the model produces BOS: BOS ends the sequence and is not reported as a token', () => {
    const transformer = new RecordingTransformer(model);
    const seen: number[] = [];
    const tokens = generate(transformer, new ScriptedSampler([4, BOS, 6]), [BOS], 8, { onToken: (_, next) => seen.push(next) });
    expect(tokens).toEqual([BOS, 4, BOS]);
    expect(transformer.fed).toEqual([[BOS, 0], [4, 1]]);
    expect(seen).toEqual([4]);
  });

  it('hands every position\'s logits to onLogits before sampling, and greedy decoding takes their argmax', () => {
    const greedy = new Sampler({ vocabSize: SHAPE.vocabSize, temperature: 0, topp: 0.9, seed: 1 });
    const argmaxes: number[] = [];
    const tokens = generate(new Transformer(model), greedy, [BOS, 3], SHAPE.seqLen, {
      onLogits: (_, logits) => argmaxes.push(logits.indexOf(Math.max(...logits))),
    });
    const produced = tokens.slice(2);
    expect(produced).toEqual(argmaxes.slice(1, 1 + produced.length));
    const firstLogits = new Transformer(model).forward(BOS, 0);
    expect(firstLogits.indexOf(Math.max(...firstLogits))).toBe(argmaxes[0]);
  });

  it('refuses steps outside 1..seq_len and an empty prompt', () => {
    const sampler = new ScriptedSampler([]);
    const transformer = new Transformer(model);
    expect(() => generate(transformer, sampler, [BOS], 0)).toThrow(FpgasimError);
    expect(() => generate(transformer, sampler, [BOS], 9)).toThrow('steps 9 is not allowed (1..8, the model\'s seq_len)');
    expect(() => generate(transformer, sampler, [], 4)).toThrow(/at least one token/);
  });
});
