// Writing checkpoints: a Q8 model in llama2.c's version-2 layout (what export.py writes), a float32 model
// in the legacy layout (for tests), and saving bytes so that a failure never leaves half a file.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { FpgasimError, check } from '../errors.js';
import { checkpointLayout, encodeHeader, type CheckpointLayout } from './header.js';
import { sectionBytes, type Section } from './layout.js';
import type { F32Weights, Model, Q8Weights } from './types.js';

const bytesOf = (array: Float32Array | Int8Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

function sectionName(section: Section): string {
  if (section.kind === 'layerMatrix') return `${section.field}[${section.layer}]`;
  return section.kind === 'unused' ? 'freq_cis' : section.field;
}

/** The bytes of one section: a norm, a matrix (float32, or int8 values then scales), or zeros if unused. */
function sectionParts(weights: Q8Weights | F32Weights, section: Section): Uint8Array[] {
  if (section.kind === 'unused') return [new Uint8Array(4 * section.count)];
  if (section.kind === 'norm') return [bytesOf(weights[section.field])];
  const tensor = section.kind === 'layerMatrix' ? weights[section.field][section.layer] : weights[section.field];
  return tensor instanceof Float32Array ? [bytesOf(tensor)] : [bytesOf(tensor.q), bytesOf(tensor.s)];
}

/** The header, then every section in the layout's order, checking each length against the shape. */
function writeCheckpoint(layout: CheckpointLayout, weights: Q8Weights | F32Weights): Uint8Array {
  const out = new Uint8Array(layout.fileBytes);
  out.set(encodeHeader(layout));
  let offset = layout.headerBytes;
  for (const section of layout.sections) {
    const parts = sectionParts(weights, section);
    const written = parts.reduce((total, part) => total + part.length, 0);
    const size = sectionBytes(section, layout.groupSize);
    check(written === size, `write: ${sectionName(section)} has ${written} bytes, the shape needs ${size}`);
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
  }
  return out;
}

/** A Q8 model in llama2.c's version-2 layout, byte for byte as export.py writes it. */
export function writeQ8Checkpoint(model: Model & { weights: Q8Weights }): Uint8Array {
  const { config, weights } = model;
  return writeCheckpoint(checkpointLayout('q8', config, weights.sharedClassifier, weights.groupSize), weights);
}

/** A float32 model in llama2.c's legacy layout; the unused RoPE tables are written as zeros. */
export function writeLegacyCheckpoint(model: Model & { weights: F32Weights }): Uint8Array {
  const { config, weights } = model;
  return writeCheckpoint(checkpointLayout('legacy', config, weights.sharedClassifier), weights);
}

/** Writes bytes to path through a temporary file and a rename, so path is either complete or untouched. */
export function saveFileAtomically(path: string, bytes: Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new FpgasimError(`${path}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
