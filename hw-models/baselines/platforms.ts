// The CPU and GPUs the FPGA is compared with, as data from their spec sheets.

export interface GpuPlatform {
  kind: 'gpu';
  id: string;
  name: string;
  memoryBandwidthBytesPerS: number;
  fp16FlopsPerS: number; // dense tensor-core peak
  boardPowerW: number;
  bandwidthEfficiency: number; // achievable / peak for a large streaming read
  sources: string;
}

export interface CpuPlatform {
  kind: 'cpu';
  id: string;
  name: string;
  singleThreadBandwidthBytesPerS: number;
  powerW: number; // what the published runs attribute to the CPU
  sources: string;
}

export type Platform = GpuPlatform | CpuPlatform;

const GBps = 1e9;
const TFLOPS = 1e12;
/** STREAM-like reads reach about 80-90% of peak on GDDR6X and HBM2e: an ESTIMATE used for all GPUs. */
const GPU_BANDWIDTH_EFFICIENCY = 0.8;

export const PLATFORMS: Record<string, Platform> = {
  'xeon-e5-2686v4': {
    kind: 'cpu',
    id: 'xeon-e5-2686v4',
    name: 'Intel Xeon E5-2686 v4 (Broadwell, AWS F1 host), llama2.c runq.c, 1 thread',
    singleThreadBandwidthBytesPerS: 10 * GBps,
    powerW: 42.5,
    sources:
      '18 cores, 2.3 GHz base, AVX2, 4 channels of DDR4-2400 (76.8 GB/s per socket); an AWS-specific SKU that Intel ARK does not list, so these are the HLSTransform paper\'s and AWS\'s figures. Single-thread bandwidth 10 GB/s is an ESTIMATE (one Broadwell core: ~10 line-fill buffers x 64 B / ~70 ns). Power 42.5 W is codecarbon\'s constant, as in the paper\'s CPU energy.',
  },
  rtx3090: {
    kind: 'gpu',
    id: 'rtx3090',
    name: 'NVIDIA GeForce RTX 3090, PyTorch FP16, Meta reference Llama code, batch 1',
    memoryBandwidthBytesPerS: 936 * GBps,
    fp16FlopsPerS: 71 * TFLOPS,
    boardPowerW: 350,
    bandwidthEfficiency: GPU_BANDWIDTH_EFFICIENCY,
    sources:
      'NVIDIA RTX 3090 spec sheet / Ampere GA102 whitepaper: 936 GB/s GDDR6X, 350 W total graphics power, 1,395 MHz base clock, 71 TFLOPS FP16 tensor (FP32 accumulate, dense).',
  },
  a100: {
    kind: 'gpu',
    id: 'a100',
    name: 'NVIDIA A100 SXM4 80 GB, PyTorch FP16, batch 1',
    memoryBandwidthBytesPerS: 2039 * GBps,
    fp16FlopsPerS: 312 * TFLOPS,
    boardPowerW: 400,
    bandwidthEfficiency: GPU_BANDWIDTH_EFFICIENCY,
    sources: 'NVIDIA A100 data sheet: 2,039 GB/s HBM2e (80 GB SXM4), 312 TFLOPS FP16 tensor (dense), 400 W max TDP.',
  },
  h100: {
    kind: 'gpu',
    id: 'h100',
    name: 'NVIDIA H100 SXM5 80 GB, PyTorch FP16, batch 1',
    memoryBandwidthBytesPerS: 3350 * GBps,
    fp16FlopsPerS: 989 * TFLOPS,
    boardPowerW: 700,
    bandwidthEfficiency: GPU_BANDWIDTH_EFFICIENCY,
    sources: 'NVIDIA H100 data sheet: 3.35 TB/s HBM3 (SXM5), 989 TFLOPS FP16 tensor (dense), up to 700 W.',
  },
};

export const BASELINE_PLATFORM_IDS = Object.keys(PLATFORMS);
