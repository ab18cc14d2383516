import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../../kernels/errors.js';
import { bytePieceName } from '../../../kernels/text/tokenizer-format.js';
import {
  loadTokenizer,
  readTokenizer,
  synthTokenizer,
  Tokenizer,
  Utf8Stream,
  writeTokenizer,
} from '../../../kernels/text/tokenizer.js';
import { AWKWARD_TEXTS } from './awkward-texts.js';

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const byteToken = (byte: number) => byte + 3;

/** A tiny vocabulary: the 259 standard tokens, then the given pieces with their scores. */
function tinyTokenizer(extra: [string, number][]): Tokenizer {
  const pieces = ['<unk>', '\n<s>\n', '\n</s>\n'];
  for (let b = 0; b < 256; b++) pieces.push(bytePieceName(b));
  const scores = pieces.map(() => 0);
  for (const [piece, score] of extra) {
    pieces.push(piece);
    scores.push(score);
  }
  return readTokenizer(writeTokenizer(pieces, scores), pieces.length, 'tiny');
}

// ids: ' ' 259, 'a' 260, 'b' 261, 'ab' 262, 'ba' 263, ' a' 264, 'é' 265, 'aa' 266, 'bb' 267
const tiny = tinyTokenizer([
  [' ', -100],
  ['a', -100],
  ['b', -100],
  ['ab', -5],
  ['ba', -5], // ties with 'ab': the leftmost pair merges first
  [' a', -1e10], // at llama2.c's starting best score: never merges
  ['é', -100],
  ['aa', -1e9], // above -1e10: merges, last
  ['bb', -7],
]);

const idsByTokenizer = new WeakMap<Tokenizer, Map<string, number>>();

/** Piece (as latin1) -> id, the lowest id for duplicates. */
function pieceIds(tok: Tokenizer): Map<string, number> {
  let ids = idsByTokenizer.get(tok);
  if (!ids) {
    ids = new Map();
    for (let id = tok.vocabSize - 1; id >= 0; id--) ids.set(latin1(tok.piece(id)), id);
    idsByTokenizer.set(tok, ids);
  }
  return ids;
}

/**
 * llama2.c's merge loop transcribed literally (O(n^2) lookups per merge), the reference for the heap-based
 * one in kernels/text/merge.ts. `start` is what encode has before merging.
 */
function referenceMerge(tok: Tokenizer, start: number[]): number[] {
  const ids = pieceIds(tok);
  const tokens = [...start];
  for (;;) {
    let bestScore = Math.fround(-1e10);
    let bestId = -1;
    let bestIdx = -1;
    for (let i = 0; i < tokens.length - 1; i++) {
      const id = ids.get(latin1(tok.piece(tokens[i])) + latin1(tok.piece(tokens[i + 1])));
      if (id !== undefined && tok.scores[id] > bestScore) {
        bestScore = tok.scores[id];
        bestId = id;
        bestIdx = i;
      }
    }
    if (bestIdx === -1) return tokens;
    tokens.splice(bestIdx, 2, bestId);
  }
}

/** encode before merging: BOS, dummy prefix, one token per code point or its bytes (text without NUL). */
function unmerged(tok: Tokenizer, text: string): number[] {
  const ids = pieceIds(tok);
  const tokens = [1];
  if (text.length > 0) tokens.push(ids.get(' ') as number);
  for (const char of text) {
    const bytes = new TextEncoder().encode(char);
    const id = ids.get(latin1(bytes));
    if (id !== undefined) tokens.push(id);
    else tokens.push(...Array.from(bytes, byteToken));
  }
  return tokens;
}

const AWKWARD = AWKWARD_TEXTS;

