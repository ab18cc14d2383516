// The emitted top-level function's body as data: its on-chip activation arrays, and the kernel calls of one
// decode step (kernels/step.ts's table), each with the C++ call and which top-level array stands for each
// of the kernel's arrays (the names of its loop description). emit-top.ts writes the calls; directives.ts
// partitions each array for the kernels that use it.
import type { KernelName } from '../loops.js';
import type { ModelConfig } from '../model/types.js';
import { kvDim } from '../model/types.js';
import type { NormField } from '../model/layout.js';
import { bindings, DECODE_STEP, type StepCall, type Width } from '../step.js';
import type { ImageMatrix } from './device-image.js';

export interface TopArray {
  name: string;
  cType: 'float' | 'int8_t';
  length: string; // C++ constant expression over the generated config header's names
  elements: number;
  meaning: string;
}

export interface TopCall {
  kernel: KernelName;
  cpp: string; // one C++ statement
  binds: Record<string, string>; // kernel array name -> top-level array
}

export function topArrays(c: ModelConfig, groupSize: number): TopArray[] {
  const widest = Math.max(c.dim, c.hiddenDim);
  const array = (name: string, cType: TopArray['cType'], length: string, elements: number, meaning: string): TopArray => ({ name, cType, length, elements, meaning });
  return [
    array('x', 'float', 'DIM', c.dim, 'the residual stream'),
    array('xb', 'float', 'DIM', c.dim, 'normed input of a block; attention output'),
    array('xb2', 'float', 'DIM', c.dim, "a block's output before the residual add"),
    array('hb', 'float', 'HIDDEN_DIM', c.hiddenDim, 'feed-forward hidden'),
    array('hb2', 'float', 'HIDDEN_DIM', c.hiddenDim, 'feed-forward gate'),
    array('xq', 'int8_t', 'WIDEST', widest, 'quantized activation values'),
    array('xs', 'float', 'WIDEST / GROUP_SIZE', widest / groupSize, 'their scales'),
    array('q', 'float', 'DIM', c.dim, 'query'),
    array('k', 'float', 'KV_DIM', kvDim(c), 'key of this position'),
    array('v', 'float', 'KV_DIM', kvDim(c), 'value of this position'),
    array('att', 'float', 'N_HEADS * SEQ_LEN', c.nHeads * c.seqLen, 'attention scores per head'),
  ];
}

const MATRIX_CONSTANT: Record<ImageMatrix, string> = { wq: 'Wq', wk: 'Wk', wv: 'Wv', wo: 'Wo', w1: 'W1', w2: 'W2', w3: 'W3', wcls: 'Wcls' };

/** The generated header's constant names for a matrix's place in weights_q / weights_s. */
export function matrixConstants(matrix: ImageMatrix): { values: string; scales: string; elements: string } {
  const name = MATRIX_CONSTANT[matrix];
  return { values: `kValues${name}`, scales: `kScales${name}`, elements: `kElements${name}` };
}

const WIDTH_CONSTANT: Record<Width, string> = { dim: 'DIM', kvDim: 'KV_DIM', hiddenDim: 'HIDDEN_DIM', vocabSize: 'VOCAB_SIZE' };
const NORM_CONSTANT: Record<NormField, string> = { rmsAtt: 'kNormRmsAtt', rmsFfn: 'kNormRmsFfn', rmsFinal: 'kNormRmsFinal' };

/**
 * One call of kernels/step.ts's table as a C++ statement; inLayer: inside the `layers` loop (index l);
 * streamed: activations a DATAFLOW region passes as hls::streams (named <array>_stream) rather than arrays.
 */
export function cppOf(call: StepCall, inLayer: boolean, streamed: ReadonlySet<string> = new Set()): string {
  const perLayer = (expression: string) => (inLayer ? ` + l * ${expression}` : '');
  const io = (array: string) => (streamed.has(array) ? `${array}_stream` : array);
  switch (call.kernel) {
    case 'embed':
      return `fpgasim_embed<DIM>(${call.out}, embedding, token);`;
    case 'rmsnorm':
      return `fpgasim_rmsnorm<DIM, rmsnorm_config>(${call.out}, ${call.x}, norms + ${NORM_CONSTANT[call.weight]}${perLayer('DIM')});`;
    case 'quantize':
      return `fpgasim_quantize<${WIDTH_CONSTANT[call.n]}, quantize_config>(xq, xs, ${call.x});`;
    case 'matvec': {
      const k = matrixConstants(call.matrix);
      const [n, d] = [WIDTH_CONSTANT[call.n], WIDTH_CONSTANT[call.d]];
      return `fpgasim_matvec<${n}, ${d}, matvec_config>(${io(call.out)}, xq, xs, weights_q + ${k.values}${perLayer(k.elements)}, weights_s + ${k.scales}${perLayer(`(${k.elements} / GROUP_SIZE)`)});`;
    }
    case 'rope':
      return 'fpgasim_rope<DIM, KV_DIM, HEAD_SIZE>(q, k, pos);';
    case 'attention':
      return 'fpgasim_attention<attention_config>(xb, q, k, v, key_cache + l * kLayerCacheElements, value_cache + l * kLayerCacheElements, att, pos);';
    case 'swiglu':
      return `fpgasim_swiglu<HIDDEN_DIM>(hb, ${io('hb')}, ${io('hb2')});`;
    case 'residual':
      return `fpgasim_residual<DIM>(x, ${call.y});`;
  }
}

const topCall = (call: StepCall, inLayer: boolean): TopCall => ({ kernel: call.kernel, cpp: cppOf(call, inLayer), binds: bindings(call) });

export interface TopStep {
  before: TopCall[]; // before the layer loop
  layer: TopCall[]; // the body of `layers: for (int l = 0; l < N_LAYERS; l++)`
  after: TopCall[];
}

/** One decode step (kernels/step.ts), as C++ calls over the generated header's constants. */
export function topStep(): TopStep {
  return {
    before: DECODE_STEP.before.map((call) => topCall(call, false)),
    layer: DECODE_STEP.layer.map((call) => topCall(call, true)),
    after: DECODE_STEP.after.map((call) => topCall(call, false)),
  };
}
