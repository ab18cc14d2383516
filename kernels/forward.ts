// The decode step: one token in, the logits of the next out (llama2.c runq.c forward, and run.c forward for
// float32 checkpoints, which differ only in their matmuls). Read it top to bottom beside runq.c.
import { attention, attentionScratch, type AttentionScratch } from './attention.js';
import { embed } from './embed.js';
import { matvecF32, matvecQ8 } from './matvec.js';
import type { Model, ModelConfig, QuantizedTensor } from './model/types.js';
import { headSize, kvDim } from './model/types.js';
import { quantize } from './quantize.js';
import { checkAllAccumulators, SEQUENTIAL, type Accumulators } from './reduction.js';
import { residualAdd } from './residual.js';
import { rmsnorm } from './rmsnorm.js';
import { rope } from './rope.js';
import { swiglu } from './swiglu.js';
import { check } from './errors.js';
import { SIN_COS_MAX_ABS_X } from './math/sincos.js';

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

function q8Matmul(s: RunState, groupSize: number, accumulators: number): Matmul {
  return {
    load: (x, n) => quantize(s.xq, s.xs, x, n, groupSize),
    apply: (out, w, n, d) => matvecQ8(out, s.xq, s.xs, w as QuantizedTensor, n, d, groupSize, accumulators),
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

/** A model with its run state: call forward(token, pos) for pos = 0, 1, 2, ... */
export class Transformer {
  readonly config: ModelConfig;
  private readonly s: RunState;
  private readonly mm: Matmul;

  constructor(
    readonly model: Model,
    readonly accumulators: Accumulators = SEQUENTIAL,
  ) {
    checkAllAccumulators(accumulators);
    // RoPE turns pairs by pos * freq radians with freq <= 1; the project's sin and cos are exact up to this
    check(
      model.config.seqLen - 1 <= SIN_COS_MAX_ABS_X,
      `seq_len ${model.config.seqLen} is too long: RoPE angles up to ${model.config.seqLen - 1} rad exceed the ${SIN_COS_MAX_ABS_X} rad the project's sin/cos cover`,
    );
    this.config = model.config;
    const w = model.weights;
    this.s = new RunState(model.config, w.kind === 'q8' ? w.groupSize : 1, accumulators);
    this.mm = w.kind === 'q8' ? q8Matmul(this.s, w.groupSize, accumulators.matvec) : f32Matmul(accumulators.matvec);
  }

  /** Runs the step for `token` at position `pos`; returns the logits (a view reused by the next call). */
  forward(token: number, pos: number): Float32Array {
    const p = this.config;
    const w = this.model.weights;
    const s = this.s;
    const mm = this.mm;
    const acc = this.accumulators;
    check(Number.isInteger(token) && token >= 0 && token < p.vocabSize, `token ${token} is outside the vocabulary 0..${p.vocabSize - 1}`);
    check(Number.isInteger(pos) && pos >= 0 && pos < p.seqLen, `position ${pos} is outside 0..${p.seqLen - 1} (seq_len ${p.seqLen})`);
    const dim = p.dim;
    const kvd = kvDim(p);
    const hidden = p.hiddenDim;

    embed(s.x, w.kind === 'q8' ? w.tokenEmbeddingF32 : w.tokenEmbedding, token, dim);

    for (let l = 0; l < p.nLayers; l++) {
      // attention rmsnorm, then the q, k, v projections
      rmsnorm(s.xb, s.x, w.rmsAtt, l * dim, dim, acc.rmsnorm);
      mm.load(s.xb, dim);
      mm.apply(s.q, w.wq[l], dim, dim);
      mm.apply(s.k, w.wk[l], dim, kvd);
      mm.apply(s.v, w.wv[l], dim, kvd);

      // RoPE relative positional encoding of q and k
      rope(s.q, s.k, pos, dim, kvd, headSize(p));

      // store k and v at this position of the KV cache
      const cacheOffset = l * p.seqLen * kvd;
      s.keyCache.set(s.k, cacheOffset + pos * kvd);
      s.valueCache.set(s.v, cacheOffset + pos * kvd);

      // multi-head attention, then the output projection and the residual connection
      attention(s.xb, s.q, s.keyCache, s.valueCache, cacheOffset, pos, p, acc, s.attention);
      mm.load(s.xb, dim);
      mm.apply(s.xb2, w.wo[l], dim, dim);
      residualAdd(s.x, s.xb2, dim);

      // feed-forward rmsnorm, then w2(silu(w1(x)) * w3(x)), then the residual connection
      rmsnorm(s.xb, s.x, w.rmsFfn, l * dim, dim, acc.rmsnorm);
      mm.load(s.xb, dim);
      mm.apply(s.hb, w.w1[l], dim, hidden);
      mm.apply(s.hb2, w.w3[l], dim, hidden);
      swiglu(s.hb, s.hb2, hidden);
      mm.load(s.hb, hidden);
      mm.apply(s.xb2, w.w2[l], hidden, dim);
      residualAdd(s.x, s.xb2, dim);
    }

    // final rmsnorm, then the classifier into logits
    rmsnorm(s.x, s.x, w.rmsFinal, 0, dim, acc.rmsnorm);
    mm.load(s.x, dim);
    mm.apply(s.logits, w.wcls, dim, p.vocabSize);
    return s.logits;
  }
}
