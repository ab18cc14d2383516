// What one decoded token costs any implementation of a Llama 2 shape: weights read, multiply-accumulates,
// and the KV cache read by attention. Averaged over a run of `tokens` steps, since the cache grows: step t
// (1-based) attends over t positions, so the average context is (tokens + 1) / 2.
import { check } from '../../kernels/errors.js';
import { kvDim, type ModelConfig } from '../../kernels/model/types.js';

export interface TokenWorkload {
  weightParams: number; // matrix weights touched per token: 7 matrices per layer + the classifier
  matmulMacs: number; // one MAC per weight
  attentionMacs: number; // q.k and the weighted sum of v, at the average context
  kvValuesRead: number; // key + value cache entries read per token, at the average context
  averageContext: number;
}

export function tokenWorkload(c: ModelConfig, tokens: number): TokenWorkload {
  check(Number.isInteger(tokens) && tokens >= 1 && tokens <= c.seqLen, `tokens ${tokens} is not allowed (allowed: an integer from 1 to seq_len ${c.seqLen})`);
  const kvd = kvDim(c);
  const perLayer = c.dim * c.dim * 2 + c.dim * kvd * 2 + c.dim * c.hiddenDim * 3;
  const weightParams = c.nLayers * perLayer + c.vocabSize * c.dim;
  const averageContext = (tokens + 1) / 2;
  return {
    weightParams,
    matmulMacs: weightParams,
    attentionMacs: 2 * c.nLayers * c.dim * averageContext,
    kvValuesRead: 2 * c.nLayers * kvd * averageContext,
    averageContext,
  };
}