describe('writeTokenizer / readTokenizer', () => {
  it('round-trips pieces, scores and max_token_length through the tokenizer.bin format', () => {
    expect(tiny.vocabSize).toBe(268);
    expect(tiny.maxTokenLength).toBe(6); // '\n</s>\n' and '<0x00>' are the longest
    expect(latin1(tiny.piece(1))).toBe('\n<s>\n');
    expect(latin1(tiny.piece(3 + 0x0a))).toBe('<0x0A>');
    expect(Array.from(tiny.piece(265))).toEqual([0xc3, 0xa9]); // 'é' stored as UTF-8
    expect(tiny.scores[262]).toBe(-5);
    expect(tiny.scores[264]).toBe(-1e10);
    const bytes = writeTokenizer(['x', 'yz'], [0.5, -2], 9);
    expect(Array.from(bytes)).toEqual([
      9, 0, 0, 0, /* score 0.5 */ 0, 0, 0, 0x3f, 1, 0, 0, 0, 0x78, /* score -2 */ 0, 0, 0, 0xc0, 2, 0, 0, 0, 0x79, 0x7a,
    ]);
  });

  it('refuses truncated or corrupt files with one line naming the problem', () => {
    const good = synthTokenizer(300); // max_token_length 6; token 3 ('<0x00>') starts at byte 4 + 13 + 13 + 14
    const corrupt = (edit: (bytes: Uint8Array, view: DataView) => void) => {
      const bytes = good.slice();
      edit(bytes, new DataView(bytes.buffer));
      return () => readTokenizer(bytes, 300, 't.bin');
    };
    expect(() => readTokenizer(good.subarray(0, 3), 300, 't.bin')).toThrow(
      't.bin: 3 bytes is too short for a tokenizer (the header alone is 4 bytes)',
    );
    expect(() => readTokenizer(good.subarray(0, good.length - 1), 300, 't.bin')).toThrow(
      /^t\.bin: truncated inside token 299 \(byte \d+ of \d+\)$/,
    );
    expect(corrupt((_, view) => view.setInt32(0, 0, true))).toThrow(
      't.bin: max_token_length 0 in the header is not from 1 to 4096',
    );
    expect(corrupt((_, view) => view.setInt32(0, 1 << 30, true))).toThrow('max_token_length 1073741824 in the header');
    expect(corrupt((_, view) => view.setInt32(4 + 4, -7, true))).toThrow(
      't.bin: token 0 has length -7; allowed is 1 to max_token_length 6',
    );
    expect(corrupt((_, view) => view.setInt32(4 + 4, 7, true))).toThrow('token 0 has length 7; allowed is 1 to max_token_length 6');
    expect(corrupt((bytes) => (bytes[44 + 8 + 5] = 0x61))).toThrow(
      `t.bin: token 3 is "<0x00a", expected the byte token '<0x00>' (byte b is token b + 3)`,
    );
  });

  it('refuses a vocabulary whose size does not match the model, with both numbers', () => {
    const file = synthTokenizer(300);
    expect(() => readTokenizer(file, 400, 'tok.bin')).toThrow(
      "tok.bin: holds 300 tokens but the model's vocab_size is 400: the tokenizer's vocabulary does not match the model",
    );
    expect(() => readTokenizer(file, 260, 'tok.bin')).toThrow("holds 300 tokens but the model's vocab_size is 260");
    expect(() => readTokenizer(file, 64, 'tok.bin')).toThrow(
      'tok.bin: vocab_size must be an integer >= 259 (<unk>, <s>, </s> and 256 byte tokens), got 64',
    );
    expect(() => loadTokenizer('/nonexistent/tokenizer.bin', 300)).toThrow(FpgasimError);
    expect(() => loadTokenizer('/nonexistent/tokenizer.bin', 300)).toThrow(/^tokenizer: cannot read \/nonexistent\/tokenizer.bin: /);
  });
});

describe('Tokenizer.encode (llama2.c encode)', () => {
  it('starts with BOS and the dummy prefix, and gives just [1] for the empty prompt', () => {
    expect(tiny.encode('')).toEqual([1]);
    expect(tiny.encode('', { bos: false })).toEqual([]);
    expect(tiny.encode('', { eos: true })).toEqual([1, 2]);
    expect(tiny.encode('b')).toEqual([1, 259, 261]);
    expect(tiny.encode('b', { bos: false, eos: true })).toEqual([259, 261, 2]);
  });

  it('merges the highest-scoring pair first, the leftmost on ties', () => {
    expect(tiny.encode('aba')).toEqual([1, 259, 262, 260]); // 'ab' and 'ba' tie: 'ab' is leftmost
    expect(tiny.encode('bab')).toEqual([1, 259, 263, 261]); // now 'ba' is leftmost
    expect(tiny.encode('abb')).toEqual([1, 259, 262, 261]); // 'ab' (-5) beats 'bb' (-7)
    // pairs bb (-7), ba (-5), ab (-5): 'ba' is the leftmost best; then 'b'+'ba' and 'ba'+'b' are no pieces
    expect(tiny.encode('bbab')).toEqual([1, 259, 261, 263, 261]);
  });

  it('never merges at or below llama2.c starting best score (-1e10), but does just above it', () => {
    expect(tiny.encode('a')).toEqual([1, 259, 260]); // ' a' scores -1e10
    expect(tiny.encode('aa')).toEqual([1, 259, 266]); // 'aa' scores -1e9
  });

  it('uses a code point found in the vocabulary, else its UTF-8 bytes as byte tokens', () => {
    expect(tiny.encode('é')).toEqual([1, 259, 265]);
    expect(tiny.encode('ü')).toEqual([1, 259, byteToken(0xc3), byteToken(0xbc)]);
    expect(tiny.encode('😀')).toEqual([1, 259, ...[0xf0, 0x9f, 0x98, 0x80].map(byteToken)]);
    expect(tiny.encode('\n')).toEqual([1, 259, byteToken(0x0a)]);
    expect(tiny.encode('\u0000')).toEqual([1, 259, byteToken(0)]); // C would stop at the NUL
  });

  it('matches a literal transcription of llama2.c merge loop on random text', () => {
    const rng = seedrandom('tokenizer merge order');
    const synth = readTokenizer(synthTokenizer(700), 700, 'synth');
    const alphabets = [['a', 'b', ' ', 'é', 'x'], ['the', ' the', 'he', ' a', 'a', 'n', 'd', ' ', 'é', '😀', 'Lily', '.']];
    for (let round = 0; round < 200; round++) {
      const [tok, alphabet] = round % 2 === 0 ? [tiny, alphabets[0]] : [synth, alphabets[1]];
      let text = '';
      const length = Math.floor(rng() * 60);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(rng() * alphabet.length)];
      expect(tok.encode(text)).toEqual(referenceMerge(tok, unmerged(tok, text)));
    }
  });

  it('refuses to encode without a space piece for the dummy prefix', () => {
    const noSpace = tinyTokenizer([['a', 0]]);
    expect(() => noSpace.encode('a')).toThrow("tokenizer: the vocabulary has no ' ' piece");
    expect(noSpace.encode('')).toEqual([1]);
  });
});

