// The model as the emitted kernel reads it from device memory: the emitted code's own simple format, one
// buffer per kind of data, each a plain little-endian array that the host writes once.
//
//   weights_q  int8     every Q8_0 matrix's values, matrix by matrix in llama2.c's file order (wq of all
//                       layers, then wk, wv, wo, w1, w2, w3), then the classifier (a copy of the token
//                       embedding when the model shares it); each (rows, cols) row-major
//   weights_s  float32  their scales in the same order, one per group of GS values
//   norms      float32  rms_att (n_layers, dim), rms_ffn (n_layers, dim), rms_final (dim)
//   embedding  float32  the token embedding (vocab_size, dim), dequantized as runq.c does at load
//
// The KV cache (n_layers, seq_len, kv_dim) twice, and the logits (vocab_size,), are written by the kernel.
import { LAYER_MATRICES, layerMatrixShape, type LayerMatrix } from '../model/layout.js';
import type { Model, ModelConfig, Q8Weights } from '../model/types.js';

export type ImageMatrix = LayerMatrix | 'wcls';

/** Where one matrix starts in weights_q (values) and weights_s (scales); per-layer matrices repeat every `elements`. */
export interface MatrixPlace {
  valuesOffset: number;
  scalesOffset: number;
  elements: number; // rows * cols of one layer's matrix
}

export interface ImageLayout {
  matrices: Record<ImageMatrix, MatrixPlace>;
  weightsQElements: number;
  weightsSElements: number;
  norms: { rmsAtt: number; rmsFfn: number; rmsFinal: number }; // offsets in norms
  normElements: number;
  cacheElements: number; // one of the two caches
}

export function imageLayout(c: ModelConfig, groupSize: number): ImageLayout {
  const matrices = {} as Record<ImageMatrix, MatrixPlace>;
  let values = 0;
  const place = (name: ImageMatrix, elements: number, layers: number) => {
    matrices[name] = { valuesOffset: values, scalesOffset: values / groupSize, elements };
    values += elements * layers;
  };
  for (const name of LAYER_MATRICES) {
    const [rows, cols] = layerMatrixShape(c, name);
    place(name, rows * cols, c.nLayers);
  }
  place('wcls', c.vocabSize * c.dim, 1);
  return {
    matrices,
    weightsQElements: values,
    weightsSElements: values / groupSize,
    norms: { rmsAtt: 0, rmsFfn: c.nLayers * c.dim, rmsFinal: 2 * c.nLayers * c.dim },
    normElements: (2 * c.nLayers + 1) * c.dim,
    cacheElements: (c.nLayers * c.seqLen * c.dim * c.nKvHeads) / c.nHeads,
  };
}

export interface DeviceImage {
  weightsQ: Int8Array;
  weightsS: Float32Array;
  norms: Float32Array;
  embedding: Float32Array;
}

/** The buffers of a Q8_0 model in the layout above. */
export function deviceImage(model: Model & { weights: Q8Weights }, layout: ImageLayout): DeviceImage {
  const w = model.weights;
  const weightsQ = new Int8Array(layout.weightsQElements);
  const weightsS = new Float32Array(layout.weightsSElements);
  const put = (name: ImageMatrix, layer: number, tensor: { q: Int8Array; s: Float32Array }) => {
    const place = layout.matrices[name];
    weightsQ.set(tensor.q, place.valuesOffset + layer * place.elements);
    weightsS.set(tensor.s, place.scalesOffset + (layer * place.elements) / w.groupSize);
  };
  for (const name of LAYER_MATRICES) w[name].forEach((tensor, layer) => put(name, layer, tensor));
  put('wcls', 0, w.wcls);
  const norms = new Float32Array(layout.normElements);
  norms.set(w.rmsAtt, layout.norms.rmsAtt);
  norms.set(w.rmsFfn, layout.norms.rmsFfn);
  norms.set(w.rmsFinal, layout.norms.rmsFinal);
  return { weightsQ, weightsS, norms, embedding: w.tokenEmbeddingF32 };
}
