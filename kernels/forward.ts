// The decode step: one token in, the logits of the next out (llama2.c runq.c forward, and run.c forward for
// float32 checkpoints, which differ only in their matmuls). The step's calls are kernels/step.ts's table,
// read top to bottom beside runq.c; forward() executes it, the simulator and the HLS emitter read the same table.
import { attention, attentionScratch, type AttentionScratch } from './attention.js';
import { embed } from './embed.js';
import { GROUP_SIZE_MULTIPLE, Int8DotWasm, int8DotWasmAvailable, int8DotWasmBytes, MAX_MEMORY_BYTES, type Int8DotWasmShape } from './int8-dot-wasm.js';
import { matvecF32, matvecQ8, scaleGroupSumsQ8 } from './matvec.js';
import { LAYER_MATRICES } from './model/layout.js';
import type { Model, ModelConfig, Q8Weights, QuantizedTensor } from './model/types.js';
import { headSize, kvDim } from './model/types.js';
import { quantize } from './quantize.js';
import { checkAllAccumulators, SEQUENTIAL, type Accumulators } from './reduction.js';
import { residualAdd } from './residual.js';
import { rmsnorm } from './rmsnorm.js';
import { rope } from './rope.js';
import { DECODE_STEP, widths, type Activation, type StepCall, type Width } from './step.js';
import { swiglu } from './swiglu.js';
import { check } from './errors.js';
import { DEFAULT_MATH, mathFunctions, type MathFunctions, type MathLibrary } from './math/library.js';

/** Activations of one decode step and the KV cache (llama2.c RunState). */
class RunState {
  readonly x: Float32Array; // (dim,) the residual stream
  readonly xb: Float32Array; // (dim,) normed input of a block; attention output
  readonly xb2: Float32Array; // (dim,) a block's output before the residual add
  readonly hb: Float32Array; // (hiddenDim,) feed-forward hidden
  readonly hb2: Float32Array; // (hiddenDim,)
  readonly xq: Int8Array; // (max(dim, hiddenDim),) quantized activation values
  readonly xs: Float32Array; // (max(dim, hiddenDim) / groupSize,) its scales
  readonly q: Float32Array; // (dim,)
  readonly k: Float32Array; // (kvDim,)
  readonly v: Float32Array; // (kvDim,)
  readonly keyCache: Float32Array; // (nLayers, seqLen, kvDim)
  readonly valueCache: Float32Array; // (nLayers, seqLen, kvDim)
  readonly logits: Float32Array; // (vocabSize,)
  readonly attention: AttentionScratch;

  constructor(c: ModelConfig, groupSize: number, accumulators: Accumulators) {
    const widest = Math.max(c.dim, c.hiddenDim);
    this.x = new Float32Array(c.dim);
    this.xb = new Float32Array(c.dim);
    this.xb2 = new Float32Array(c.dim);
    this.hb = new Float32Array(c.hiddenDim);
    this.hb2 = new Float32Array(c.hiddenDim);
    this.xq = new Int8Array(widest);
    this.xs = new Float32Array(Math.ceil(widest / groupSize));
    this.q = new Float32Array(c.dim);
    this.k = new Float32Array(kvDim(c));
    this.v = new Float32Array(kvDim(c));
    this.keyCache = new Float32Array(c.nLayers * c.seqLen * kvDim(c));
    this.valueCache = new Float32Array(c.nLayers * c.seqLen * kvDim(c));
    this.logits = new Float32Array(c.vocabSize);
    this.attention = attentionScratch(c, accumulators);
  }
}

/**
 * The matmuls of a step, for either weight kind: load(x) prepares an input (runq.c quantizes it to Q8_0;
 * run.c uses it as it is), then apply(out, W) multiplies the loaded input by W.
 */
interface Matmul {
  load(x: Float32Array, n: number): void;
  apply(out: Float32Array, w: QuantizedTensor | Float32Array, n: number, d: number): void;
}

/** Where the Q8_0 matmuls run: plain TypeScript or WebAssembly SIMD. Both give the same bits. */
export type Int8Dot = 'js' | 'wasm' | 'auto';

