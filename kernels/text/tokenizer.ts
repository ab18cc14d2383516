// llama2.c's BPE tokenizer (run.c: build_tokenizer, encode, decode) over a tokenizer.bin vocabulary.
//
// Pieces are byte strings: a piece need not be valid UTF-8 on its own, so every piece is kept as its raw
// bytes and, for lookups, as a latin1 string (one char per byte). Concatenating two latin1 strings is
// exactly concatenating the bytes, which is what llama2.c's sprintf("%s%s") does before its bsearch.

import { readFileSync } from 'node:fs';
import { check, FpgasimError } from '../errors.js';
import { mergePairs } from './merge.js';
import {
  BOS_ID,
  BYTE_TOKEN_OFFSET,
  bytePieceName,
  EOS_ID,
  MIN_VOCAB_SIZE,
  parseTokenizerFile,
} from './tokenizer-format.js';
import { Utf8Stream } from './utf8-stream.js';

export { BOS_ID, EOS_ID, writeTokenizer } from './tokenizer-format.js';
export { synthTokenizer } from './synth-vocab.js';
export { Utf8Stream } from './utf8-stream.js';

export interface EncodeOptions {
  bos?: boolean; // prepend <s> (1); default true, as llama2.c's generate does
  eos?: boolean; // append </s> (2); default false
}

const SPACE = 0x20;
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, b) => b);
const utf8 = new TextEncoder();

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

