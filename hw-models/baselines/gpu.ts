// A GPU decoding batch 1 with Meta's reference Llama code in PyTorch eager mode: each token is the slower of
// (a) a roofline over the bytes it reads (weights + KV cache) and its FLOPs, and (b) the host launching every
// PyTorch operator of the step one after another. For a 110M model (b) dominates by far: 547 operators at
// ~17 us each is ~9.3 ms, against ~0.3 ms of memory traffic on an RTX 3090.
import { GPU_LAUNCH_BOUND_POWER_FRACTION, GPU_PER_OP_OVERHEAD_S } from '../calibration.js';
import type { ModelConfig } from '../../kernels/model/types.js';
import type { GpuPlatform } from './platforms.js';
import type { BaselineOptions, BaselinePrediction } from './prediction.js';
import { tokenWorkload } from './workload.js';

/**
 * PyTorch operators per decoded token in llama/model.py + generation.py (Llama 2 release), counted by hand:
 * RMSNorm 8 (float, pow, mean, add eps, rsqrt, mul, type_as, mul weight), twice per layer; attention 20
 * (3 projections, 6 for rotary embedding in complex form, 2 cache writes, QK^T matmul + scale, softmax with
 * float/type_as casts 3, weighted sum, transpose-contiguous copy, output projection, plus 2 layout copies);
 * feed-forward 5 (w1, silu, w3, mul, w2); 2 residual adds. Per token outside the layers: embedding, final
 * RMSNorm (8), classifier, float cast (11) and top-p sampling with its bookkeeping (softmax, sort, cumsum,
 * mask, renormalise, multinomial, gather, where, stores, end-token test: 20).
 */
export const GPU_OPS_PER_LAYER = 43;
export const GPU_OPS_PER_TOKEN = 31;

export function gpuOpsPerToken(c: ModelConfig): number {
  return c.nLayers * GPU_OPS_PER_LAYER + GPU_OPS_PER_TOKEN;
}

export interface GpuTokenTime {
  rooflineS: number;
  launchS: number;
  tokenS: number;
}

export function gpuTokenTime(p: GpuPlatform, c: ModelConfig, tokens: number, bytesPerValue: number): GpuTokenTime {
  const w = tokenWorkload(c, tokens);
  const bytes = (w.weightParams + w.kvValuesRead) * bytesPerValue;
  const flops = 2 * (w.matmulMacs + w.attentionMacs);
  const rooflineS = Math.max(bytes / (p.memoryBandwidthBytesPerS * p.bandwidthEfficiency), flops / p.fp16FlopsPerS);
  const launchS = gpuOpsPerToken(c) * GPU_PER_OP_OVERHEAD_S.value;
  return { rooflineS, launchS, tokenS: Math.max(rooflineS, launchS) };
}

export function predictGpu(p: GpuPlatform, c: ModelConfig, tokens: number, opts: BaselineOptions = {}): BaselinePrediction {
  const { rooflineS, tokenS } = gpuTokenTime(p, c, tokens, opts.bytesPerValue ?? 2);
  // While launch-bound the GPU idles between tiny kernels at high clocks: a fitted floor of board power,
  // rising to full board power as the memory system becomes the bottleneck.
  const f = GPU_LAUNCH_BOUND_POWER_FRACTION.value;
  const powerW = p.boardPowerW * (f + (1 - f) * (rooflineS / tokenS));
  return { tokensPerSecond: 1 / tokenS, powerW, energyPerTokenJ: powerW * tokenS };
}
