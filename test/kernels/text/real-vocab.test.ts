// The tokenizer on llama2.c's real vocabularies (tok512.bin for stories260K, the Llama 2 tokenizer.bin).
// Expected ids come from the models' README and from llama2.c's encode compiled with gcc.
import { describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../../kernels/text/tokenizer.js';
import { modelFile } from '../../helpers/models.js';
import { AWKWARD_TEXTS } from './awkward-texts.js';

const tok512 = modelFile('tok512.bin');
const llama = modelFile('tokenizer.bin');
const [tok512Path, llamaPath] = [tok512.path, llama.path];
const [noTok512, noLlama] = [!tok512.present, !llama.present];

const AWKWARD = [...AWKWARD_TEXTS, ''];

describe('tok512.bin (stories260K)', () => {
  it.skipIf(noTok512)(`encodes "Once upon a time" as llama2.c (needs ${tok512Path})`, () => {
    const tok = loadTokenizer(tok512Path, 512);
    expect(tok.encode('Once upon a time')).toEqual([1, 403, 407, 261, 378]);
    expect(tok.encode('Lily and Ben  play')).toEqual([1, 317, 269, 368, 302, 410, 337]);
    expect(tok.encode('héllo 世界 😀\n\tx\u0001')).toEqual([
      1, 270, 485, 306, 414, 410, 231, 187, 153, 234, 152, 143, 410, 243, 162, 155, 131, 13, 12, 444, 4,
    ]);
  });

  it.skipIf(noTok512)(`decodes llama2.c's greedy stories260K output to its known text (needs ${tok512Path})`, () => {
    const tok = loadTokenizer(tok512Path, 512);
    const tokens = [
      1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338, 401, 396, 267, 337, 410,
      408, 419, 292, 411, 322, 265, 282, 295, 433, 426, 385, 328, 432, 358, 394, 261, 370, 432, 352, 266, 268, 388,
      426, 338, 391, 266, 267, 337, 335, 312, 432, 398, 312, 286, 267, 414, 270, 333, 415, 426, 13, 438, 310,
    ];
    expect(tok.decodeText(tokens)).toMatch(
      /^Once upon a time, there was a little girl named Lily\. She loved to play outside in the park\. One day, she saw a big, red ball\./,
    );
  });

  it.skipIf(noTok512)(`round-trips awkward text (needs ${tok512Path})`, () => {
    const tok = loadTokenizer(tok512Path, 512);
    for (const text of [...AWKWARD, 'Lily saw a big dog. '.repeat(300)]) expect(tok.decodeText(tok.encode(text))).toBe(text);
  });
});

describe('tokenizer.bin (Llama 2, 32,000 tokens)', () => {
  it.skipIf(noLlama)(`encodes as llama2.c (needs ${llamaPath})`, () => {
    const tok = loadTokenizer(llamaPath, 32000);
    expect(tok.maxTokenLength).toBe(27);
    expect(tok.encode('Once upon a time')).toEqual([1, 9038, 2501, 263, 931]);
    expect(tok.encode('héllo 世界 😀\n\tx\u0001')).toEqual([
      1, 298, 3610, 417, 29871, 30793, 30967, 29871, 243, 162, 155, 131, 13, 12, 29916, 4,
    ]);
    expect(tok.encode('🦙 café\r\n')).toEqual([1, 29871, 243, 162, 169, 156, 274, 28059, 30004, 13]);
  });

  it.skipIf(noLlama)(`round-trips awkward and long text (needs ${llamaPath})`, () => {
    const tok = loadTokenizer(llamaPath, 32000);
    const long = 'The quick brown fox jumps over the lazy dog. 😀 '.repeat(1000);
    for (const text of [...AWKWARD, long]) expect(tok.decodeText(tok.encode(text))).toBe(text);
  });

  it.skipIf(noLlama)(`refuses it for a model with another vocab_size (needs ${llamaPath})`, () => {
    expect(() => loadTokenizer(llamaPath, 512)).toThrow(
      `${llamaPath}: holds 32000 tokens but the model's vocab_size is 512: the tokenizer's vocabulary does not match the model`,
    );
  });
});