export interface TransformerOptions {
  /** 'js': matvecQ8 in plain TypeScript; 'wasm': kernels/int8-dot-wasm.ts (group size a multiple of 16;
   *  costs one more copy of the weights); 'auto' (default): 'wasm' where it applies, else 'js'. */
  int8Dot?: Int8Dot;
  /** The exp/sin/cos/pow the kernels call (kernels/math/library.ts); default 'glibc', llama2.c's. */
  math?: MathLibrary;
}

/** runq.c's matmul in plain TypeScript. */
function q8Matmul(s: RunState, groupSize: number, accumulators: number): Matmul {
  return {
    load: (x, n) => quantize(s.xq, s.xs, x, n, groupSize),
    apply: (out, w, n, d) => matvecQ8(out, s.xq, s.xs, w as QuantizedTensor, n, d, groupSize, accumulators),
  };
}

/**
 * runq.c's matmul in WebAssembly: the input is quantized straight into WebAssembly memory; with one
 * accumulator the module computes both stages, otherwise it returns the group sums and the float stage
 * runs in TypeScript as in matvecQ8.
 */
function q8WasmMatmul(dot: Int8DotWasm, groupSize: number, accumulators: number): Matmul {
  return {
    load: (x, n) => quantize(dot.input, dot.inputScales, x, n, groupSize),
    apply: (out, w, n, d) => {
      const q8 = w as QuantizedTensor;
      if (accumulators === 1) {
        dot.matvec(out, q8, n, d);
      } else {
        dot.groupSums(q8, n, d);
        scaleGroupSumsQ8(out, dot.sums, q8.s, dot.inputScales, n, d, groupSize, accumulators);
      }
    },
  };
}

function f32Matmul(accumulators: number): Matmul {
  let input: Float32Array = new Float32Array(0);
  return {
    load: (x) => {
      input = x;
    },
    apply: (out, w, n, d) => matvecF32(out, input, w as Float32Array, n, d, accumulators),
  };
}

/**
 * What Int8DotWasm needs for a model's matmuls: the weight tensors (wcls may be the embedding: it is copied
 * once), the widest input and the longest output.
 */
function wasmLayout(c: ModelConfig, w: Q8Weights): [weights: QuantizedTensor[], shape: Int8DotWasmShape] {
  const weights = [...LAYER_MATRICES.flatMap((name) => w[name]), w.wcls];
  return [weights, { maxInput: Math.max(c.dim, c.hiddenDim), maxOutput: Math.max(c.dim, c.hiddenDim, c.vocabSize), groupSize: w.groupSize }];
}

/** Resolves the int8Dot option for a model: why 'wasm' cannot run it refuses 'wasm' and makes 'auto' 'js'. */
function chooseInt8Dot(requested: Int8Dot, model: Model): 'js' | 'wasm' {
  const w = model.weights;
  check(['js', 'wasm', 'auto'].includes(requested), `int8Dot '${requested}' is not one of 'js', 'wasm', 'auto'`);
  if (requested === 'js') return 'js';
  const reason =
    w.kind !== 'q8'
      ? 'the model is float32, not Q8_0'
      : !int8DotWasmAvailable
        ? 'this runtime has no WebAssembly SIMD'
        : w.groupSize % GROUP_SIZE_MULTIPLE !== 0
          ? `group size ${w.groupSize} is not a multiple of ${GROUP_SIZE_MULTIPLE}`
          : int8DotWasmBytes(...wasmLayout(model.config, w)) > MAX_MEMORY_BYTES
            ? `its weights exceed the ${MAX_MEMORY_BYTES / 1024 ** 3} GiB of WebAssembly memory`
            : undefined;
  check(requested === 'auto' || reason === undefined, `int8Dot 'wasm' cannot run this model: ${reason}`);
  return reason === undefined ? 'wasm' : 'js';
}

/** A model with its run state: call forward(token, pos) for pos = 0, 1, 2, ... */
export class Transformer {
  readonly config: ModelConfig;
  private readonly s: RunState;
  private readonly mm: Matmul;
  /** Where the Q8_0 matmuls run, int8Dot resolved ('js' for float32 models). */
  readonly int8Dot: 'js' | 'wasm';
  /** The design's exp/sin/cos/pow. */
  readonly math: MathFunctions;
  private readonly activations: Record<Activation, Float32Array>;
  private readonly widths: Record<Width, number>;

