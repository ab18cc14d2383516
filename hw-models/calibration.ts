// Every fitted parameter of hw-models, in one place, each with the datum it was fitted to and how. Nothing
// else in hw-models is fitted: all other numbers come from documentation (sources beside them) or are
// labelled estimates. test/hw-models/baselines.test.ts ("calibration") re-derives each fitted baseline value from its datum.

export interface Fitted {
  value: number;
  unit: string;
  datum: string; // the published number the value reproduces
  how: string;
}

/**
 * One factor on the FPGA's static/idle power (energy/fpga-energy.ts multiplies the device's documented static
 * power, 3.06 W from an F1 report_power example, by it). Fitted to HLSTransform's power while decoding: the
 * F1 part runs hotter than that example, and leakage grows with junction temperature; the factor also absorbs
 * what the estimated per-action energies miss. Every other FPGA design is predicted with it.
 * test/sim/calibration.test.ts re-derives it from the simulator and the datum.
 */
export const FPGA_STATIC_POWER_SCALE: Fitted = {
  value: 1.9809,
  unit: 'x device static power',
  datum:
    'HLSTransform on the F1 VU9P, stories110M Q8_0 GS 64, 256 tokens: 8.35 W while decoding (0.1469 J/token x 56.87 tokens/s, both derived from the paper\'s exact ratios and the GPU logs; hw-models/baselines/published.ts)',
  how: 'simulate designs/hlstransform.json with the scale at 1; scale = (8.35 W - simulated dynamic W) / 3.06 W. Held out: the J/token, which then follows from the simulated speed (0.131 J/token, -11% against 0.147)',
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
