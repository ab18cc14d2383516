import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { attention, attentionScratch } from '../../kernels/attention.js';
import { GLIBC_MATH } from '../../kernels/math/library.js';

const exp = GLIBC_MATH.exp; // the default math's
import type { ModelConfig } from '../../kernels/model/types.js';
import { SEQUENTIAL } from '../../kernels/reduction.js';

const f = Math.fround;
const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const randomF32 = (n: number, rng: () => number) => Float32Array.from({ length: n }, () => rng() * 2 - 1);

/** 4 query heads of size 4 sharing 2 key/value heads (heads 0, 1 -> KV head 0; heads 2, 3 -> KV head 1). */
const GQA: ModelConfig = { dim: 16, hiddenDim: 32, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 32, seqLen: 6 };
const KV_DIM = 8;
const HEAD = 4;

function run(c: ModelConfig, q: Float32Array, keys: Float32Array, values: Float32Array, cacheOffset: number, pos: number, accumulators = SEQUENTIAL) {
  const out = new Float32Array(c.dim);
  attention(out, q, keys, values, cacheOffset, pos, c, accumulators, attentionScratch(c, accumulators));
  return out;
}

describe('attention', () => {
  const rng = seedrandom('attention');
  const cacheSize = GQA.nLayers * GQA.seqLen * KV_DIM;
  const keys = randomF32(cacheSize, rng);
  const values = randomF32(cacheSize, rng);
  const layer1 = GQA.seqLen * KV_DIM;

  it('at position 0 gives each head its KV head\'s value row exactly (softmax of one score is 1)', () => {
    const out = run(GQA, randomF32(GQA.dim, rng), keys, values, layer1, 0);
    for (let h = 0; h < GQA.nHeads; h++) {
      const kvHead = Math.floor(h / 2);
      const row = values.subarray(layer1 + kvHead * HEAD, layer1 + (kvHead + 1) * HEAD);
      expect(Array.from(out.subarray(h * HEAD, (h + 1) * HEAD)), `head ${h}`).toEqual(Array.from(row));
    }
  });

  it('gives equal outputs to query heads that share a KV head and have equal q, and differs across KV heads', () => {
    const qHead = randomF32(HEAD, rng);
    const q = new Float32Array(GQA.dim);
    for (let h = 0; h < GQA.nHeads; h++) q.set(qHead, h * HEAD);
    const out = run(GQA, q, keys, values, layer1, 4);
    const head = (h: number) => bytes(out.slice(h * HEAD, (h + 1) * HEAD));
    expect(head(0).equals(head(1))).toBe(true);
    expect(head(2).equals(head(3))).toBe(true);
    expect(head(0).equals(head(2))).toBe(false);
  });

  it('hand-worked at position 1: scores q.k / sqrt(2), softmax, the weighted sum of the two value rows', () => {
    const c: ModelConfig = { dim: 2, hiddenDim: 4, nLayers: 1, nHeads: 1, nKvHeads: 1, vocabSize: 32, seqLen: 2 };
    const q = new Float32Array([1, 2]);
    const keyCache = new Float32Array([1, 0, 0, 1]); // k0 = [1, 0], k1 = [0, 1]
    const valueCache = new Float32Array([1, 2, 3, 4]); // v0 = [1, 2], v1 = [3, 4]
    const out = run(c, q, keyCache, valueCache, 0, 1);
    const root2 = f(Math.sqrt(2));
    const s0 = f(1 / root2); // q.k0 = 1 * 1 + 2 * 0
    const s1 = f(2 / root2); // q.k1 = 1 * 0 + 2 * 1
    const e0 = exp(f(s0 - s1));
    const sum = f(e0 + 1); // e1 = exp(0) = 1
    const [a0, a1] = [f(e0 / sum), f(1 / sum)];
    expect(Array.from(out)).toEqual([f(f(a0 * 1) + f(a1 * 3)), f(f(a0 * 2) + f(a1 * 4))]);
    const w0 = 1 / (1 + Math.exp(1 / Math.SQRT2)); // softmax weight of position 0
    expect(out[0]).toBeCloseTo(w0 * 1 + (1 - w0) * 3, 6);
    expect(out[1]).toBeCloseTo(w0 * 2 + (1 - w0) * 4, 6);
  });

  it('reads only positions 0..pos of its layer: later positions and other layers do not matter', () => {
    const q = randomF32(GQA.dim, rng);
    const expected = run(GQA, q, keys, values, layer1, 2);
    const [k2, v2] = [keys.slice(), values.slice()];
    k2.fill(99, 0, layer1); // all of layer 0
    v2.fill(99, 0, layer1);
    k2.fill(-99, layer1 + 3 * KV_DIM); // layer 1 from position 3 on
    v2.fill(-99, layer1 + 3 * KV_DIM);
    expect(bytes(run(GQA, q, k2, v2, layer1, 2)).equals(bytes(expected))).toBe(true);
  });

  it('splits the score and value sums over accumulators: other bits, each reproducibly', () => {
    const c: ModelConfig = { dim: 64, hiddenDim: 64, nLayers: 1, nHeads: 2, nKvHeads: 1, vocabSize: 32, seqLen: 40 };
    const r = seedrandom('attention accumulators');
    const [q, k, v] = [randomF32(64, r), randomF32(40 * 32, r), randomF32(40 * 32, r)];
    const sequential = run(c, q, k, v, 0, 39);
    for (const change of [{ attentionScore: 4 }, { attentionValue: 3 }]) {
      const accumulators = { ...SEQUENTIAL, ...change };
      const other = run(c, q, k, v, 0, 39, accumulators);
      expect(bytes(other).equals(bytes(sequential)), JSON.stringify(change)).toBe(false);
      expect(bytes(other).equals(bytes(run(c, q, k, v, 0, 39, accumulators))), JSON.stringify(change)).toBe(true);
      other.forEach((value, i) => expect(value).toBeCloseTo(sequential[i], 5));
    }
  });
});