  constructor(
    readonly model: Model,
    readonly accumulators: Accumulators = SEQUENTIAL,
    options: TransformerOptions = {},
  ) {
    checkAllAccumulators(accumulators);
    this.math = mathFunctions(options.math ?? DEFAULT_MATH);
    // RoPE turns pairs by pos * freq radians with freq <= 1; the math's sin and cos must cover that
    check(
      model.config.seqLen - 1 <= this.math.maxAbsAngle,
      `seq_len ${model.config.seqLen} is too long for math "${this.math.library}": RoPE angles up to ${model.config.seqLen - 1} rad exceed the ${this.math.maxAbsAngle} rad its sin/cos cover`,
    );
    this.config = model.config;
    const w = model.weights;
    this.s = new RunState(model.config, w.kind === 'q8' ? w.groupSize : 1, accumulators);
    const { x, xb, xb2, hb, hb2, q, k, v } = this.s;
    this.activations = { x, xb, xb2, hb, hb2, q, k, v };
    this.widths = widths(model.config);
    this.int8Dot = chooseInt8Dot(options.int8Dot ?? 'auto', model);
    if (w.kind === 'f32') this.mm = f32Matmul(accumulators.matvec);
    else if (this.int8Dot === 'js') this.mm = q8Matmul(this.s, w.groupSize, accumulators.matvec);
    else {
      const dot = new Int8DotWasm(...wasmLayout(model.config, w));
      this.mm = q8WasmMatmul(dot, w.groupSize, accumulators.matvec);
    }
  }

  /** Runs the step for `token` at position `pos`; returns the logits (a view reused by the next call). */
  forward(token: number, pos: number): Float32Array {
    const p = this.config;
    check(Number.isInteger(token) && token >= 0 && token < p.vocabSize, `token ${token} is outside the vocabulary 0..${p.vocabSize - 1}`);
    check(Number.isInteger(pos) && pos >= 0 && pos < p.seqLen, `position ${pos} is outside 0..${p.seqLen - 1} (seq_len ${p.seqLen})`);
    for (const call of DECODE_STEP.before) this.run(call, 0, token, pos);
    for (let l = 0; l < p.nLayers; l++) {
      for (const call of DECODE_STEP.layer) this.run(call, l, token, pos);
    }
    for (const call of DECODE_STEP.after) this.run(call, 0, token, pos);
    return this.s.logits;
  }

  /** One call of kernels/step.ts's table, in layer l (0 outside the layers, where no call is per layer). */
  private run(call: StepCall, l: number, token: number, pos: number): void {
    const p = this.config;
    const w = this.model.weights;
    const s = this.s;
    const a = this.activations;
    const dim = p.dim;
    switch (call.kernel) {
      case 'embed':
        return embed(a[call.out], w.kind === 'q8' ? w.tokenEmbeddingF32 : w.tokenEmbedding, token, dim);
      case 'rmsnorm':
        return rmsnorm(a[call.out], a[call.x], w[call.weight], call.weight === 'rmsFinal' ? 0 : l * dim, dim, this.accumulators.rmsnorm);
      case 'quantize':
        return this.mm.load(a[call.x], this.widths[call.n]);
      case 'matvec': {
        const matrix = call.matrix === 'wcls' ? w.wcls : w[call.matrix][l];
        return this.mm.apply(call.out === 'logits' ? s.logits : a[call.out], matrix, this.widths[call.n], this.widths[call.d]);
      }
      case 'rope':
        return rope(s.q, s.k, pos, dim, this.widths.kvDim, headSize(p), this.math);
      case 'attention': {
        // this position's k and v into the layer's KV cache, then attention over positions 0..pos
        const kvd = this.widths.kvDim;
        const cacheOffset = l * p.seqLen * kvd;
        s.keyCache.set(s.k, cacheOffset + pos * kvd);
        s.valueCache.set(s.v, cacheOffset + pos * kvd);
        return attention(s.xb, s.q, s.keyCache, s.valueCache, cacheOffset, pos, p, this.accumulators, s.attention, this.math);
      }
      case 'swiglu':
        return swiglu(s.hb, s.hb2, p.hiddenDim, this.math);
      case 'residual':
        return residualAdd(s.x, a[call.y], dim);
    }
  }
}
