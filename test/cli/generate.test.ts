import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Transformer } from '../../kernels/forward.js';
import { generate } from '../../kernels/generate.js';
import { loadModel } from '../../kernels/model/read.js';
import { synthModel } from '../../kernels/model/synth.js';
import { writeQ8Checkpoint } from '../../kernels/model/write.js';
import { Sampler } from '../../kernels/sampling/sampler.js';
import { loadTokenizer, synthTokenizer } from '../../kernels/text/tokenizer.js';
import { modelFile } from '../helpers/models.js';
import { oneErrorLine, runFpgasim } from '../helpers/run-cli.js';

const q80 = modelFile('stories260K_q80_gs4.bin');
const gs8 = modelFile('stories260K_q80_gs8.bin');
const tok = modelFile('tok512.bin');
const real = q80.present && tok.present;

// ../shared/models/README.md: llama2.c runq.c, greedy, "Once upon a time", 64 steps
const RUNQ_TOKENS = [
  1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338, 401, 396, 267, 337, 410, 408, 419, 292, 411, 322, 265, 282, 295,
  433, 426, 385, 328, 432, 358, 394, 261, 370, 432, 352, 266, 268, 388, 426, 338, 391, 266, 267, 337, 335, 312, 432, 398, 312, 286, 267, 414, 270, 333,
  415, 426, 13, 438, 310,
];

interface GenerateJson {
  tokens: number[];
  text: string;
  steps: number;
  tokensPerSecond: number;
}

function generateJson(...args: string[]): GenerateJson {
  const result = runFpgasim('generate', ...args, '--json');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as GenerateJson;
}

describe('fpgasim generate on the real stories260K files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fpgasim-generate-real-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const model = ['--model', q80.path, '--tokenizer', tok.path, '--prompt', 'Once upon a time'];

  it.skipIf(!real)(`greedy, 64 steps: llama2.c runq.c's 65 tokens and its story, as JSON ${q80.missing}`, () => {
    const out = generateJson(...model, '--steps', '64', '--temperature', '0');
    expect(out.tokens).toEqual(RUNQ_TOKENS);
    expect(out.steps).toBe(64);
    expect(out.text.startsWith('Once upon a time, there was a little girl named Lily.')).toBe(true);
    expect(out.tokensPerSecond).toBeGreaterThan(0);
  });

  it.skipIf(!real)(`streams the same text without --json, and reports tok/s on stderr ${q80.missing}`, () => {
    const result = runFpgasim('generate', ...model, '--steps', '64', '--temperature', '0');
    expect(result.status).toBe(0);
    expect(result.stdout.startsWith('Once upon a time, there was a little girl named Lily. She loved to play outside in the park.')).toBe(true);
    expect(result.stderr).toMatch(/^achieved tok\/s: \d+\.\d\d\n$/);
  });

  it.skipIf(!real)(`--dump-logits writes 64 rows of 512 float32, row 0 being forward(BOS, 0) byte for byte ${q80.missing}`, () => {
    const dump = join(dir, 'logits.f32');
    generateJson(...model, '--steps', '64', '--temperature', '0', '--dump-logits', dump);
    const bytes = readFileSync(dump);
    expect(bytes.length).toBe(64 * 512 * 4);
    const row0 = new Transformer(loadModel(q80.path)).forward(1, 0);
    expect(bytes.subarray(0, 512 * 4).equals(Buffer.from(row0.buffer, row0.byteOffset, row0.byteLength))).toBe(true);
  });

  it.skipIf(!real)(`sampling: the same seed gives the same tokens, another seed other tokens ${q80.missing}`, () => {
    const sampled = (seed: string) => generateJson(...model, '--steps', '48', '--temperature', '0.8', '--topp', '0.9', '--seed', seed).tokens;
    const first = sampled('7');
    expect(first.slice(0, 5)).toEqual([1, 403, 407, 261, 378]); // the prompt is forced
    expect(sampled('7')).toEqual(first);
    expect(sampled('8')).not.toEqual(first);
  });

  it.skipIf(!real)(`refuses --steps beyond seq_len 512 and a prompt longer than --steps ${q80.missing}`, () => {
    expect(oneErrorLine(runFpgasim('generate', ...model, '--steps', '513'))).toBe("fpgasim: --steps 513 is not allowed (1..512, the model's seq_len)");
    expect(oneErrorLine(runFpgasim('generate', ...model, '--steps', '3'))).toBe('fpgasim: --prompt is 5 tokens, more than --steps 3; raise --steps');
  });

  it.skipIf(!gs8.present || !tok.present)(`refuses the gs8 file: group size 8 does not divide hidden_dim 172 ${gs8.missing}`, () => {
    const line = oneErrorLine(runFpgasim('generate', '--model', gs8.path, '--tokenizer', tok.path, '--steps', '4'));
    expect(line).toContain('group size 8');
    expect(line).toContain('hidden_dim 172');
  });

  it.skipIf(!tok.present)(`refuses tok512.bin for a 32000-token model ${tok.missing}`, () => {
    const model32k = join(dir, 'vocab32000.bin');
    writeFileSync(model32k, writeQ8Checkpoint(synthModel({ dim: 8, hiddenDim: 16, nLayers: 1, nHeads: 2, nKvHeads: 2, vocabSize: 32000, seqLen: 8 }, { seed: 1 })));
    expect(oneErrorLine(runFpgasim('generate', '--model', model32k, '--tokenizer', tok.path))).toBe(
      `fpgasim: ${tok.path}: holds 512 tokens but the model's vocab_size is 32000: the tokenizer's vocabulary does not match the model`,
    );
  });
});

