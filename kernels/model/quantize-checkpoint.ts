// Checkpoint export: float32 weights -> Q8_0, byte-identical to llama2.c export.py's quantize_q80.
//
// export.py, per group of groupSize values of the flattened tensor (all float32 tensor ops in torch):
//   wmax = max |w|;  scale = wmax / 127;  q = torch.round(w / scale).to(int8)
// torch.round rounds ties to even (unlike the activation quantizer of the forward pass, which rounds half
// away from zero). An all-zero group gives 0/0 there; fpgasim defines it as scale 0, q 0.
import { check } from '../errors.js';
import { validateGroupSize } from './shapes.js';
import { LAYER_MATRICES } from './layout.js';
import type { F32Weights, Model, Q8Weights, QuantizedTensor } from './types.js';

/** Rounds to the nearest integer, ties to even (torch.round, C rint in the default rounding mode). */
export function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor; // exact for binary32 inputs of magnitude < 2^24
  if (fraction !== 0.5) return fraction < 0.5 ? floor : floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}

// values (n,) -> Q8_0 tensor: q (n,), s (n / groupSize,); groupSize must divide n.
export function quantizeTensorQ80(values: Float32Array, groupSize: number): QuantizedTensor {
  check(values.length % groupSize === 0, `quantize: ${values.length} values are not a multiple of group size ${groupSize}`);
  const q = new Int8Array(values.length);
  const s = new Float32Array(values.length / groupSize);
  for (let group = 0; group < s.length; group++) {
    const start = group * groupSize;
    let wmax = 0;
    for (let i = start; i < start + groupSize; i++) wmax = Math.max(wmax, Math.abs(values[i]));
    const scale = Math.fround(wmax / 127);
    s[group] = scale;
    if (scale === 0) continue; // all-zero group (or one too small for a binary32 scale): q stays 0
    for (let i = start; i < start + groupSize; i++) q[i] = roundHalfToEven(Math.fround(values[i] / scale));
  }
  return { q, s };
}

// Q8_0 tensor (n,) -> float32 (n,): value = q * s, one binary32 multiply each, as runq.c's dequantize.
export function dequantizeTensorQ80(tensor: QuantizedTensor, groupSize: number): Float32Array {
  const out = new Float32Array(tensor.q.length);
  const { q, s } = tensor;
  for (let group = 0, i = 0; group < s.length; group++) {
    const scale = s[group];
    for (const end = i + groupSize; i < end; i++) out[i] = Math.fround(q[i] * scale);
  }
  return out;
}

/** A float32 model quantized to Q8_0 with this group size (which must divide dim and hidden_dim). */
export function quantizeModel(model: Model & { weights: F32Weights }, groupSize: number): Model & { weights: Q8Weights } {
  const { config, weights } = model;
  validateGroupSize(config, groupSize, 'quantize');
  const quantize = (values: Float32Array) => quantizeTensorQ80(values, groupSize);
  const tokenEmbedding = quantize(weights.tokenEmbedding);
  const layers = Object.fromEntries(LAYER_MATRICES.map((name) => [name, weights[name].map(quantize)])) as Pick<Q8Weights, (typeof LAYER_MATRICES)[number]>;
  return {
    config: { ...config },
    weights: {
      kind: 'q8',
      groupSize,
      rmsAtt: weights.rmsAtt.slice(),
      rmsFfn: weights.rmsFfn.slice(),
      rmsFinal: weights.rmsFinal.slice(),
      tokenEmbedding,
      tokenEmbeddingF32: dequantizeTensorQ80(tokenEmbedding, groupSize),
      ...layers,
      wcls: weights.sharedClassifier ? tokenEmbedding : quantize(weights.wcls),
      sharedClassifier: weights.sharedClassifier,
    },
  };
}
