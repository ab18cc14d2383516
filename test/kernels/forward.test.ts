import { describe, expect, it } from 'vitest';
import { Transformer } from '../../kernels/forward.js';
import { generate } from '../../kernels/generate.js';
import { loadModel } from '../../kernels/model/read.js';
import { synthModel } from '../../kernels/model/synth.js';
import { Sampler } from '../../kernels/sampling/sampler.js';
import { loadTokenizer } from '../../kernels/text/tokenizer.js';
import { SEQUENTIAL } from '../../kernels/reduction.js';
import { modelFile } from '../helpers/models.js';

const q80 = modelFile('stories260K_q80_gs4.bin');
const f32 = modelFile('stories260K.bin');
const tok = modelFile('tok512.bin');

// ../shared/models/README.md: llama2.c runq.c, greedy, "Once upon a time", 64 steps
const RUNQ_TOKENS = [
  1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338, 401, 396, 267, 337, 410, 408, 419, 292, 411, 322, 265, 282, 295,
  433, 426, 385, 328, 432, 358, 394, 261, 370, 432, 352, 266, 268, 388, 426, 338, 391, 266, 267, 337, 335, 312, 432, 398, 312, 286, 267, 414, 270, 333,
  415, 426, 13, 438, 310,
];

function greedy(modelPath: string, steps: number): { tokens: number[]; text: string } {
  const model = loadModel(modelPath);
  const tokenizer = loadTokenizer(tok.path, model.config.vocabSize);
  const sampler = new Sampler({ vocabSize: model.config.vocabSize, temperature: 0, topp: 0.9, seed: 1 });
  const tokens = generate(new Transformer(model), sampler, tokenizer.encode('Once upon a time'), steps);
  return { tokens, text: tokenizer.decodeText(tokens) };
}

describe('the decode step on the real stories260K files', () => {
  it.skipIf(!q80.present || !tok.present)(`Q8_0 GS 4 greedy decoding gives llama2.c runq.c's 65 tokens ${q80.missing}`, () => {
    expect(greedy(q80.path, 64).tokens).toEqual(RUNQ_TOKENS);
  });

  it.skipIf(!f32.present || !tok.present)(`float32 greedy decoding tells llama2.c run.c's documented story ${f32.missing}`, () => {
    const { text } = greedy(f32.path, 256);
    expect(text).toContain('Once upon a time, there was a little girl named Lily. She loved to play outside in the park.');
    expect(text).toContain('One day, she saw a big, red ball. She wanted to play with it, but it was too high.');
  });
});

describe('the decode step on a synthetic model', () => {
  const config = { dim: 32, hiddenDim: 64, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 300, seqLen: 16 };
  const model = synthModel(config, { seed: 3, groupSize: 8 });
  const logitsAt = (accumulators = SEQUENTIAL) => {
    const t = new Transformer(model, accumulators);
    const rows: Uint8Array[] = [];
    for (let pos = 0; pos < 6; pos++) rows.push(new Uint8Array(t.forward((pos * 37) % 300, pos).slice().buffer));
    return Buffer.concat(rows);
  };

  it('is deterministic to the bit, and finite', () => {
    const a = logitsAt();
    expect(a.equals(logitsAt())).toBe(true);
    expect(new Float32Array(a.buffer, a.byteOffset, a.length / 4).every(Number.isFinite)).toBe(true);
  });

  it('changes bits, not meaning, when a reduction order changes', () => {
    const sequential = logitsAt();
    for (const change of [{ matvec: 4 }, { rmsnorm: 8 }, { attentionScore: 2 }, { attentionValue: 3 }, { softmax: 2 }]) {
      const other = logitsAt({ ...SEQUENTIAL, ...change });
      expect(other.equals(sequential), JSON.stringify(change)).toBe(false);
      expect(other.equals(logitsAt({ ...SEQUENTIAL, ...change })), JSON.stringify(change)).toBe(true);
      const a = new Float32Array(sequential.buffer, sequential.byteOffset, sequential.length / 4);
      const b = new Float32Array(other.buffer, other.byteOffset, other.length / 4);
      const worst = a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
      expect(worst, JSON.stringify(change)).toBeLessThan(1e-3);
    }
  });

  it('refuses positions and tokens outside the model', () => {
    const t = new Transformer(model);
    expect(() => t.forward(0, 16)).toThrow(/position 16 is outside 0..15/);
    expect(() => t.forward(300, 0)).toThrow(/token 300 is outside the vocabulary/);
  });
});

