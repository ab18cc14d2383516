// llama2.c's tokenizer.bin format, both directions:
//
//   int32   max_token_length            length in bytes of the longest piece
//   then, per token id 0, 1, ...:
//     float32 score                     merge priority (higher merges first)
//     int32   length                    bytes in the piece
//     bytes   piece                     not NUL-terminated; not necessarily valid UTF-8 on its own
//
// little-endian, as written by llama2.c's tokenizer.py. The file has no token count: llama2.c reads exactly
// the model's vocab_size entries, so a file holding another count is a vocabulary that does not match.

import { check } from '../errors.js';

export const BOS_ID = 1; // <s>, written as '\n<s>\n' by tokenizer.py
export const EOS_ID = 2; // </s>, written as '\n</s>\n'
/** Token id of byte b is b + 3: ids 0..2 are <unk>, <s>, </s>, then the 256 byte tokens. */
export const BYTE_TOKEN_OFFSET = 3;
/** The smallest vocabulary llama2.c's tokenizer can work with: three specials and 256 byte tokens. */
export const MIN_VOCAB_SIZE = BYTE_TOKEN_OFFSET + 256;
/** A header claiming longer pieces than this is corrupt (Llama 2's longest piece is 27 bytes). */
export const MAX_TOKEN_LENGTH_LIMIT = 4096;

const HEADER_BYTES = 4;
const ENTRY_HEADER_BYTES = 8; // float32 score + int32 length

/** sentencepiece's text for byte token b: '<0x0A>' for 10. */
export function bytePieceName(byte: number): string {
  return `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`;
}

export interface TokenizerFile {
  maxTokenLength: number;
  pieces: Uint8Array[]; // views into the file's bytes
  scores: Float32Array;
}

/** Parses every entry of a tokenizer.bin image; `source` names it in errors. */
export function parseTokenizerFile(bytes: Uint8Array, source: string): TokenizerFile {
  check(
    bytes.length >= HEADER_BYTES,
    `${source}: ${bytes.length} bytes is too short for a tokenizer (the header alone is 4 bytes)`,
  );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const maxTokenLength = view.getInt32(0, true);
  check(
    maxTokenLength >= 1 && maxTokenLength <= MAX_TOKEN_LENGTH_LIMIT,
    `${source}: max_token_length ${maxTokenLength} in the header is not from 1 to ${MAX_TOKEN_LENGTH_LIMIT}`,
  );
  const pieces: Uint8Array[] = [];
  const scores: number[] = [];
  let offset = HEADER_BYTES;
  while (offset < bytes.length) {
    const id = pieces.length;
    const truncated = `${source}: truncated inside token ${id} (byte ${offset} of ${bytes.length})`;
    check(offset + ENTRY_HEADER_BYTES <= bytes.length, truncated);
    const length = view.getInt32(offset + 4, true);
    check(
      length >= 1 && length <= maxTokenLength,
      `${source}: token ${id} has length ${length}; allowed is 1 to max_token_length ${maxTokenLength}`,
    );
    check(offset + ENTRY_HEADER_BYTES + length <= bytes.length, truncated);
    scores.push(view.getFloat32(offset, true));
    pieces.push(bytes.subarray(offset + ENTRY_HEADER_BYTES, offset + ENTRY_HEADER_BYTES + length));
    offset += ENTRY_HEADER_BYTES + length;
  }
  return { maxTokenLength, pieces, scores: Float32Array.from(scores) };
}

/**
 * Writes a tokenizer.bin image. Pieces given as strings are stored as their UTF-8 bytes; scores are
 * stored as float32. maxTokenLength defaults to the longest piece.
 */
export function writeTokenizer(
  pieces: readonly (string | Uint8Array)[],
  scores: ArrayLike<number>,
  maxTokenLength?: number,
): Uint8Array {
  check(pieces.length === scores.length, `scores: expected ${pieces.length} (one per piece), got ${scores.length}`);
  const encoder = new TextEncoder();
  const raw = pieces.map((piece) => (typeof piece === 'string' ? encoder.encode(piece) : piece));
  const longest = raw.reduce((max, piece) => Math.max(max, piece.length), 0);
  const headerMax = maxTokenLength ?? longest;
  check(
    Number.isInteger(headerMax) && headerMax >= longest && headerMax >= 1,
    `maxTokenLength: must be an integer >= the longest piece (${longest} bytes), got ${headerMax}`,
  );
  raw.forEach((piece, id) => check(piece.length >= 1, `pieces: token ${id} is empty; llama2.c cannot read empty pieces`));

  const out = new Uint8Array(HEADER_BYTES + raw.reduce((sum, piece) => sum + ENTRY_HEADER_BYTES + piece.length, 0));
  const view = new DataView(out.buffer);
  view.setInt32(0, headerMax, true);
  let offset = HEADER_BYTES;
  raw.forEach((piece, id) => {
    view.setFloat32(offset, scores[id], true);
    view.setInt32(offset + 4, piece.length, true);
    out.set(piece, offset + ENTRY_HEADER_BYTES);
    offset += ENTRY_HEADER_BYTES + piece.length;
  });
  return out;
}
