// Seeded mutations of small valid files: each must either load or throw FpgasimError, never another error
// (a RangeError from a huge allocation, a TypeError from reading past the end), and a file that loads must
// not have made the reader allocate more than its own size justifies.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../../kernels/errors.js';
import { readModel } from '../../../kernels/model/read.js';
import { synthModel } from '../../../kernels/model/synth.js';
import type { Model, ModelConfig } from '../../../kernels/model/types.js';
import { writeLegacyCheckpoint, writeQ8Checkpoint } from '../../../kernels/model/write.js';
import { randomF32Model } from './fixtures.js';

const SMALL: ModelConfig = { dim: 8, hiddenDim: 16, nLayers: 2, nHeads: 2, nKvHeads: 1, vocabSize: 16, seqLen: 8 };
const EDGE_VALUES = [0, -1, 1, 2, 3, 7, 2 ** 31 - 1, -(2 ** 31), 65_536, 65_537, 1_000_001, 0x616b3432];
const MUTATIONS = 1_200;

/** Bytes held by a model's arrays, each buffer region counted once. */
function modelBytes(model: Model): number {
  const seen = new Set<ArrayBufferView>();
  const visit = (value: unknown): void => {
    if (ArrayBuffer.isView(value)) seen.add(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(model.weights);
  return [...seen].reduce((total, array) => total + array.byteLength, 0);
}

function mutate(valid: Uint8Array, rng: seedrandom.PRNG, headerInts: number[]): Uint8Array {
  const pick = <T>(items: T[]) => items[Math.floor(rng() * items.length)];
  const kind = Math.floor(rng() * 4);
  if (kind === 0) {
    const bytes = valid.slice();
    for (let flips = 1 + Math.floor(rng() * 4); flips > 0; flips--) {
      const offset = Math.floor(rng() * (rng() < 0.5 ? 64 : bytes.length));
      bytes[offset] ^= 1 << Math.floor(rng() * 8);
    }
    return bytes;
  }
  if (kind === 1) return valid.slice(0, Math.floor(rng() * valid.length));
  if (kind === 2) {
    const bytes = valid.slice();
    new DataView(bytes.buffer).setInt32(pick(headerInts), pick(EDGE_VALUES), true);
    return rng() < 0.2 ? bytes.slice(0, Math.floor(rng() * bytes.length)) : bytes;
  }
  const longer = new Uint8Array(valid.length + 1 + Math.floor(rng() * 16));
  longer.set(valid);
  return longer;
}

describe.each([
  ['version-2 Q8_0', writeQ8Checkpoint(synthModel(SMALL, { seed: 'fuzz', groupSize: 4 })), [0, 4, 8, 12, 16, 20, 24, 28, 32, 37]],
  ['legacy float32', writeLegacyCheckpoint(randomF32Model(SMALL, 'fuzz', false)), [0, 4, 8, 12, 16, 20, 24]],
])('fuzzing the %s reader', (_, valid, headerInts) => {
  it(`loads or refuses with one FpgasimError line, for ${MUTATIONS} seeded mutations`, () => {
    const rng = seedrandom(`fuzz ${valid.length}`);
    const outcomes = { loaded: 0, refused: 0 };
    for (let i = 0; i < MUTATIONS; i++) {
      const bytes = mutate(valid, rng, headerInts);
      try {
        const model = readModel(bytes, 'fuzz.bin');
        // the dequantized token embedding is the one array larger than its file bytes (4 bytes per int8)
        expect(modelBytes(model)).toBeLessThanOrEqual(5 * bytes.length);
        outcomes.loaded++;
      } catch (error) {
        if (!(error instanceof FpgasimError)) throw new Error(`mutation ${i}: ${String(error)}`, { cause: error });
        expect(error.message).not.toContain('\n');
        outcomes.refused++;
      }
    }
    // both outcomes happen: flips inside tensor data still load, header damage is refused
    expect(outcomes.loaded).toBeGreaterThan(50);
    expect(outcomes.refused).toBeGreaterThan(100);
  });
});
