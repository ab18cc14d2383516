// Reading llama2.c checkpoints (version-2 Q8_0 or legacy float32) into a Model.
//
// Order of work, so that no header can make us allocate more than the file justifies:
//   1. parse and validate the header (header.ts), compute the exact file size it implies, compare;
//   2. only then walk the tensor sections (layout.ts) and build the arrays.
import { readFileSync } from 'node:fs';
import { FpgasimError } from '../errors.js';
import { parseHeader, type CheckpointLayout } from './header.js';
import { LAYER_MATRICES, sectionBytes, type LayerMatrix, type NormField } from './layout.js';
import { dequantizeTensorQ80 } from './quantize-checkpoint.js';
import type { F32Weights, Model, Q8Weights, QuantizedTensor } from './types.js';

/** Norms, matrices and classifier of either format; T is the matrix type (Float32Array or QuantizedTensor). */
type WeightParts<T> = Record<NormField, Float32Array> &
  Record<LayerMatrix, T[]> & { tokenEmbedding: T; wcls: T; sharedClassifier: boolean };

/** A copy of count float32s at any byte offset (typed arrays need aligned offsets; slice copies). */
function float32At(bytes: Uint8Array, offset: number, count: number): Float32Array {
  const start = bytes.byteOffset + offset;
  return new Float32Array(bytes.buffer.slice(start, start + 4 * count));
}

function readSections<T>(bytes: Uint8Array, layout: CheckpointLayout, readMatrix: (offset: number, count: number) => T): WeightParts<T> {
  const norms: Partial<Record<NormField, Float32Array>> = {};
  const layers = Object.fromEntries(LAYER_MATRICES.map((name) => [name, [] as T[]])) as Record<LayerMatrix, T[]>;
  const classifiers: Partial<Record<'tokenEmbedding' | 'wcls', T>> = {};
  let offset = layout.headerBytes;
  for (const section of layout.sections) {
    if (section.kind === 'norm') norms[section.field] = float32At(bytes, offset, section.count);
    else if (section.kind === 'matrix') classifiers[section.field] = readMatrix(offset, section.count);
    else if (section.kind === 'layerMatrix') layers[section.field][section.layer] = readMatrix(offset, section.count);
    offset += sectionBytes(section, layout.groupSize);
  }
  const tokenEmbedding = classifiers.tokenEmbedding as T;
  return {
    ...(norms as Record<NormField, Float32Array>),
    ...layers,
    tokenEmbedding,
    wcls: classifiers.wcls ?? tokenEmbedding,
    sharedClassifier: layout.sharedClassifier,
  };
}

function readQ8Weights(bytes: Uint8Array, layout: CheckpointLayout, groupSize: number): Q8Weights {
  // int8 values are views on the file's bytes (no copy of the bulk of the model); scales are copies.
  const parts = readSections<QuantizedTensor>(bytes, layout, (offset, count) => ({
    q: new Int8Array(bytes.buffer, bytes.byteOffset + offset, count),
    s: float32At(bytes, offset + count, count / groupSize),
  }));
  return { kind: 'q8', groupSize, ...parts, tokenEmbeddingF32: dequantizeTensorQ80(parts.tokenEmbedding, groupSize) };
}

function readF32Weights(bytes: Uint8Array, layout: CheckpointLayout): F32Weights {
  return { kind: 'f32', ...readSections(bytes, layout, (offset, count) => float32At(bytes, offset, count)) };
}

/**
 * Parses a checkpoint. Throws FpgasimError naming the field and value for anything wrong with the file.
 * A Q8 model's int8 arrays are views on `bytes`: do not modify `bytes` afterwards.
 */
export function readModel(bytes: Uint8Array, source: string): Model {
  const layout = parseHeader(bytes, source);
  const weights = layout.format === 'q8' ? readQ8Weights(bytes, layout, layout.groupSize as number) : readF32Weights(bytes, layout);
  return { config: layout.config, weights };
}

/** Reads a checkpoint file; a file that cannot be read is a FpgasimError naming the path and the reason. */
export function loadModel(path: string): Model {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new FpgasimError(`${path}: cannot read the model file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return readModel(bytes, path);
}
