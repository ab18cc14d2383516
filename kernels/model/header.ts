// Checkpoint headers of llama2.c's two formats, and everything a reader must know before it allocates:
// which format, the validated shape, and the exact file size that shape implies.
//
//   version 2 (Q8_0), 256 bytes:  uint32 magic 0x616b3432 "ak42" | int32 version 2 | int32 x 7 shape |
//                                 uint8 shared_classifier | int32 group_size (byte 37) | zeros to byte 256
//   legacy float32, 28 bytes:     int32 x 7 shape; a negative vocab_size means an unshared classifier
import { FpgasimError, check } from '../errors.js';
import { legacySections, q8Sections, sectionBytes, type Section } from './layout.js';
import { MAX_DIM, validateConfig, validateGroupSize } from './shapes.js';
import type { ModelConfig } from './types.js';

export const Q8_MAGIC = 0x616b3432;
export const Q8_VERSION = 2;
export const Q8_HEADER_BYTES = 256;
export const LEGACY_HEADER_BYTES = 28;
const SHAPE_OFFSET_Q8 = 8;
const SHARED_FLAG_OFFSET = 36;
const GROUP_SIZE_OFFSET = 37;
const PADDING_OFFSET = 41;

export interface CheckpointLayout {
  format: 'q8' | 'legacy';
  config: ModelConfig;
  sharedClassifier: boolean;
  groupSize: number | undefined; // Q8_0 only
  headerBytes: number;
  sections: Section[];
  fileBytes: number; // exact size of a well-formed file with this header
}

/** The layout of a file with this shape (validated here: the sizes below are only meaningful for valid shapes). */
export function checkpointLayout(
  format: 'q8' | 'legacy',
  config: ModelConfig,
  sharedClassifier: boolean,
  groupSize?: number,
  source = 'model',
): CheckpointLayout {
  validateConfig(config, source);
  if (format === 'q8') validateGroupSize(config, groupSize ?? 0, source);
  const sections = format === 'q8' ? q8Sections(config, sharedClassifier) : legacySections(config, sharedClassifier);
  const headerBytes = format === 'q8' ? Q8_HEADER_BYTES : LEGACY_HEADER_BYTES;
  const fileBytes = sections.reduce((total, section) => total + sectionBytes(section, groupSize), headerBytes);
  return { format, config, sharedClassifier, groupSize, headerBytes, sections, fileBytes };
}

const shapeAt = (view: DataView, offset: number): ModelConfig => {
  const field = (index: number) => view.getInt32(offset + 4 * index, true);
  return {
    dim: field(0),
    hiddenDim: field(1),
    nLayers: field(2),
    nHeads: field(3),
    nKvHeads: field(4),
    vocabSize: field(5),
    seqLen: field(6),
  };
};

function parseQ8Header(bytes: Uint8Array, view: DataView, source: string): CheckpointLayout {
  check(bytes.length >= Q8_HEADER_BYTES, `${source}: truncated: a version-2 header needs ${Q8_HEADER_BYTES} bytes, the file has ${bytes.length}`);
  const version = view.getInt32(4, true);
  check(
    version !== 1,
    `${source}: checkpoint version 1 (llama2.c's float32 export) is not supported; export version 2 (Q8_0) with llama2.c's export.py --version 2, or use fpgasim quantize on a legacy float32 file`,
  );
  check(version === Q8_VERSION, `${source}: checkpoint version ${version} is not supported (only version ${Q8_VERSION}, Q8_0)`);
  const config = shapeAt(view, SHAPE_OFFSET_Q8);
  const sharedFlag = bytes[SHARED_FLAG_OFFSET];
  check(sharedFlag === 0 || sharedFlag === 1, `${source}: shared_classifier ${sharedFlag} is not 0 or 1`);
  const groupSize = view.getInt32(GROUP_SIZE_OFFSET, true);
  const padding = bytes.subarray(PADDING_OFFSET, Q8_HEADER_BYTES).findIndex((byte) => byte !== 0);
  check(padding < 0, `${source}: header byte ${PADDING_OFFSET + padding} is ${bytes[PADDING_OFFSET + padding]}, expected zero padding up to byte ${Q8_HEADER_BYTES}`);
  return checkpointLayout('q8', config, sharedFlag === 1, groupSize, source);
}

function parseLegacyHeader(bytes: Uint8Array, view: DataView, source: string): CheckpointLayout {
  check(bytes.length >= LEGACY_HEADER_BYTES, `${source}: truncated: a llama2.c header needs ${LEGACY_HEADER_BYTES} bytes, the file has ${bytes.length}`);
  const config = shapeAt(view, 0);
  if (!(config.dim >= 1 && config.dim <= MAX_DIM)) {
    const magic = view.getUint32(0, true).toString(16).padStart(8, '0');
    throw new FpgasimError(
      `${source}: not a llama2.c checkpoint: magic 0x${magic} is not 0x${Q8_MAGIC.toString(16)} (version 2), and as a legacy float32 header its dim ${config.dim} is out of range (allowed 1..${MAX_DIM})`,
    );
  }
  const sharedClassifier = config.vocabSize > 0;
  config.vocabSize = Math.abs(config.vocabSize);
  return checkpointLayout('legacy', config, sharedClassifier, undefined, source);
}

/** Reads and validates a header, then checks the file is exactly as long as that header implies. */
export function parseHeader(bytes: Uint8Array, source: string): CheckpointLayout {
  check(bytes.length >= 4, `${source}: ${bytes.length} bytes is too short to be a llama2.c checkpoint`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const layout = view.getUint32(0, true) === Q8_MAGIC ? parseQ8Header(bytes, view, source) : parseLegacyHeader(bytes, view, source);
  const { fileBytes } = layout;
  check(bytes.length >= fileBytes, `${source}: truncated: the header's shape needs ${fileBytes} bytes, the file has ${bytes.length}`);
  check(bytes.length <= fileBytes, `${source}: ${bytes.length - fileBytes} trailing bytes: the header's shape needs ${fileBytes} bytes, the file has ${bytes.length}`);
  return layout;
}

/** The header bytes of a file with this layout, as llama2.c's export.py (or run.c's legacy export) writes them. */
export function encodeHeader(layout: CheckpointLayout): Uint8Array {
  const header = new Uint8Array(layout.headerBytes);
  const view = new DataView(header.buffer);
  const { config } = layout;
  const shapeOffset = layout.format === 'q8' ? SHAPE_OFFSET_Q8 : 0;
  const signedVocab = layout.format === 'legacy' && !layout.sharedClassifier ? -config.vocabSize : config.vocabSize;
  [config.dim, config.hiddenDim, config.nLayers, config.nHeads, config.nKvHeads, signedVocab, config.seqLen].forEach((value, index) =>
    view.setInt32(shapeOffset + 4 * index, value, true),
  );
  if (layout.format === 'q8') {
    view.setUint32(0, Q8_MAGIC, true);
    view.setInt32(4, Q8_VERSION, true);
    header[SHARED_FLAG_OFFSET] = layout.sharedClassifier ? 1 : 0;
    view.setInt32(GROUP_SIZE_OFFSET, layout.groupSize ?? 0, true);
  }
  return header;
}