function isHexDigit(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

/**
 * The byte a '<0xXX>' piece stands for, or -1. Matches what llama2.c's sscanf(piece, "<0x%02hhX>") accepts
 * for every real vocabulary: '<0x', then one or two hex digits; like sscanf it does not check the '>'.
 */
function bytePieceValue(piece: Uint8Array): number {
  if (piece.length < 4 || piece[0] !== 0x3c || piece[1] !== 0x30 || piece[2] !== 0x78 || !isHexDigit(piece[3])) {
    return -1;
  }
  const digits = piece.length > 4 && isHexDigit(piece[4]) ? 2 : 1;
  return parseInt(String.fromCharCode(...piece.subarray(3, 3 + digits)), 16);
}

export class Tokenizer {
  readonly vocabSize: number;
  readonly maxTokenLength: number;
  readonly scores: Float32Array;
  private readonly pieces: Uint8Array[];
  private readonly keys: string[]; // pieces as latin1 strings
  private readonly idOf = new Map<string, number>();

  /** Trusts its arguments: build one through readTokenizer / loadTokenizer, which validate the file. */
  constructor(pieces: Uint8Array[], scores: Float32Array, maxTokenLength: number) {
    this.vocabSize = pieces.length;
    this.maxTokenLength = maxTokenLength;
    this.scores = scores;
    this.pieces = pieces;
    this.keys = pieces.map(latin1);
    // llama2.c bsearches a sorted copy, which finds any one of duplicate pieces; real vocabularies have
    // none, and the lowest id is kept here.
    this.keys.forEach((key, id) => {
      if (!this.idOf.has(key)) this.idOf.set(key, id);
    });
  }

  /** The raw bytes of a token's piece (a view: do not modify). */
  piece(token: number): Uint8Array {
    this.checkToken(token);
    return this.pieces[token];
  }

  /**
   * Token ids of the text's UTF-8 bytes, as llama2.c's encode: <s> if asked, the dummy-prefix token ' '
   * unless the text is empty, one token per code point (at most 4 bytes) found in the vocabulary, else one
   * byte token per byte, then BPE merges, then </s> if asked. One difference: C stops at a NUL character;
   * here a NUL is an ordinary byte (encoded as its byte token).
   */
  encode(text: string, { bos = true, eos = false }: EncodeOptions = {}): number[] {
    const bytes = utf8.encode(text);
    const tokens: number[] = [];
    if (bos) tokens.push(BOS_ID);
    if (bytes.length > 0) tokens.push(this.dummyPrefixId());

    let length = 0; // bytes of the code point that ends at byte i
    for (let i = 0; i < bytes.length; i++) {
      if ((bytes[i] & 0xc0) !== 0x80) length = 0; // ASCII or a leading byte starts a new code point
      length++;
      const following = i + 1 < bytes.length ? bytes[i + 1] : 0;
      if ((following & 0xc0) === 0x80 && length < 4) continue; // a continuation byte follows
      const codePoint = bytes.subarray(i + 1 - length, i + 1);
      const id = this.idOf.get(latin1(codePoint));
      if (id !== undefined) tokens.push(id);
      else for (const byte of codePoint) tokens.push(byte + BYTE_TOKEN_OFFSET);
      length = 0; // a run of stray continuation bytes starts afresh
    }

    const merged = mergePairs(tokens, (left, right) => this.idOf.get(this.keys[left] + this.keys[right]) ?? -1, this.scores);
    if (eos) merged.push(EOS_ID);
    return merged;
  }

  /**
   * The bytes llama2.c prints for `token` after `prevToken`: the piece, without its leading space right
   * after <s> (sentencepiece's decoder strips it), and a '<0xXX>' piece as the one raw byte it stands for.
   */
  decode(prevToken: number, token: number): Uint8Array {
    let piece = this.piece(token);
    if (prevToken === BOS_ID && piece[0] === SPACE) piece = piece.subarray(1);
    const byte = bytePieceValue(piece);
    return byte >= 0 ? ALL_BYTES.subarray(byte, byte + 1) : piece;
  }

  /**
   * The text of a token sequence as llama2.c's generate prints it: tokens[0] (normally <s>) is context
   * only; each later token is decoded after its predecessor. Characters split over tokens come out whole.
   */
  decodeText(tokens: readonly number[]): string {
    const stream = new Utf8Stream();
    let text = '';
    for (let i = 1; i < tokens.length; i++) text += stream.push(this.decode(tokens[i - 1], tokens[i]));
    return text + stream.end();
  }

  private dummyPrefixId(): number {
    const id = this.idOf.get(' ');
    check(id !== undefined, `tokenizer: the vocabulary has no ' ' piece, which encode needs as its dummy prefix`);
    return id;
  }

  private checkToken(token: number): void {
    check(
      Number.isInteger(token) && token >= 0 && token < this.vocabSize,
      `token: must be an integer from 0 to ${this.vocabSize - 1} (vocab_size ${this.vocabSize}), got ${token}`,
    );
  }
}

/**
 * Reads a tokenizer.bin image for a model with `vocabSize` tokens; `source` names it in errors. The file
 * must hold exactly vocabSize entries (llama2.c reads that many and ignores the rest), and ids 3..258 must
 * be the byte tokens '<0x00>'..'<0xFF>' that encode's byte fallback relies on.
 */
export function readTokenizer(bytes: Uint8Array, vocabSize: number, source = 'tokenizer'): Tokenizer {
  check(
    Number.isInteger(vocabSize) && vocabSize >= MIN_VOCAB_SIZE,
    `${source}: vocab_size must be an integer >= ${MIN_VOCAB_SIZE} (<unk>, <s>, </s> and 256 byte tokens), got ${vocabSize}`,
  );
  const file = parseTokenizerFile(bytes, source);
  check(
    file.pieces.length === vocabSize,
    `${source}: holds ${file.pieces.length} tokens but the model's vocab_size is ${vocabSize}: ` +
      `the tokenizer's vocabulary does not match the model`,
  );
  for (let byte = 0; byte < 256; byte++) {
    const id = byte + BYTE_TOKEN_OFFSET;
    const expected = bytePieceName(byte);
    check(
      latin1(file.pieces[id]) === expected,
      `${source}: token ${id} is ${JSON.stringify(latin1(file.pieces[id]))}, expected the byte token '${expected}' ` +
        `(byte b is token b + 3)`,
    );
  }
  return new Tokenizer(file.pieces, file.scores, file.maxTokenLength);
}

/** Reads a tokenizer.bin file for a model with `vocabSize` tokens. */
export function loadTokenizer(path: string, vocabSize: number): Tokenizer {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new FpgasimError(`tokenizer: cannot read ${path}: ${(error as Error).message}`);
  }
  return readTokenizer(bytes, vocabSize, path);
}
