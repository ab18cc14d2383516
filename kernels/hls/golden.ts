// Golden vectors: inputs and the outputs the TypeScript kernels compute from them with the design's
// accumulator counts, for each kernel header, and whole decode steps of a model through the top function.
// tb.cpp reads them through golden/manifest.txt (its format is described there).
import { mkdirSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { attention, attentionScratch } from '../attention.js';
import { check } from '../errors.js';
import { Transformer } from '../forward.js';
import { matvecQ8 } from '../matvec.js';
import type { Model, ModelConfig, Q8Weights, QuantizedTensor } from '../model/types.js';
import { kvDim } from '../model/types.js';
import { quantize, roundHalfAway } from '../quantize.js';
import type { Accumulators } from '../reduction.js';
import { mathFunctions, type MathLibrary } from '../math/library.js';
import { residualAdd } from '../residual.js';
import { rmsnorm } from '../rmsnorm.js';
import { rope } from '../rope.js';
import { softmax } from '../softmax.js';
import { swiglu } from '../swiglu.js';
import { stripeRows, type DeviceImage } from './device-image.js';

export interface GoldenTensor {
  name: string;
  direction: 'in' | 'out';
  data: Int8Array | Float32Array;
}

export interface GoldenTest {
  name: string;
  kind: string; // which function of tb.cpp runs it
  tensors: GoldenTensor[];
  scalars: Record<string, number>;
}

const input = (name: string, data: Int8Array | Float32Array): GoldenTensor => ({ name, direction: 'in', data });
const output = (name: string, data: Int8Array | Float32Array): GoldenTensor => ({ name, direction: 'out', data });

/** Seeded float32 values uniform in [lo, hi). */
function uniform(rng: seedrandom.PRNG, count: number, lo: number, hi: number): Float32Array {
  return Float32Array.from({ length: count }, () => lo + (hi - lo) * rng());
}

/** Floats that test round-half-away-from-zero where it is hard: halves, their neighbours, huge values, NaN. */
function roundingInputs(rng: seedrandom.PRNG): Float32Array {
  const values: number[] = [0, -0, NaN, Infinity, -Infinity, 2 ** -149, 0.49999997, -0.49999997, 2 ** 23 + 1, 2 ** 24, 2 ** 31 - 128, 2 ** 31, -(2 ** 31), 3e9];
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  for (let k = -130; k <= 130; k++) {
    f32[0] = k + 0.5;
    values.push(f32[0], k);
    u32[0] += 1;
    values.push(f32[0]);
    u32[0] -= 2;
    values.push(f32[0]);
  }
  const bits = Uint32Array.from({ length: 2000 }, () => rng.int32() >>> 0);
  return Float32Array.from([...values, ...new Float32Array(bits.buffer)]);
}

function quantized(x: Float32Array, groupSize: number): { q: Int8Array; s: Float32Array } {
  const q = new Int8Array(x.length);
  const s = new Float32Array(x.length / groupSize);
  quantize(q, s, x, x.length, groupSize);
  return { q, s };
}

function matvecTest(name: string, kind: string, w: QuantizedTensor, x: Float32Array, d: number, gs: number, accumulators: number): GoldenTest {
  const xq = quantized(x, gs);
  const out = new Float32Array(d);
  matvecQ8(out, xq.q, xq.s, w, x.length, d, gs, accumulators);
  return { name, kind, scalars: {}, tensors: [input('xq.q', xq.q), input('xq.s', xq.s), input('w.q', w.q), input('w.s', w.s), output('out', out)] };
}

/**
 * One or more tests per kernel header, on seeded inputs of the model's sizes and its layer-0 weights. The
 * attention test's KV cache is striped over `cacheShares` buffers as the design stripes it in device memory
 * (key_cache.0, key_cache.1, ...), so that the C++ reads and writes each position in the share the layout says.
 */
export function kernelTests(model: Model & { weights: Q8Weights }, accumulators: Accumulators, mathLibrary: MathLibrary, seed: number, cacheShares = 1): GoldenTest[] {
  const math = mathFunctions(mathLibrary);
  const c = model.config;
  const w = model.weights;
  const gs = w.groupSize;
  const kvd = kvDim(c);
  const rng = seedrandom(`fpgasim emit-hls golden ${seed}`);
  const tests: GoldenTest[] = [];

  for (const [name, kind, n] of [['quantize.dim', 'quantize_dim', c.dim], ['quantize.hidden', 'quantize_hidden', c.hiddenDim]] as const) {
    const x = uniform(rng, n, -2, 2);
    x.fill(0, 0, gs); // an all-zero group: scale 0, q 0
    const { q, s } = quantized(x, gs);
    tests.push({ name, kind, scalars: {}, tensors: [input('x', x), output('xq.q', q), output('xq.s', s)] });
  }
  const v = roundingInputs(rng);
  tests.push({ name: 'quantize.round', kind: 'quantize_round', scalars: {}, tensors: [input('v', v), output('q', Int8Array.from(v, roundHalfAway))] });

  tests.push(matvecTest('matvec.wq', 'matvec_dim_dim', w.wq[0], uniform(rng, c.dim, -2, 2), c.dim, gs, accumulators.matvec));
  tests.push(matvecTest('matvec.wk', 'matvec_dim_kv', w.wk[0], uniform(rng, c.dim, -2, 2), kvd, gs, accumulators.matvec));
  tests.push(matvecTest('matvec.w2', 'matvec_hidden_dim', w.w2[0], uniform(rng, c.hiddenDim, -2, 2), c.dim, gs, accumulators.matvec));

  const rx = uniform(rng, c.dim, -3, 3);
  const weight = w.rmsAtt.slice(0, c.dim);
  const normed = new Float32Array(c.dim);
  rmsnorm(normed, rx, weight, 0, c.dim, accumulators.rmsnorm);
  tests.push({ name: 'rmsnorm.att', kind: 'rmsnorm', scalars: {}, tensors: [input('x', rx), input('weight', weight), output('out', normed)] });

  for (const pos of [...new Set([0, 1, c.seqLen - 1])].filter((p) => p < c.seqLen)) {
    const q = uniform(rng, c.dim, -1, 1);
    const k = uniform(rng, kvd, -1, 1);
    const [qOut, kOut] = [q.slice(), k.slice()];
    rope(qOut, kOut, pos, c.dim, kvd, c.dim / c.nHeads, math);
    tests.push({ name: `rope.pos${pos}`, kind: 'rope', scalars: { pos }, tensors: [input('q', q), input('k', k), output('q', qOut), output('k', kOut)] });
  }

  for (const [name, size] of [['softmax.full', c.seqLen], ['softmax.short', Math.min(3, c.seqLen)]] as const) {
    const x = uniform(rng, size, -8, 8);
    const y = x.slice();
    softmax(y, size, accumulators.softmax, 0, math);
    tests.push({ name, kind: 'softmax', scalars: { size }, tensors: [input('x', x), output('x', y)] });
  }

  const pos = Math.min(c.seqLen - 1, 6);
  const [q, k, vv] = [uniform(rng, c.dim, -1, 1), uniform(rng, kvd, -1, 1), uniform(rng, kvd, -1, 1)];
  const [keyCache, valueCache] = [uniform(rng, c.seqLen * kvd, -1, 1), uniform(rng, c.seqLen * kvd, -1, 1)];
  const [keyAfter, valueAfter] = [keyCache.slice(), valueCache.slice()];
  keyAfter.set(k, pos * kvd);
  valueAfter.set(vv, pos * kvd);
  const attended = new Float32Array(c.dim);
  attention(attended, q, keyAfter, valueAfter, 0, pos, c, accumulators, attentionScratch(c, accumulators), math);
  const shares = (direction: typeof input, name: string, cache: Float32Array) =>
    stripeRows(cache, kvd, cacheShares, (length) => new Float32Array(length)).map((share, b) => direction(`${name}.${b}`, share));
  tests.push({
    name: `attention.pos${pos}`,
    kind: 'attention',
    scalars: { pos },
    tensors: [
      input('q', q),
      input('k', k),
      input('v', vv),
      ...shares(input, 'key_cache', keyCache),
      ...shares(input, 'value_cache', valueCache),
      output('out', attended),
      ...shares(output, 'key_cache', keyAfter),
      ...shares(output, 'value_cache', valueAfter),
    ],
  });

  const [hb, hb2] = [uniform(rng, c.hiddenDim, -6, 6), uniform(rng, c.hiddenDim, -2, 2)];
  const gated = hb.slice();
  swiglu(gated, hb2, c.hiddenDim, math);
  tests.push({ name: 'swiglu', kind: 'swiglu', scalars: {}, tensors: [input('hb', hb), input('hb2', hb2), output('hb', gated)] });

  const [x, y] = [uniform(rng, c.dim, -4, 4), uniform(rng, c.dim, -4, 4)];
  const sum = x.slice();
  residualAdd(sum, y, c.dim);
  tests.push({ name: 'residual', kind: 'residual', scalars: {}, tensors: [input('x', x), input('y', y), output('x', sum)] });

  const table = uniform(rng, 4 * c.dim, -1, 1);
  tests.push({ name: 'embed', kind: 'embed', scalars: { token: 2 }, tensors: [input('table', table), output('x', table.slice(2 * c.dim, 3 * c.dim))] });
  return tests;
}

/**
 * `steps` decode steps through the whole model from BOS (token 1), each next token the argmax of the
 * logits (greedy), with the device-memory image as the top function's inputs.
 */
export function decodeTest(model: Model & { weights: Q8Weights }, accumulators: Accumulators, math: MathLibrary, image: DeviceImage, steps: number): GoldenTest {
  const c: ModelConfig = model.config;
  check(Number.isInteger(steps) && steps >= 1 && steps <= c.seqLen, `--tokens ${steps}: allowed 1..seq_len ${c.seqLen}`);
  const transformer = new Transformer(model, accumulators, { math });
  const scalars: Record<string, number> = { steps };
  // every array as its shares in stripe order (one share when not striped): weights_q.0, weights_q.1, ...
  const shares = (name: string, data: (Int8Array | Float32Array)[]) => data.map((share, b) => input(`${name}.${b}`, share));
  const tensors = [...shares('weights_q', image.weightsQ), ...shares('weights_s', image.weightsS), input('norms.0', image.norms), ...shares('embedding', image.embedding)];
  let token = Math.min(1, c.vocabSize - 1);
  for (let pos = 0; pos < steps; pos++) {
    scalars[`token.${pos}`] = token;
    const logits = transformer.forward(token, pos).slice();
    tensors.push(output(`logits.${pos}`, logits));
    token = argmax(logits);
  }
  return { name: 'decode', kind: 'decode', scalars, tensors };
}

function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Writes each tensor as raw little-endian bytes and the manifest; returns the bytes written. */
export function writeGolden(dir: string, tests: GoldenTest[], header: string): number {
  check(endianness() === 'LE', 'golden vectors are little-endian raw arrays: emit-hls must run on a little-endian machine');
  mkdirSync(dir, { recursive: true });
  const lines = [
    `# ${header}`,
    '# test <test> <kind> | tensor <test> <name> <in|out> <i8|f32> <count> <file> | scalar <test> <name> <integer>',
  ];
  let bytes = 0;
  for (const test of tests) {
    lines.push(`test ${test.name} ${test.kind}`);
    for (const [name, value] of Object.entries(test.scalars)) lines.push(`scalar ${test.name} ${name} ${value}`);
    for (const t of test.tensors) {
      const file = `${test.name}.${t.name}.${t.direction}.bin`;
      const dtype = t.data instanceof Int8Array ? 'i8' : 'f32';
      writeFileSync(join(dir, file), new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
      bytes += t.data.byteLength;
      lines.push(`tensor ${test.name} ${t.name} ${t.direction} ${dtype} ${t.data.length} ${file}`);
    }
  }
  writeFileSync(join(dir, 'manifest.txt'), `${lines.join('\n')}\n`);
  return bytes;
}
