// llama2.c's runq.c on one CPU core: int8 matmuls with int32 group sums (gcc -Ofast vectorises the inner
// loop), float attention. A roofline of the weight bytes at single-thread bandwidth against the MACs at a
// fitted MAC rate; on the Xeon the MACs dominate (compute-bound), which is why the rate is the fitted number.
import { CPU_INT8_MACS_PER_S } from '../calibration.js';
import type { ModelConfig } from '../../kernels/model/types.js';
import type { CpuPlatform } from './platforms.js';
import type { BaselinePrediction } from './prediction.js';
import { tokenWorkload } from './workload.js';

/** Q8_0 storage: one byte per weight plus a float32 scale per group of 64 (the published runs' group size). */
export const Q8_BYTES_PER_WEIGHT = 1 + 4 / 64;

export interface CpuTokenTime {
  memoryS: number;
  computeS: number;
  tokenS: number;
}

export function cpuTokenTime(p: CpuPlatform, c: ModelConfig, tokens: number): CpuTokenTime {
  const w = tokenWorkload(c, tokens);
  const memoryS = (w.weightParams * Q8_BYTES_PER_WEIGHT + w.kvValuesRead * 4) / p.singleThreadBandwidthBytesPerS;
  const computeS = (w.matmulMacs + w.attentionMacs) / CPU_INT8_MACS_PER_S.value;
  return { memoryS, computeS, tokenS: Math.max(memoryS, computeS) };
}

export function predictCpu(p: CpuPlatform, c: ModelConfig, tokens: number): BaselinePrediction {
  const { tokenS } = cpuTokenTime(p, c, tokens);
  return { tokensPerSecond: 1 / tokenS, powerW: p.powerW, energyPerTokenJ: p.powerW * tokenS };
}