describe('fpgasim generate on a synthetic model and tokenizer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fpgasim-generate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = { dim: 32, hiddenDim: 64, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 512, seqLen: 32 };
  const modelPath = join(dir, 'model.bin');
  const tokenizerPath = join(dir, 'tokenizer.bin');
  writeFileSync(modelPath, writeQ8Checkpoint(synthModel(config, { seed: 11, groupSize: 8 })));
  writeFileSync(tokenizerPath, synthTokenizer(512));
  const files = ['--model', modelPath, '--tokenizer', tokenizerPath];

  it('runs end to end: the CLI gives the tokens and text of the kernels run in-process', () => {
    const out = generateJson(...files, '--prompt', 'once upon a time', '--steps', '24', '--temperature', '0.9', '--seed', '3');
    const model = loadModel(modelPath);
    const tokenizer = loadTokenizer(tokenizerPath, 512);
    const sampler = new Sampler({ vocabSize: 512, temperature: 0.9, topp: 0.9, seed: '3' });
    const expected = generate(new Transformer(model), sampler, tokenizer.encode('once upon a time', { bos: true }), 24);
    expect(out.tokens).toEqual(expected);
    expect(out.steps).toBe(expected.length - 1);
    expect(out.text).toBe(tokenizer.decodeText(expected));
    expect(out.tokens.length).toBeGreaterThan(tokenizer.encode('once upon a time', { bos: true }).length);
  });

  it('computes with the math it is given: --math binary32 gives the binary32 kernels\' logits, the default glibc\'s', () => {
    const model = loadModel(modelPath);
    const prompt = loadTokenizer(tokenizerPath, 512).encode('once upon a time', { bos: true });
    const logitsOf = (math: 'glibc' | 'binary32'): Buffer => {
      const path = join(dir, `logits-${math}.bin`);
      generateJson(...files, '--prompt', 'once upon a time', '--steps', '24', '--temperature', '0', '--math', math, '--dump-logits', path);
      return readFileSync(path);
    };
    const inProcess = (math: 'glibc' | 'binary32'): Buffer => {
      const rows: Buffer[] = [];
      const sampler = new Sampler({ vocabSize: 512, temperature: 0, topp: 0.9, seed: 1 });
      generate(new Transformer(model, undefined, { math }), sampler, prompt, 24, { onLogits: (_, l) => rows.push(Buffer.from(l.slice().buffer)) });
      return Buffer.concat(rows);
    };
    const [glibc, binary32] = [logitsOf('glibc'), logitsOf('binary32')];
    expect(glibc.equals(inProcess('glibc'))).toBe(true);
    expect(binary32.equals(inProcess('binary32'))).toBe(true);
    expect(glibc.equals(binary32)).toBe(false); // the two maths part in the last bits
    expect(oneErrorLine(runFpgasim('generate', ...files, '--math', 'fast'))).toBe('fpgasim: --math = "fast" is not allowed (allowed: "glibc", "binary32")');
  });

  it('refuses --steps 0 and --steps beyond seq_len 32', () => {
    for (const steps of ['0', '33']) {
      expect(oneErrorLine(runFpgasim('generate', ...files, '--steps', steps))).toBe(`fpgasim: --steps ${steps} is not allowed (1..32, the model's seq_len)`);
    }
  });

  it('refuses a tokenizer of another size than the model\'s vocabulary', () => {
    const other = join(dir, 'tokenizer500.bin');
    writeFileSync(other, synthTokenizer(500));
    expect(oneErrorLine(runFpgasim('generate', '--model', modelPath, '--tokenizer', other))).toBe(
      `fpgasim: ${other}: holds 500 tokens but the model's vocab_size is 512: the tokenizer's vocabulary does not match the model`,
    );
  });

  it('refuses a missing model file and a truncated one, naming the file', () => {
    const missing = join(dir, 'absent.bin');
    expect(oneErrorLine(runFpgasim('generate', '--model', missing, '--tokenizer', tokenizerPath))).toBe(
      `fpgasim: ${missing}: cannot read the model file (ENOENT)`,
    );
    const truncated = join(dir, 'truncated.bin');
    const bytes = readFileSync(modelPath);
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 1));
    const line = oneErrorLine(runFpgasim('generate', '--model', truncated, '--tokenizer', tokenizerPath));
    expect(line).toContain(truncated);
    expect(line).toContain(String(bytes.length - 1));
  });

  it('refuses a negative temperature and a top-p above 1', () => {
    expect(oneErrorLine(runFpgasim('generate', ...files, '--temperature', '-0.5'))).toBe(
      'fpgasim: temperature: must be a finite number >= 0 (0 = greedy), got -0.5',
    );
    expect(oneErrorLine(runFpgasim('generate', ...files, '--topp', '1.5'))).toBe('fpgasim: topp: must be a number from 0 to 1, got 1.5');
  });
});
