// Every fitted parameter of hw-models, in one place, each with the datum it was fitted to and how. Nothing
// else in hw-models is fitted: all other numbers come from documentation (sources beside them) or are
// labelled estimates. test/hw-models/calibration.test.ts re-derives each fitted value from its datum.

export interface Fitted {
  value: number;
  unit: string;
  datum: string; // the published number the value reproduces
  how: string;
}

export interface NotYetFitted {
  value: number; // the neutral value used until the fit is made
  unit: string;
  status: 'not fitted yet';
  willBeFittedTo: string;
  how: string;
}

/**
 * SLOT FOR THE LEAD: one factor on the FPGA's static/idle power (energy/fpga-energy.ts multiplies the
 * device's documented static power by it). It stays 1 until the simulator exists; then it is fitted to the
 * HLSTransform figure and every other FPGA design is predicted with it.
 */
export const FPGA_STATIC_POWER_SCALE: NotYetFitted = {
  value: 1,
  unit: 'x device static power',
  status: 'not fitted yet',
  willBeFittedTo:
    'HLSTransform on the F1 VU9P, stories110M Q8_0 GS 64, 256 tokens: about 8.3 W, 0.145 J/token at about 57 tokens/s (derived from the paper\'s exact ratios and the GPU logs; hw-models/baselines/published.ts)',
  how: 'simulate the HLSTransform design point; scale = (8.3 W - simulated dynamic W) / device static W; then report the error on another design or token count',
};

/**
 * Host-side cost of one PyTorch operator in Meta's reference Llama code (eager mode, batch 1): at 110M
 * parameters every kernel is tiny and the GPU waits for the CPU to launch the next one.
 */
export const GPU_PER_OP_OVERHEAD_S: Fitted = {
  value: 17.038e-6,
  unit: 's per PyTorch operator',
  datum: 'RTX 3090, stories110M FP16, 256 tokens: 107.3 tokens/s (HLSTransform gpu_benchmarks/log_256.txt, mean of the 99 runs after the first)',
  how: 'per-token time 1/107.3 s divided by the operators per token of Meta\'s reference code (43 per layer + 31, baselines/gpu.ts); the roofline time (0.30 ms) is below it, so the token is launch-bound',
};

/** Board power of a launch-bound GPU as a fraction of its rated board power (clocks stay up between kernels). */
export const GPU_LAUNCH_BOUND_POWER_FRACTION: Fitted = {
  value: 0.35217,
  unit: 'x board power',
  datum: 'RTX 3090 GPU power 130.6 W while decoding stories110M (HLSTransform gpu_benchmarks/emissions.csv: 0.3508 Wh over 9.675 s per run, codecarbon via NVML)',
  how: 'power = board W x (f + (1 - f) x roofline busy fraction); solved for f at the 256-token operating point (busy 3.2%)',
};

/** int8 multiply-accumulates per second of llama2.c runq.c on one Broadwell core (gcc -Ofast, one thread). */
export const CPU_INT8_MACS_PER_S: Fitted = {
  value: 2.5864e9,
  unit: 'int8 MAC/s (attention float MACs counted alike)',
  datum: 'Xeon E5-2686 v4, stories110M Q8_0, 256 tokens: 23.12 tokens/s, derived: FPGA = 0.53 x 107.3 tokens/s, CPU = FPGA / 2.46 (the paper\'s exact ratios)',
  how: 'MACs per token (109.5 M matmul + 2.4 M attention at the average context) x 23.12 tokens/s; compute-bound, since the weight bytes take 11.6 ms of the 43.3 ms at the single-thread bandwidth',
};
