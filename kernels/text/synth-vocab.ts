// A deterministic synthetic vocabulary in llama2.c's tokenizer.bin format, for tests and demos that must
// not depend on real model files. Its layout follows a sentencepiece export: <unk>, '\n<s>\n', '\n</s>\n',
// the 256 byte tokens '<0x00>'..'<0xFF>' (score 0), then ' ' and the printable ASCII characters, then
// fragments of common TinyStories words built up one character at a time (' t', ' th', ' the'), then all
// lowercase n-grams in order of length (with and without a leading space) for as many tokens as asked.
// Every fragment extends a shorter piece that is already present, so BPE merges can reach it; scores fall
// by one per token in that order, so common fragments merge before rare ones.

import { check } from '../errors.js';
import { bytePieceName, MIN_VOCAB_SIZE, writeTokenizer } from './tokenizer-format.js';

const WORDS = [
  'the', 'and', 'was', 'to', 'a', 'he', 'she', 'they', 'it', 'of', 'in', 'on', 'day', 'one', 'once', 'upon',
  'time', 'there', 'little', 'girl', 'boy', 'named', 'lily', 'tom', 'play', 'with', 'her', 'his', 'big',
  'happy', 'said', 'saw', 'went', 'friend', 'mom', 'very', 'wanted', 'park', 'ball', 'tree', 'dog', 'cat',
  'sun', 'fun', 'had', 'loved', 'together', 'outside', 'every', 'help',
];

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** All pieces after the byte tokens, in score order; the stream is endless (ever longer n-grams). */
function* textPieces(): Generator<string> {
  yield ' ';
  for (let code = 0x21; code <= 0x7e; code++) yield String.fromCharCode(code);
  for (const word of WORDS) {
    const spaced = ` ${word}`;
    for (let end = 2; end <= spaced.length; end++) yield spaced.slice(0, end);
    for (let end = 2; end <= word.length; end++) yield word.slice(0, end);
  }
  for (let length = 1; ; length++) {
    for (const gram of ngrams(length)) {
      if (length > 1) yield gram;
      yield ` ${gram}`;
    }
  }
}

function* ngrams(length: number): Generator<string> {
  if (length === 0) {
    yield '';
    return;
  }
  for (const prefix of ngrams(length - 1)) for (const letter of LETTERS) yield prefix + letter;
}

/** A tokenizer.bin image with exactly vocabSize tokens (>= 260: encode needs the ' ' piece). */
export function synthTokenizer(vocabSize: number): Uint8Array {
  check(
    Number.isInteger(vocabSize) && vocabSize > MIN_VOCAB_SIZE,
    `vocabSize: a synthetic tokenizer needs an integer >= ${MIN_VOCAB_SIZE + 1} ` +
      `(<unk>, <s>, </s>, 256 byte tokens and ' '), got ${vocabSize}`,
  );
  const pieces = ['<unk>', '\n<s>\n', '\n</s>\n'];
  for (let byte = 0; byte < 256; byte++) pieces.push(bytePieceName(byte));
  const seen = new Set(pieces);
  for (const piece of textPieces()) {
    if (pieces.length === vocabSize) break;
    if (seen.has(piece)) continue; // word fragments repeat across words and n-grams
    seen.add(piece);
    pieces.push(piece);
  }
  const scores = pieces.map((_, id) => (id < MIN_VOCAB_SIZE ? 0 : -(id - MIN_VOCAB_SIZE)));
  return writeTokenizer(pieces, scores);
}
