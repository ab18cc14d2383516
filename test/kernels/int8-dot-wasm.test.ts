import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../kernels/errors.js';
import { Transformer, type Int8Dot } from '../../kernels/forward.js';
import { compileInt8DotModule, INT8_DOT_MODULE, Int8DotWasm, int8DotWasmAvailable, int8DotWasmBytes } from '../../kernels/int8-dot-wasm.js';
import { groupSumsQ8, scaleGroupSumsQ8 } from '../../kernels/matvec.js';
import { synthModel } from '../../kernels/model/synth.js';
import type { ModelConfig } from '../../kernels/model/types.js';
import { combineTree, SEQUENTIAL, type Accumulators } from '../../kernels/reduction.js';

const bytes = (a: Float32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
/** Uniform over the whole int8 range, -128 included. */
const randomInt8 = (n: number, rng: () => number) => Int8Array.from({ length: n }, () => Math.floor(rng() * 256) - 128);
/** Scales over six decades, as real layers' differ. */
const randomScales = (n: number, rng: () => number) => Float32Array.from({ length: n }, () => (rng() - 0.5) * 10 ** (-4 + 6 * rng()));

/**
 * The Q8_0 matvec written out from the numeric contract alone, independent of kernels/matvec.ts: per row and
 * group an exact integer dot product, then (float)sum * w scale * x scale into partial g % P, combined by
 * the fixed tree.
 */
function referenceMatvecQ8(xq: Int8Array, xs: Float32Array, w: { q: Int8Array; s: Float32Array }, n: number, d: number, gs: number, accumulators: number): Float32Array {
  const out = new Float32Array(d);
  const groups = n / gs;
  for (let i = 0; i < d; i++) {
    const partial = new Float32Array(accumulators);
    for (let g = 0; g < groups; g++) {
      let sum = 0;
      for (let j = g * gs; j < (g + 1) * gs; j++) sum += w.q[i * n + j] * xq[j];
      const term = Math.fround(Math.fround(Math.fround(sum) * w.s[i * groups + g]) * xs[g]);
      partial[g % accumulators] = Math.fround(partial[g % accumulators] + term);
    }
    out[i] = combineTree(partial, accumulators);
  }
  return out;
}

describe('Int8DotWasm (the Q8_0 matvec in WebAssembly SIMD)', () => {
  it('runs in this Node (WebAssembly SIMD is part of V8 since Node 16.4)', () => {
    expect(int8DotWasmAvailable).toBe(true);
  });

  it("gives groupSumsQ8's sums exactly and an independent reference's bytes: matvec for 1 accumulator, group sums + scaleGroupSumsQ8 for 1 to 4", () => {
    const rng = seedrandom('int8-dot-wasm');
    for (const [n, d] of [[64, 1], [192, 7], [1024, 50]]) {
      for (const gs of [16, 32, 64]) {
        const w = { q: randomInt8(n * d, rng), s: randomScales((n * d) / gs, rng) };
        const xq = randomInt8(n, rng);
        const xs = randomScales(n / gs, rng);
        const dot = new Int8DotWasm([w], { maxInput: n, maxOutput: d, groupSize: gs });
        dot.input.set(xq);
        dot.inputScales.set(xs);
        const where = `n ${n} d ${d} gs ${gs}`;

        dot.groupSums(w, n, d);
        const expectedSums = new Int32Array((n * d) / gs);
        groupSumsQ8(expectedSums, xq, w.q, n, d, gs);
        expect(bytes(dot.sums).equals(bytes(expectedSums)), where).toBe(true);
        for (const accumulators of [1, 2, 3, 4]) {
          const expected = referenceMatvecQ8(xq, xs, w, n, d, gs, accumulators);
          const got = new Float32Array(d);
          scaleGroupSumsQ8(got, dot.sums, w.s, xs, n, d, gs, accumulators);
          expect(bytes(got).equals(bytes(expected)), `${where} accumulators ${accumulators}`).toBe(true);
        }

        const expected = referenceMatvecQ8(xq, xs, w, n, d, gs, 1);
        const got = new Float32Array(d).fill(Number.NaN);
        dot.matvec(got, w, n, d);
        expect(bytes(got).equals(bytes(expected)), `${where} matvec`).toBe(true);
      }
    }
  });

  it('sums the extremes exactly: 64 products of -128 * -128, and of -128 * 127', () => {
    const n = 128;
    const w = { q: new Int8Array(2 * n).fill(-128).fill(127, n + 64), s: new Float32Array(4).fill(1) };
    const dot = new Int8DotWasm([w], { maxInput: n, maxOutput: 2, groupSize: 64 });
    dot.input.fill(-128);
    dot.groupSums(w, n, 2);
    expect(Array.from(dot.sums)).toEqual([64 * 16384, 64 * 16384, 64 * 16384, -64 * 16256]);
  });

  it('copies a tensor given twice once (a shared classifier is the embedding), each array 16-byte aligned', () => {
    const a = { q: new Int8Array(100 * 16), s: new Float32Array(100) };
    const b = { q: new Int8Array(32), s: new Float32Array(2) };
    const shape = { maxInput: 48, maxOutput: 10, groupSize: 16 };
    // input 48, its scales 12 -> 16, output 40 -> 48, sums 4 * 10 * 3 = 120 -> 128; a 1600 + 400; b 32 + 8 -> 16
    const expected = 48 + 16 + 48 + 128 + 1600 + 400 + 32 + 16;
    expect(int8DotWasmBytes([a, b, a], shape)).toBe(expected);
    expect(new Int8DotWasm([a, b, a], shape).memoryBytes).toBe(expected);
  });

  it('refuses a tensor it does not hold, a shape outside its layout, and a group size that is not a multiple of 16', () => {
    const w = { q: new Int8Array(128), s: new Float32Array(8) };
    const dot = new Int8DotWasm([w], { maxInput: 64, maxOutput: 2, groupSize: 16 });
    expect(() => dot.groupSums({ ...w }, 64, 1)).toThrow(/was not copied/);
    expect(() => dot.matvec(new Float32Array(4), w, 64, 3)).toThrow('Int8DotWasm: n 64, d 3 do not fit');
    expect(() => dot.groupSums(w, 24, 1)).toThrow('Int8DotWasm: n 24, d 1 do not fit');
    expect(() => new Int8DotWasm([w], { maxInput: 64, maxOutput: 2, groupSize: 8 })).toThrow('group size 8 is not a multiple of 16');
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

  it('gives the same logits to the bit through WebAssembly as in plain TypeScript (gs 16, 32, 64; 1 to 4 matvec accumulators)', () => {
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

describe('the WebAssembly module itself', () => {
  it('carries the names of its functions and of every local in its name section (what a disassembly shows)', () => {
    const wasmApi = (globalThis as unknown as { WebAssembly: { Module: { new (b: Uint8Array): object; customSections(m: object, name: string): ArrayBuffer[] } } }).WebAssembly;
    const sections = wasmApi.Module.customSections(new wasmApi.Module(INT8_DOT_MODULE), 'name');
    expect(sections).toHaveLength(1);
    const text = Buffer.from(sections[0]).toString('latin1');
    for (const local of ['sums', 'xq', 'wq', 'gs', 'row', 'groups', 'acc', 'va', 'vb', 'out', 'xs', 'ws', 'val', 'op']) expect(text).toContain(local);
    expect(text).toContain('group_sums');
  });

  it('refuses an invalid module in one line naming the engine\'s reason, rather than falling back to TypeScript', () => {
    let error: unknown;
    try {
      // the module's header, then a type section cut short: a function type promising 9 parameters and giving none
      compileInt8DotModule(new Uint8Array([...INT8_DOT_MODULE.subarray(0, 8), 0x01, 0x03, 0x01, 0x60, 0x09]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FpgasimError);
    expect((error as Error).message).toMatch(/^kernels\/int8-dot-wasm\.ts: the WebAssembly module is invalid \(.+\)$/);
    expect((error as Error).message).not.toContain('\n');
    expect(compileInt8DotModule()).toBeDefined();
  });
});
