// Where the decode step's time goes, and how fast each bit-identical Q8_0 matvec is. On a synthetic
// stories110M (in memory):
//   1. time Transformer.forward as users get it (int8Dot 'auto') and in plain TypeScript (int8Dot 'js')
//   2. run every matvec of one step (per layer wq wk wv wo w1 w3 w2, then the classifier) with matvecQ8 and
//      with each WebAssembly path of kernels/int8-dot-wasm.ts; check each gives matvecQ8's bits
//   3. time each over the step's matvecs. The last column is the speed a step made of nothing but these
//      matvecs would reach: a ceiling, since the other kernels are not timed here.
import { Transformer, type Int8Dot } from '../kernels/forward.js';
import { Int8DotWasm } from '../kernels/int8-dot-wasm.js';
import { matvecQ8, scaleGroupSumsQ8 } from '../kernels/matvec.js';
import { MODEL_SHAPES } from '../kernels/model/shapes.js';
import { synthModel } from '../kernels/model/synth.js';
import type { QuantizedTensor } from '../kernels/model/types.js';
import { quantize } from '../kernels/quantize.js';
import { median, type BenchSection } from './section.js';

const SHAPE = 'stories110M';
const STEP_POSITIONS = 8;
const REPEATS = 5;
/** Accumulators of the group-sums row: any count other than 1 takes that path in forward(). */
const GROUP_SUMS_ACCUMULATORS = 4;

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
  describe: `the decode step's Q8_0 matvecs on a synthetic ${SHAPE}: matvecQ8 vs its bit-identical WebAssembly paths`,
  async run(log) {
    log(`synthesizing ${SHAPE} in memory`);
    const model = synthModel(MODEL_SHAPES[SHAPE], { seed: 'bench' });
    const c = model.config;
    const w = model.weights;
    const gs = w.groupSize;
    const kvd = (c.dim * c.nKvHeads) / c.nHeads;

    const stepMs = (int8Dot: Int8Dot) => {
      const transformer = new Transformer(model, undefined, { int8Dot });
      log(`timing Transformer.forward (int8Dot '${int8Dot}': ${transformer.int8Dot}) over positions 0..${STEP_POSITIONS - 1}`);
      return timeMs(() => {
        for (let pos = 0; pos < STEP_POSITIONS; pos++) transformer.forward(pos + 1, pos);
      }) / STEP_POSITIONS;
    };
    const steps = (['auto', 'js'] as const).map((int8Dot) => ({ int8Dot, ms: stepMs(int8Dot) }));

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
    const referenceFor = (accumulators: number) =>
      calls.map((call) => {
        const out = new Float32Array(call.d);
        matvecQ8(out, xqFor(call.n), xsFor(call.n), call.w, call.n, call.d, gs, accumulators);
        return out;
      });

    log('copying the weights into WebAssembly memory');
    const dot = new Int8DotWasm(
      calls.map((call) => call.w),
      { maxInput: widest, maxOutput: Math.max(...calls.map((call) => call.d)), groupSize: gs },
    );
    dot.input.set(xq);
    dot.inputScales.set(xs);

    const variants: { name: string; accumulators: number; runAll: () => void }[] = [
      {
        name: 'matvecQ8 (plain TypeScript)',
        accumulators: 1,
        runAll: () => calls.forEach((call, i) => matvecQ8(outputs[i], xqFor(call.n), xsFor(call.n), call.w, call.n, call.d, gs)),
      },
      {
        name: `WebAssembly sums + TS float (${GROUP_SUMS_ACCUMULATORS} acc.)`,
        accumulators: GROUP_SUMS_ACCUMULATORS,
        runAll: () =>
          calls.forEach((call, i) => {
            dot.groupSums(call.w, call.n, call.d);
            scaleGroupSumsQ8(outputs[i], dot.sums, call.w.s, xs, call.n, call.d, gs, GROUP_SUMS_ACCUMULATORS);
          }),
      },
      {
        name: 'WebAssembly matvec (1 acc.)',
        accumulators: 1,
        runAll: () => calls.forEach((call, i) => dot.matvec(outputs[i], call.w, call.n, call.d)),
      },
    ];

    let allEqual = true;
    const rows = variants.map((variant) => {
      const reference = referenceFor(variant.accumulators);
      outputs.forEach((out) => out.fill(Number.NaN));
      variant.runAll();
      const equal = reference.every((ref, i) => Buffer.from(outputs[i].buffer).equals(Buffer.from(ref.buffer)));
      allEqual &&= equal;
      log(`timing ${variant.name}: ${equal ? "matvecQ8's bits" : 'BITS DIFFER from matvecQ8'} (${variant.accumulators} accumulators)`);
      return { name: variant.name, ms: timeMs(variant.runAll), equal };
    });

    const kernelMs = rows[0].ms;
    log('');
    for (const step of steps) log(`decode step, int8Dot '${step.int8Dot}': ${step.ms.toFixed(1)} ms/token (${(1000 / step.ms).toFixed(1)} tok/s)`);
    log(`its ${calls.length} matvecs, ${(macs / 1e6).toFixed(1)} M int8 multiplies; WebAssembly memory ${(dot.memoryBytes / 1e6).toFixed(1)} MB:`);
    log(`${'matvec'.padEnd(40)} ${'ms/token'.padStart(9)} ${'GMAC/s'.padStart(7)} ${'speed-up'.padStart(9)} ${'matvec-only tok/s'.padStart(18)}  bits`);
    for (const row of rows) {
      log(
        `${row.name.padEnd(40)} ${row.ms.toFixed(1).padStart(9)} ${(macs / row.ms / 1e6).toFixed(2).padStart(7)} ${(kernelMs / row.ms).toFixed(1).padStart(8)}x ${(1000 / row.ms).toFixed(1).padStart(18)}  ${row.equal ? 'equal' : 'DIFFER'}`,
      );
    }
    return allEqual;
  },
};
