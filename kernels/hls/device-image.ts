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
//
// Striping: a role placed on K bundles has K buffers (shares), one behind each bundle. Every array of the role
// is split by rows, row r into share r % K at row floor(r / K) there: a matrix by its rows (wq of layer 1 is
// another matrix than wq of layer 0), the embedding by tokens, the KV cache of each layer by positions. Each
// share gives every array ceil(rows / K) rows, so an array starts at the same offset in every share; the
// shares that hold one row fewer keep a zero row there, never read.
import { LAYER_MATRICES, layerMatrixShape, type LayerMatrix } from '../model/layout.js';
import type { Model, ModelConfig, Q8Weights } from '../model/types.js';
import { kvDim } from '../model/types.js';

export type ImageMatrix = LayerMatrix | 'wcls';

/** How many bundles each stripeable role's rows are spread over (1: one buffer, not striped). */
export interface Stripes {
  weights: number;
  embedding: number;
  kvCache: number;
}

export const NO_STRIPES: Stripes = { weights: 1, embedding: 1, kvCache: 1 };

/** Rows each share holds of an array of `rows` rows striped over `shares` buffers. */
export const rowsPerShare = (rows: number, shares: number): number => Math.ceil(rows / shares);

/** Where one matrix starts in (each share of) weights_q and weights_s; per-layer matrices repeat every `elements`. */
export interface MatrixPlace {
  valuesOffset: number;
  scalesOffset: number;
  elements: number; // one layer's matrix in one share: rowsPerShare(rows, K) * cols
}

/** Offsets and sizes in elements; for a striped role, of one share (every share has the same layout). */
export interface ImageLayout {
  stripes: Stripes;
  matrices: Record<ImageMatrix, MatrixPlace>;
  weightsQElements: number;
  weightsSElements: number;
  norms: { rmsAtt: number; rmsFfn: number; rmsFinal: number }; // offsets in norms
  normElements: number;
  embeddingElements: number;
  cacheElements: number; // one of the two caches
  layerCacheElements: number; // one layer of it
}

export function imageLayout(c: ModelConfig, groupSize: number, stripes: Stripes = NO_STRIPES): ImageLayout {
  const matrices = {} as Record<ImageMatrix, MatrixPlace>;
  let values = 0;
  const place = (name: ImageMatrix, [rows, cols]: [number, number], layers: number) => {
    const elements = rowsPerShare(rows, stripes.weights) * cols;
    matrices[name] = { valuesOffset: values, scalesOffset: values / groupSize, elements };
    values += elements * layers;
  };
  for (const name of LAYER_MATRICES) place(name, layerMatrixShape(c, name), c.nLayers);
  place('wcls', [c.vocabSize, c.dim], 1);
  const layerCacheElements = rowsPerShare(c.seqLen, stripes.kvCache) * kvDim(c);
  return {
    stripes,
    matrices,
    weightsQElements: values,
    weightsSElements: values / groupSize,
    norms: { rmsAtt: 0, rmsFfn: c.nLayers * c.dim, rmsFinal: 2 * c.nLayers * c.dim },
    normElements: (2 * c.nLayers + 1) * c.dim,
    embeddingElements: rowsPerShare(c.vocabSize, stripes.embedding) * c.dim,
    cacheElements: c.nLayers * layerCacheElements,
    layerCacheElements,
  };
}

/** The buffers the host writes; a striped role has one per share, in stripe order. */
export interface DeviceImage {
  weightsQ: Int8Array[];
  weightsS: Float32Array[];
  norms: Float32Array;
  embedding: Float32Array[];
}

/** Writes the rows of `data` (rows of `cols`) into the shares, row r at row floor(r / K) of share r % K from `offset` on. */
function putRows<T extends Int8Array | Float32Array>(shares: T[], data: T, cols: number, offset: number): void {
  const k = shares.length;
  for (let r = 0; r * cols < data.length; r++) shares[r % k].set(data.subarray(r * cols, (r + 1) * cols), offset + Math.floor(r / k) * cols);
}

/** The `shares` buffers of one array of rows of `cols` (a layer's KV cache, say), each ceil(rows / shares) rows. */
export function stripeRows<T extends Int8Array | Float32Array>(data: T, cols: number, shares: number, make: (length: number) => T): T[] {
  const rows = data.length / cols;
  const buffers = Array.from({ length: shares }, () => make(rowsPerShare(rows, shares) * cols));
  putRows(buffers, data, cols, 0);
  return buffers;
}

/** The buffers of a Q8_0 model in the layout above. */
export function deviceImage(model: Model & { weights: Q8Weights }, layout: ImageLayout): DeviceImage {
  const w = model.weights;
  const c = model.config;
  const gs = w.groupSize;
  const shares = <T>(count: number, make: () => T): T[] => Array.from({ length: count }, make);
  const weightsQ = shares(layout.stripes.weights, () => new Int8Array(layout.weightsQElements));
  const weightsS = shares(layout.stripes.weights, () => new Float32Array(layout.weightsSElements));
  const put = (name: ImageMatrix, layer: number, cols: number, tensor: { q: Int8Array; s: Float32Array }) => {
    const place = layout.matrices[name];
    putRows(weightsQ, tensor.q, cols, place.valuesOffset + layer * place.elements);
    putRows(weightsS, tensor.s, cols / gs, place.scalesOffset + (layer * place.elements) / gs);
  };
  for (const name of LAYER_MATRICES) w[name].forEach((tensor, layer) => put(name, layer, layerMatrixShape(c, name)[1], tensor));
  put('wcls', 0, c.dim, w.wcls);
  const norms = new Float32Array(layout.normElements);
  norms.set(w.rmsAtt, layout.norms.rmsAtt);
  norms.set(w.rmsFfn, layout.norms.rmsFfn);
  norms.set(w.rmsFinal, layout.norms.rmsFinal);
  const embedding = shares(layout.stripes.embedding, () => new Float32Array(layout.embeddingElements));
  putRows(embedding, w.tokenEmbeddingF32, c.dim, 0);
  return { weightsQ, weightsS, norms, embedding };
}