describe('Tokenizer.decode and decodeText', () => {
  it('strips the leading space after BOS only, and turns <0xXX> pieces into the raw byte', () => {
    expect(latin1(tiny.decode(1, 264))).toBe('a');
    expect(latin1(tiny.decode(260, 264))).toBe(' a');
    expect(Array.from(tiny.decode(260, byteToken(0x0a)))).toEqual([0x0a]);
    expect(Array.from(tiny.decode(1, byteToken(0xf0)))).toEqual([0xf0]);
    expect(latin1(tiny.decode(5, 1))).toBe('\n<s>\n');
    expect(() => tiny.decode(1, 268)).toThrow('token: must be an integer from 0 to 267 (vocab_size 268), got 268');
  });

  it('gives the text back from its encoding (awkward text, synthetic vocabularies)', () => {
    for (const size of [260, 512, 4000]) {
      const tok = readTokenizer(synthTokenizer(size), size, `synth${size}`);
      for (const text of [...AWKWARD, '']) expect(tok.decodeText(tok.encode(text))).toBe(text);
    }
  });

  it('round-trips long repeated text', () => {
    const synth = readTokenizer(synthTokenizer(2000), 2000, 'synth');
    const text = 'Once upon a time, there was a little girl named Lily. 😀 Ça va.\n'.repeat(400);
    const tokens = synth.encode(text);
    expect(synth.decodeText(tokens)).toBe(text);
    expect(tokens.length).toBeLessThan(new TextEncoder().encode(text).length / 2);
  });
});

describe('Utf8Stream', () => {
  it('holds back a character split over pieces until it is complete', () => {
    const stream = new Utf8Stream();
    const bytes = new TextEncoder().encode('a😀é');
    expect(stream.push(bytes.subarray(0, 2))).toBe('a');
    expect(stream.push(bytes.subarray(2, 4))).toBe('');
    expect(stream.push(bytes.subarray(4, 6))).toBe('😀');
    expect(stream.push(bytes.subarray(6))).toBe('é');
    expect(stream.end()).toBe('');
  });

  it('shows invalid or unfinished sequences as U+FFFD', () => {
    const stream = new Utf8Stream();
    expect(stream.push(Uint8Array.of(0x61, 0xff, 0x62))).toBe('a\uFFFDb');
    expect(stream.push(Uint8Array.of(0xe4, 0xb8))).toBe('');
    expect(stream.end()).toBe('\uFFFD');
  });
});

describe('synthTokenizer', () => {
  it('is deterministic, exactly vocabSize tokens, with unique pieces in the llama2.c layout', () => {
    expect(synthTokenizer(1000)).toEqual(synthTokenizer(1000));
    const tok = readTokenizer(synthTokenizer(32000), 32000, 'synth');
    const pieces = Array.from({ length: 32000 }, (_, id) => latin1(tok.piece(id)));
    expect(new Set(pieces).size).toBe(32000);
    expect(pieces.slice(0, 4)).toEqual(['<unk>', '\n<s>\n', '\n</s>\n', '<0x00>']);
    expect(pieces.slice(259, 262)).toEqual([' ', '!', '"']);
    expect(tok.scores[260]).toBe(-1);
    // llama2.c's encode compiled with gcc gives the same ids for these texts with synthTokenizer(1000)
    const small = readTokenizer(synthTokenizer(1000), 1000, 'synth');
    expect(small.encode('Once upon a time')).toEqual([1, 259, 306, 337, 724, 405, 359, 411]);
    expect(small.encode('Lily and Ben  play')).toEqual([1, 259, 303, 332, 335, 348, 361, 259, 293, 842, 259, 460]);
    expect(small.encode('🦙 café\r\n')).toEqual([1, 259, 243, 162, 169, 156, 556, 329, 198, 172, 16, 13]);
    expect(() => synthTokenizer(259)).toThrow('vocabSize: a synthetic tokenizer needs an integer >= 260');
  });
});
