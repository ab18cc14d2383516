// Where the decode step's time goes, and what faster bit-identical matvecs would give (issue 2: "Faster
// paths ... are welcome when they keep the bits identical"). On a synthetic stories110M (in memory):
//   1. time Transformer.forward (the step as the kernels run it today)
//   2. run every matvec of one step (per layer wq wk wv wo w1 w3 w2, then the classifier) with the kernel
//      and with each variant of matvec-variants.ts; check each variant gives the kernel's bits
//   3. time each variant over the step's matvecs. The last column is the speed a step made of nothing
//      but these matvecs would reach: a ceiling, since the other kernels are not timed here.
import { Transformer } from '../kernels/forward.js';
import { matvecQ8 } from '../kernels/matvec.js';
import { MODEL_SHAPES } from '../kernels/model/shapes.js';
import { synthModel } from '../kernels/model/synth.js';
import type { QuantizedTensor } from '../kernels/model/types.js';
import { quantize } from '../kernels/quantize.js';
import { matvecQ8Words, WasmArena } from './matvec-variants.js';
import { median, type BenchSection } from './section.js';

const SHAPE = 'stories110M';
const STEP_POSITIONS = 8;
const REPEATS = 5;

interface MatvecCall {
  w: QuantizedTensor;
  n: number;
  d: number;
}

/** Median milliseconds of REPEATS runs of fn, after one warm-up run. */
function timeMs(fn: () => void): number {
  fn();
  const runs: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
  }
  return median(runs);
}

export const matvecSection: BenchSection = {
  name: 'matvec',
  describe: `the decode step's Q8_0 matvecs on a synthetic ${SHAPE}: the kernel vs bit-identical faster copies`,
  async run(log) {
    log(`synthesizing ${SHAPE} in memory`);
    const model = synthModel(MODEL_SHAPES[SHAPE], { seed: 'bench' });
    const c = model.config;
    const w = model.weights;
    const gs = w.groupSize;
    const kvd = (c.dim * c.nKvHeads) / c.nHeads;

    log(`timing Transformer.forward over positions 0..${STEP_POSITIONS - 1}`);
    const transformer = new Transformer(model);
    const stepMs =
      timeMs(() => {
        for (let pos = 0; pos < STEP_POSITIONS; pos++) transformer.forward(pos + 1, pos);
      }) / STEP_POSITIONS;

    const calls: MatvecCall[] = [];
    for (let l = 0; l < c.nLayers; l++) {
      calls.push({ w: w.wq[l], n: c.dim, d: c.dim }, { w: w.wk[l], n: c.dim, d: kvd }, { w: w.wv[l], n: c.dim, d: kvd });
      calls.push({ w: w.wo[l], n: c.dim, d: c.dim }, { w: w.w1[l], n: c.dim, d: c.hiddenDim }, { w: w.w3[l], n: c.dim, d: c.hiddenDim });
      calls.push({ w: w.w2[l], n: c.hiddenDim, d: c.dim });
    }
    calls.push({ w: w.wcls, n: c.dim, d: c.vocabSize });
    const macs = calls.reduce((total, call) => total + call.n * call.d, 0);

    // one quantized activation per input width, from a seeded-looking smooth signal
    const widest = Math.max(c.dim, c.hiddenDim);
    const x = Float32Array.from({ length: widest }, (_, i) => Math.sin(i * 0.37) * (1 + (i % 7)));
    const xq = new Int8Array(widest);
    const xs = new Float32Array(widest / gs);
    quantize(xq, xs, x, widest, gs);
    const xqFor = (n: number) => xq.subarray(0, n);
    const xsFor = (n: number) => xs.subarray(0, n / gs);
    const outputs = calls.map((call) => new Float32Array(call.d));
    const reference = calls.map((call) => {
      const out = new Float32Array(call.d);
      matvecQ8(out, xqFor(call.n), xsFor(call.n), call.w, call.n, call.d, gs);
      return out;
    });

    log('placing the weights in WebAssembly memory');
    const arena = new WasmArena();
    const xqAt = arena.place(xq);
    const xsAt = arena.place(xs);
    const placed = calls.map((call) => ({ q: arena.place(call.w.q), s: arena.place(call.w.s), out: arena.place(new Float32Array(call.d)) }));

    const variants: { name: string; runAll: () => void; outputOf: (i: number) => Float32Array }[] = [
      {
        name: 'kernel (kernels/matvec.ts)',
        runAll: () => calls.forEach((call, i) => matvecQ8(outputs[i], xqFor(call.n), xsFor(call.n), call.w, call.n, call.d, gs)),
        outputOf: (i) => outputs[i],
      },
      {
        name: 'Int32 words, 4 int8 per load',
        runAll: () => calls.forEach((call, i) => matvecQ8Words(outputs[i], xqFor(call.n), xsFor(call.n), call.w, call.n, call.d, gs)),
        outputOf: (i) => outputs[i],
      },
      {
        name: 'WebAssembly SIMD',
        runAll: () => calls.forEach((call, i) => arena.matvec(placed[i].out, xqAt, xsAt, placed[i].q, placed[i].s, call.n, call.d, gs)),
        outputOf: (i) => arena.float32At(placed[i].out, calls[i].d),
      },
    ];

    let allEqual = true;
    const rows = variants.map((variant) => {
      outputs.forEach((out) => out.fill(Number.NaN));
      variant.runAll();
      const equal = reference.every((ref, i) => Buffer.from(variant.outputOf(i).slice().buffer).equals(Buffer.from(ref.buffer)));
      allEqual &&= equal;
      log(`timing ${variant.name}: ${equal ? 'the kernel\'s bits' : 'BITS DIFFER from the kernel'}`);
      return { name: variant.name, ms: timeMs(variant.runAll), equal };
    });

    const kernelMs = rows[0].ms;
    log('');
    log(`decode step (Transformer.forward, positions 0..${STEP_POSITIONS - 1}): ${stepMs.toFixed(1)} ms/token; its ${calls.length} matvecs, ${(macs / 1e6).toFixed(1)} M int8 multiplies:`);
    log(`${'matvec'.padEnd(30)} ${'ms/token'.padStart(9)} ${'GMAC/s'.padStart(7)} ${'speed-up'.padStart(9)} ${'matvec-only tok/s'.padStart(18)}  bits`);
    for (const row of rows) {
      log(
        `${row.name.padEnd(30)} ${row.ms.toFixed(1).padStart(9)} ${(macs / row.ms / 1e6).toFixed(2).padStart(7)} ${(kernelMs / row.ms).toFixed(1).padStart(8)}x ${(1000 / row.ms).toFixed(1).padStart(18)}  ${row.equal ? 'equal' : 'DIFFER'}`,
      );
    }
    return allEqual;
  },
};
