// Published measurements the baselines are checked against: HLSTransform (He et al., 2024, arXiv 2405.00738)
// and its code release github.com/HLSTransform/submission. Workload for all of them: stories110M, batch 1,
// decoding from an empty prompt (BOS), no end token.
//
// Only the GPU figures are measured values in the release. The paper gives exact ratios (FPGA 0.53x the
// RTX 3090's speed and 2.46x the CPU's; 8.25x less energy per token than the GPU and 12.75x less than the
// CPU); the CPU and FPGA absolute figures below are DERIVED from those ratios and the GPU logs.

export type PublishedRole = 'fit' | 'held-out' | 'reference';

export interface PublishedPoint {
  platform: string; // a baseline platform id, or 'vu9p-hlstransform' for the FPGA itself
  modelShape: 'stories110M';
  tokens: number; // decoding steps of the run
  tokensPerSecond: number;
  powerW: number | null;
  energyPerTokenJ: number | null;
  derived: boolean; // computed from the paper's ratios rather than read from a log
  role: PublishedRole; // what the baseline models do with it
  source: string;
}

/** The paper's ratios (exact as printed). */
export const HLSTRANSFORM_RATIOS = {
  fpgaSpeedOverGpu: 0.53,
  fpgaSpeedOverCpu: 2.46,
  gpuEnergyOverFpga: 8.25,
  cpuEnergyOverFpga: 12.75,
} as const;

/** RTX 3090, 256 tokens: mean of log_256.txt without its first run (76.5 tokens/s, a warm-up). */
const GPU_256_TOKENS_PER_S = 107.3;
/** emissions.csv (codecarbon 2.3.2, NVML): 200 runs of gen_length 1024, mean 9.675 s and 0.3508 Wh of GPU energy each. */
const GPU_EMISSIONS_RUN_S = 9.675;
const GPU_EMISSIONS_RUN_WH = 0.3508;
/** Meta's generate() stops at max_seq_len 1024 with the BOS prompt in position 0: 1023 new tokens per run. */
const GPU_EMISSIONS_RUN_TOKENS = 1023;
const GPU_POWER_W = (GPU_EMISSIONS_RUN_WH * 3600) / GPU_EMISSIONS_RUN_S;
const GPU_ENERGY_PER_TOKEN_J = (GPU_EMISSIONS_RUN_WH * 3600) / GPU_EMISSIONS_RUN_TOKENS;
/** codecarbon's CPU power in the paper's CPU runs: a constant estimate (half of an 85 W default TDP), not a measurement. */
const CPU_POWER_W = 42.5;

const FPGA_TOKENS_PER_S = HLSTRANSFORM_RATIOS.fpgaSpeedOverGpu * GPU_256_TOKENS_PER_S;
const CPU_TOKENS_PER_S = FPGA_TOKENS_PER_S / HLSTRANSFORM_RATIOS.fpgaSpeedOverCpu;
const CPU_ENERGY_PER_TOKEN_J = CPU_POWER_W / CPU_TOKENS_PER_S;
/** The two routes to the FPGA's energy per token (0.150 J via the GPU, 0.144 J via the CPU), averaged. */
const FPGA_ENERGY_PER_TOKEN_J =
  (GPU_ENERGY_PER_TOKEN_J / HLSTRANSFORM_RATIOS.gpuEnergyOverFpga + CPU_ENERGY_PER_TOKEN_J / HLSTRANSFORM_RATIOS.cpuEnergyOverFpga) / 2;

export const PUBLISHED: PublishedPoint[] = [
  {
    platform: 'rtx3090',
    modelShape: 'stories110M',
    tokens: 256,
    tokensPerSecond: GPU_256_TOKENS_PER_S,
    powerW: GPU_POWER_W,
    energyPerTokenJ: GPU_ENERGY_PER_TOKEN_J,
    derived: false,
    role: 'fit',
    source:
      'HLSTransform gpu_benchmarks/log_256.txt (PyTorch FP16, Meta reference code, mean of 99 runs after a warm-up run); power and energy from gpu_benchmarks/emissions.csv (0.3508 Wh per 9.675 s run of 1,023 tokens = 130.6 W, 1.23 J/token)',
  },
  {
    platform: 'rtx3090',
    modelShape: 'stories110M',
    tokens: 1024,
    tokensPerSecond: 79.08,
    powerW: null,
    energyPerTokenJ: null,
    derived: false,
    role: 'held-out',
    source:
      'HLSTransform gpu_benchmarks/log_1024.txt: one run, 79.08 tokens/s. It is the only run of its process, like the first run of log_256.txt (76.5 tokens/s) that the 256-token mean leaves out, so it likely includes warm-up',
  },
  {
    platform: 'rtx3090',
    modelShape: 'stories110M',
    tokens: 1024,
    tokensPerSecond: GPU_EMISSIONS_RUN_TOKENS / GPU_EMISSIONS_RUN_S,
    powerW: null, // the same runs' power is the 256-token row's fitting datum, so it is not held out here
    energyPerTokenJ: null,
    derived: true,
    role: 'held-out',
    source: 'HLSTransform gpu_benchmarks/emissions.csv: 1,023 tokens per run / 9.675 s mean run time (200 runs of gen_length 1024, steady state)',
  },
  {
    platform: 'xeon-e5-2686v4',
    modelShape: 'stories110M',
    tokens: 256,
    tokensPerSecond: CPU_TOKENS_PER_S,
    powerW: CPU_POWER_W,
    energyPerTokenJ: CPU_ENERGY_PER_TOKEN_J,
    derived: true,
    role: 'fit',
    source:
      'DERIVED: FPGA speed = 0.53 x 107.3 tokens/s, CPU = FPGA / 2.46 (paper ratios); llama2.c runq.c, gcc -Ofast, one thread. Power is codecarbon\'s constant estimate (42.5 W), not a measurement',
  },
  {
    platform: 'vu9p-hlstransform',
    modelShape: 'stories110M',
    tokens: 256,
    tokensPerSecond: FPGA_TOKENS_PER_S,
    powerW: FPGA_ENERGY_PER_TOKEN_J * FPGA_TOKENS_PER_S,
    energyPerTokenJ: FPGA_ENERGY_PER_TOKEN_J,
    derived: true,
    role: 'reference',
    source:
      'DERIVED: 0.53 x the RTX 3090 speed; energy = GPU energy / 8.25 (0.150 J) and CPU energy / 12.75 (0.144 J), averaged. The datum for calibration.ts FPGA_STATIC_POWER_SCALE once the simulator runs',
  },
];

/** Published points of a platform for a run of `tokens` decoding steps of stories110M. */
export function publishedFor(platform: string, tokens: number): PublishedPoint[] {
  return PUBLISHED.filter((p) => p.platform === platform && p.tokens === tokens);
}
