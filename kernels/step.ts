// The decode step, defined once: the kernel calls of one step in llama2.c runq.c forward's order, each with
// the activations it reads and writes. Three readers turn this table into what they need, so they cannot
// disagree on order, names or bindings:
//   forward.ts        executes it (the bit-exact numbers),
//   describe-step.ts  turns each call into its loop nest (what the simulator times and prices),
//   hls/top-calls.ts  turns each call into a C++ statement of the emitted top function.
import type { LayerMatrix, NormField } from './model/layout.js';
import { kvDim, type ModelConfig } from './model/types.js';

/** The step's on-chip activation vectors (llama2.c RunState), besides the quantized input xq/xs. */
export type Activation = 'x' | 'xb' | 'xb2' | 'hb' | 'hb2' | 'q' | 'k' | 'v';

/** A vector length of the model, by name: forward.ts reads it off the config, the C++ uses its constant. */
export type Width = 'dim' | 'kvDim' | 'hiddenDim' | 'vocabSize';

export type StepCall =
  | { kernel: 'embed'; name: string; out: 'x' }
  | { kernel: 'rmsnorm'; name: string; out: Activation; x: Activation; weight: NormField }
  | { kernel: 'quantize'; name: string; x: Activation; n: Width } // x (n,) -> xq, xs
  | { kernel: 'matvec'; name: string; out: Activation | 'logits'; matrix: LayerMatrix | 'wcls'; n: Width; d: Width } // W (d, n) @ xq -> out
  | { kernel: 'rope'; name: string } // turns q and k in place
  | { kernel: 'attention'; name: string } // k, v into the cache at pos; q against the cache -> xb
  | { kernel: 'swiglu'; name: string } // hb = silu(hb) * hb2
  | { kernel: 'residual'; name: string; y: Activation }; // x += y

export interface Step {
  before: StepCall[]; // before the layers
  layer: StepCall[]; // each layer l, names prefixed `L<l>.` in a step's call list
  after: StepCall[];
}

const rmsnorm = (name: string, weight: NormField, out: Activation = 'xb'): StepCall => ({ kernel: 'rmsnorm', name, out, x: 'x', weight });
const quantize = (name: string, x: Activation, n: Width): StepCall => ({ kernel: 'quantize', name, x, n });
const matvec = (out: Activation | 'logits', matrix: LayerMatrix | 'wcls', n: Width, d: Width, name: string = matrix): StepCall => ({ kernel: 'matvec', name, out, matrix, n, d });

export const DECODE_STEP: Step = {
  before: [{ kernel: 'embed', name: 'embed', out: 'x' }],
  layer: [
    // attention rmsnorm, then the q, k, v projections
    rmsnorm('rms_att', 'rmsAtt'),
    quantize('quantize_att', 'xb', 'dim'),
    matvec('q', 'wq', 'dim', 'dim'),
    matvec('k', 'wk', 'dim', 'kvDim'),
    matvec('v', 'wv', 'dim', 'kvDim'),
    // RoPE relative positional encoding of q and k
    { kernel: 'rope', name: 'rope' },
    // k and v into the KV cache, multi-head attention, then the output projection and the residual
    { kernel: 'attention', name: 'attention' },
    quantize('quantize_wo', 'xb', 'dim'),
    matvec('xb2', 'wo', 'dim', 'dim'),
    { kernel: 'residual', name: 'residual_att', y: 'xb2' },
    // feed-forward rmsnorm, then w2(silu(w1(x)) * w3(x)), then the residual connection
    rmsnorm('rms_ffn', 'rmsFfn'),
    quantize('quantize_ffn', 'xb', 'dim'),
    matvec('hb', 'w1', 'dim', 'hiddenDim'),
    matvec('hb2', 'w3', 'dim', 'hiddenDim'),
    { kernel: 'swiglu', name: 'swiglu' },
    quantize('quantize_w2', 'hb', 'hiddenDim'),
    matvec('xb2', 'w2', 'hiddenDim', 'dim'),
    { kernel: 'residual', name: 'residual_ffn', y: 'xb2' },
  ],
  // the final rmsnorm writes xb (runq.c normalizes x in place: the same numbers, without aliasing in C++)
  after: [rmsnorm('rms_final', 'rmsFinal'), quantize('quantize_final', 'xb', 'dim'), matvec('logits', 'wcls', 'dim', 'vocabSize', 'classifier')],
};

/** The lengths the Width names stand for in a model. */
export function widths(c: ModelConfig): Record<Width, number> {
  return { dim: c.dim, kvDim: kvDim(c), hiddenDim: c.hiddenDim, vocabSize: c.vocabSize };
}

/**
 * Which step-level array stands for each of a call's kernel arrays (the ArraySpec names of its loop
 * description): 'xq'/'xs' are the quantized input, 'att' the attention scores. Off-chip arrays (weights,
 * cache, logits) are not bound: they are the kernel's own ports.
 */
export function bindings(call: StepCall): Record<string, string> {
  const xq = { 'xq.q': 'xq', 'xq.s': 'xs' };
  switch (call.kernel) {
    case 'embed':
      return { x: call.out };
    case 'rmsnorm':
      return { x: call.x, out: call.out };
    case 'quantize':
      return { x: call.x, ...xq };
    case 'matvec':
      return call.out === 'logits' ? xq : { ...xq, out: call.out };
    case 'rope':
      return { q: 'q', k: 'k' };
    case 'attention':
      return { q: 'q', k: 'k', v: 'v', att: 'att', out: 'xb' };
    case 'swiglu':
      return { hb: 'hb', hb2: 'hb2' };
    case 'residual':
      return { x: 'x', y: call.y };
  }
}

/**
 * The DATAFLOW regions of a layer in a `composition: "dataflow"` design: consecutive calls of the layer run
 * as tasks of one region, joined by an hls::stream per streamed activation (its producer writes it element
 * by element, its consumer reads it in the same order). Calls of a region without a stream between them
 * run side by side. The simulator times these regions, the emitter writes them as `#pragma HLS DATAFLOW`.
 */
export interface DataflowRegion {
  name: string; // the emitted region function is fpgasim_region_<name>
  calls: string[]; // names of consecutive DECODE_STEP.layer calls
  streams: { array: Activation; from: string; to: string }[];
}

export const DATAFLOW_REGIONS: readonly DataflowRegion[] = [
  // the three projections of one quantized input, side by side
  { name: 'qkv', calls: ['wq', 'wk', 'wv'], streams: [] },
  // w1 and w3 stream their rows into SwiGLU, which runs while they do
  {
    name: 'ffn_gate',
    calls: ['w1', 'w3', 'swiglu'],
    streams: [
      { array: 'hb', from: 'w1', to: 'swiglu' },
      { array: 'hb2', from: 'w3', to: 'swiglu' },
    ],
  },
];

/** The depth of every stream of a region: Vitis HLS's default hls::stream depth (UG1399, "hls::stream"). */
export const STREAM_DEPTH = 2;
