import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../kernels/errors.js';
import { Transformer, type Int8Dot } from '../../kernels/forward.js';
import { WasmGroupSums, wasmGroupSumsAvailable, wasmGroupSumsBytes } from '../../kernels/int8-dot-wasm.js';
import { groupSumsQ8, matvecQ8, scaleGroupSumsQ8 } from '../../kernels/matvec.js';
import { synthModel } from '../../kernels/model/synth.js';
import type { ModelConfig } from '../../kernels/model/types.js';
import { SEQUENTIAL, type Accumulators } from '../../kernels/reduction.js';

const bytes = (a: Float32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
/** Uniform over the whole int8 range, -128 included. */
const randomInt8 = (n: number, rng: () => number) => Int8Array.from({ length: n }, () => Math.floor(rng() * 256) - 128);
/** Scales over six decades, as real layers' differ. */
const randomScales = (n: number, rng: () => number) => Float32Array.from({ length: n }, () => (rng() - 0.5) * 10 ** (-4 + 6 * rng()));

describe('WasmGroupSums (the integer stage in WebAssembly SIMD)', () => {
  it('runs in this Node (WebAssembly SIMD is part of V8 since Node 16.4)', () => {
    expect(wasmGroupSumsAvailable).toBe(true);
  });

  it('gives groupSumsQ8 exactly, and with the TypeScript float stage matvecQ8 byte for byte (gs 16, 32, 64; 1 to 4 accumulators)', () => {
    const rng = seedrandom('int8-dot-wasm');
    for (const [n, d] of [[64, 1], [192, 7], [1024, 50]]) {
      const w = { q: randomInt8(n * d, rng), s: new Float32Array(0) };
      const xq = randomInt8(n, rng);
      const sums = new WasmGroupSums([w.q], n, (n * d) / 16);
      sums.input.set(xq);
      for (const gs of [16, 32, 64]) {
        const groups = (n * d) / gs;
        w.s = randomScales(groups, rng);
        const xs = randomScales(n / gs, rng);
        sums.run(w.q, n, d, gs);
        const expectedSums = new Int32Array(groups);
        groupSumsQ8(expectedSums, xq, w.q, n, d, gs);
        expect(bytes(sums.sums.subarray(0, groups)).equals(bytes(expectedSums))).toBe(true);
        for (const accumulators of [1, 2, 3, 4]) {
          const expected = new Float32Array(d);
          matvecQ8(expected, xq, xs, w, n, d, gs, accumulators);
          const got = new Float32Array(d);
          scaleGroupSumsQ8(got, sums.sums, w.s, xs, n, d, gs, accumulators);
          expect(bytes(got).equals(bytes(expected)), `n ${n} d ${d} gs ${gs} accumulators ${accumulators}`).toBe(true);
        }
      }
    }
  });

  it('sums the extremes exactly: 64 products of -128 * -128, and of -128 * 127', () => {
    const n = 128;
    const w = new Int8Array(2 * n).fill(-128);
    w.fill(127, n + 64);
    const sums = new WasmGroupSums([w], n, 4);
    sums.input.fill(-128);
    sums.run(w, n, 2, 64);
    expect(Array.from(sums.sums)).toEqual([64 * 16384, 64 * 16384, 64 * 16384, -64 * 16256]);
  });

  it('copies a weight array given twice once (a shared classifier is the embedding), each 16-byte aligned', () => {
    const a = new Int8Array(100);
    const b = new Int8Array(32);
    // input 48 + sums 4 * 10 -> 48 + a 112 + b 32
    expect(wasmGroupSumsBytes([a, b, a], 48, 10)).toBe(48 + 48 + 112 + 32);
    expect(new WasmGroupSums([a, b, a], 48, 10).memoryBytes).toBe(240);
  });

  it('refuses a weight array it does not hold and a group size that is not a multiple of 16', () => {
    const w = new Int8Array(64);
    const sums = new WasmGroupSums([w], 64, 8);
    expect(() => sums.run(new Int8Array(64), 64, 1, 16)).toThrow(/was not copied/);
    expect(() => sums.run(w, 64, 1, 8)).toThrow(/gs 8/);
  });
});

describe("Transformer's int8Dot option", () => {
  const config: ModelConfig = { dim: 64, hiddenDim: 192, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 300, seqLen: 16 };
  const logits = (model: ReturnType<typeof synthModel>, int8Dot: Int8Dot, accumulators: Accumulators = SEQUENTIAL) => {
    const t = new Transformer(model, accumulators, { int8Dot });
    const rows: Buffer[] = [];
    for (let pos = 0; pos < 8; pos++) rows.push(Buffer.from(t.forward((pos * 37 + 5) % config.vocabSize, pos).slice().buffer));
    return { path: t.int8Dot, logits: Buffer.concat(rows) };
  };

  it('gives the same logits to the bit with the WebAssembly integer stage as in plain TypeScript (gs 16, 32, 64)', () => {
    for (const groupSize of [16, 32, 64]) {
      const model = synthModel(config, { seed: `wasm ${groupSize}`, groupSize });
      for (const matvec of [1, 2, 3, 4]) {
        const accumulators = { ...SEQUENTIAL, matvec };
        const js = logits(model, 'js', accumulators);
        const auto = logits(model, 'auto', accumulators);
        expect([js.path, auto.path]).toEqual(['js', 'wasm']);
        expect(auto.logits.equals(js.logits), `gs ${groupSize}, ${matvec} matvec accumulators`).toBe(true);
      }
      expect(logits(model, 'wasm').logits.equals(logits(model, 'js').logits)).toBe(true);
    }
  });

  it("falls back to plain TypeScript under 'auto' when the group size is not a multiple of 16, and refuses 'wasm' there", () => {
    const model = synthModel(config, { seed: 'gs 4', groupSize: 4 });
    const auto = logits(model, 'auto');
    expect(auto.path).toBe('js');
    expect(auto.logits.equals(logits(model, 'js').logits)).toBe(true);
    expect(() => new Transformer(model, SEQUENTIAL, { int8Dot: 'wasm' })).toThrow(FpgasimError);
    expect(() => new Transformer(model, SEQUENTIAL, { int8Dot: 'wasm' })).toThrow("int8Dot 'wasm' cannot run this model: group size 4 is not a multiple of 16");
    expect(() => new Transformer(model, SEQUENTIAL, { int8Dot: 'simd' as Int8Dot })).toThrow("int8Dot 'simd' is not one of 'js', 'wasm', 'auto'");
  });
});
