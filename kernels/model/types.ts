// The in-memory form of a llama2.c model: its shape (Config) and its weights, either Q8_0 (llama2.c
// runq.c, checkpoint version 2) or float32 (llama2.c run.c, the legacy format).

/** Hyper-parameters of a Llama 2 model: the 7 header ints of a llama2.c checkpoint. */
export interface ModelConfig {
  dim: number; // transformer width (token embedding length)
  hiddenDim: number; // width of the feed-forward layer
  nLayers: number;
  nHeads: number; // query heads
  nKvHeads: number; // key/value heads (< nHeads means grouped-query attention)
  vocabSize: number;
  seqLen: number; // maximum sequence length (positions)
}

export const headSize = (c: ModelConfig): number => c.dim / c.nHeads;
export const kvDim = (c: ModelConfig): number => (c.dim * c.nKvHeads) / c.nHeads;

/** A Q8_0 tensor: int8 values and one float32 scale per groupSize consecutive values of the flattened tensor. */
export interface QuantizedTensor {
  q: Int8Array; // (rows * cols,) values, row-major
  s: Float32Array; // (rows * cols / groupSize,) scales: value = q * s
}

/** Per-layer weights are arrays indexed by layer; matrices are (out, in) row-major as in PyTorch. */
interface LayerNorms {
  rmsAtt: Float32Array; // (nLayers * dim,)
  rmsFfn: Float32Array; // (nLayers * dim,)
  rmsFinal: Float32Array; // (dim,)
}

export interface Q8Weights extends LayerNorms {
  kind: 'q8';
  groupSize: number;
  tokenEmbedding: QuantizedTensor; // (vocabSize, dim), as stored in the file
  tokenEmbeddingF32: Float32Array; // (vocabSize, dim) dequantized once at load, as runq.c does
  wq: QuantizedTensor[]; // per layer (dim, dim)
  wk: QuantizedTensor[]; // per layer (kvDim, dim)
  wv: QuantizedTensor[]; // per layer (kvDim, dim)
  wo: QuantizedTensor[]; // per layer (dim, dim)
  w1: QuantizedTensor[]; // per layer (hiddenDim, dim)
  w2: QuantizedTensor[]; // per layer (dim, hiddenDim)
  w3: QuantizedTensor[]; // per layer (hiddenDim, dim)
  wcls: QuantizedTensor; // (vocabSize, dim); the same object as tokenEmbedding when shared
  sharedClassifier: boolean;
}

export interface F32Weights extends LayerNorms {
  kind: 'f32';
  tokenEmbedding: Float32Array; // (vocabSize, dim)
  wq: Float32Array[];
  wk: Float32Array[];
  wv: Float32Array[];
  wo: Float32Array[];
  w1: Float32Array[];
  w2: Float32Array[];
  w3: Float32Array[];
  wcls: Float32Array; // the same array as tokenEmbedding when shared
  sharedClassifier: boolean;
}

export interface Model {
  config: ModelConfig;
  weights: Q8Weights | F32Weights;
}
