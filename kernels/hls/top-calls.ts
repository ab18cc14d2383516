// The emitted top-level function's body as data: its on-chip activation arrays, and the kernel calls of one
// decode step in kernels/forward.ts's order, each with the C++ call and which top-level array stands for
// each of the kernel's arrays (the names of its loop description). emit-top.ts writes the calls;
// directives.ts partitions each array for the kernels that use it.
import type { KernelName } from '../loops.js';
import type { ModelConfig } from '../model/types.js';
import { kvDim } from '../model/types.js';
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

function matvec(out: string, n: string, d: string, matrix: ImageMatrix): TopCall {
  const k = matrixConstants(matrix);
  const layer = matrix === 'wcls' ? '' : ` + l * ${k.elements}`;
  const layerScales = matrix === 'wcls' ? '' : ` + l * (${k.elements} / GROUP_SIZE)`;
  return {
    kernel: 'matvec',
    cpp: `fpgasim_matvec<${n}, ${d}, matvec_config>(${out}, xq, xs, weights_q + ${k.values}${layer}, weights_s + ${k.scales}${layerScales});`,
    binds: out === 'logits' ? { 'xq.q': 'xq', 'xq.s': 'xs' } : { 'xq.q': 'xq', 'xq.s': 'xs', out },
  };
}

const quantize = (x: string, n: string): TopCall => ({
  kernel: 'quantize',
  cpp: `fpgasim_quantize<${n}, quantize_config>(xq, xs, ${x});`,
  binds: { x, 'xq.q': 'xq', 'xq.s': 'xs' },
});

const rmsnorm = (weight: string): TopCall => ({
  kernel: 'rmsnorm',
  cpp: `fpgasim_rmsnorm<DIM, rmsnorm_config>(xb, x, norms + ${weight});`,
  binds: { x: 'x', out: 'xb' },
});

const residual = (): TopCall => ({ kernel: 'residual', cpp: 'fpgasim_residual<DIM>(x, xb2);', binds: { x: 'x', y: 'xb2' } });

export interface TopStep {
  before: TopCall[]; // before the layer loop
  layer: TopCall[]; // the body of `layers: for (int l = 0; l < N_LAYERS; l++)`
  after: TopCall[];
}

/** One decode step, as kernels/forward.ts makes it (sizes are the generated header's constants). */
export function topStep(): TopStep {
  return {
    before: [{ kernel: 'embed', cpp: 'fpgasim_embed<DIM>(x, embedding, token);', binds: { x: 'x' } }],
    layer: [
      rmsnorm('kNormRmsAtt + l * DIM'),
      quantize('xb', 'DIM'),
      matvec('q', 'DIM', 'DIM', 'wq'),
      matvec('k', 'DIM', 'KV_DIM', 'wk'),
      matvec('v', 'DIM', 'KV_DIM', 'wv'),
      { kernel: 'rope', cpp: 'fpgasim_rope<DIM, KV_DIM, HEAD_SIZE>(q, k, pos);', binds: { q: 'q', k: 'k' } },
      {
        kernel: 'attention',
        cpp: 'fpgasim_attention<attention_config>(xb, q, k, v, key_cache + l * kLayerCacheElements, value_cache + l * kLayerCacheElements, att, pos);',
        binds: { q: 'q', k: 'k', v: 'v', att: 'att', out: 'xb' },
      },
      quantize('xb', 'DIM'),
      matvec('xb2', 'DIM', 'DIM', 'wo'),
      residual(),
      rmsnorm('kNormRmsFfn + l * DIM'),
      quantize('xb', 'DIM'),
      matvec('hb', 'DIM', 'HIDDEN_DIM', 'w1'),
      matvec('hb2', 'DIM', 'HIDDEN_DIM', 'w3'),
      { kernel: 'swiglu', cpp: 'fpgasim_swiglu<HIDDEN_DIM>(hb, hb2);', binds: { hb: 'hb', hb2: 'hb2' } },
      quantize('hb', 'HIDDEN_DIM'),
      matvec('xb2', 'HIDDEN_DIM', 'DIM', 'w2'),
      residual(),
    ],
    // forward.ts normalizes x in place; writing xb instead gives the same numbers without aliasing
    after: [rmsnorm('kNormRmsFinal'), quantize('xb', 'DIM'), matvec('logits', 'DIM', 'VOCAB_SIZE', 'wcls')],
  };
}
