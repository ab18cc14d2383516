// Every fitted parameter of hw-models, in one place, each with the datum it was fitted to and how. Nothing
// else in hw-models is fitted: all other numbers come from documentation (sources beside them) or are
// labelled estimates. test/hw-models/baselines.test.ts ("calibration") re-derives each fitted baseline value from its datum.

export interface Fitted {
  value: number;
  unit: string;
  datum: string; // the published number the value reproduces
  how: string;
}

const pJ = 1e-12;

/**
 * Energy per action on UltraScale+ (16 nm, Vccint 0.85 V), Accelergy style. No per-action XPE table was
 * found, so each value started as an ESTIMATE from the physics named beside it and the set was then chosen
 * so that a VU9P design of HLSTransform's size at 250 MHz lands at a few watts of dynamic power, the order
 * the F1 power reading shows: a fit to that datum, by hand. simulate gives J/token a band for them (x0.5 to
 * x2 on every dynamic term); validate-model compares the dynamic power they predict with the post-route power
 * of the corpus cases that report one.
 */
export const FPGA_ENERGY_PER_ACTION_J = {
  datum: "HLSTransform on the F1 VU9P at 250 MHz: 8.35 W while decoding, of which the dynamic part was wanted at 'a few watts' (the F1 report_power example's order)",
  how: 'physics-based starting points (below), scaled by hand until the HLSTransform design lands at a few watts of dynamic power; not optimized numerically',
  value: {
    /** One operation in a DSP48E2 (27x18 multiply + 48-bit add, operands toggling). */
    dspOp: 4 * pJ,
    /** One operation, per LUT of the operator's fabric logic (about 0.05 pJ per LUT output switch with routing). */
    lutOp: 0.05 * pJ,
    /** Per active cycle, per LUT of the design: fabric switching at XPE's default 12.5% toggle rate (0.16 pJ x 0.125). */
    lutActiveCycle: 0.02 * pJ,
    /** Per active cycle, per flip-flop of the design, at the same toggle rate. */
    ffActiveCycle: 0.01 * pJ,
    /** Per clock cycle, whether active or not: clock tree and clock pins of each instantiated element. */
    ffClock: 0.004 * pJ,
    dspClock: 0.2 * pJ,
    bram18Clock: 0.3 * pJ,
    uramClock: 0.6 * pJ,
    /** One BRAM18 port access (up to 36 bits). */
    bramRead: 5 * pJ,
    bramWrite: 5.5 * pJ,
    /** One URAM288 port access (72 bits). */
    uramRead: 10 * pJ,
    uramWrite: 11 * pJ,
  },
} as const;

/** The device the FPGA power fits were made on: their use on any other device is an extrapolation, and says so. */
export const FPGA_POWER_FIT_DEVICE = 'vu9p-f1';

/**
 * One factor on the FPGA's static/idle power (energy/fpga-energy.ts multiplies the device's documented static
 * power, 3.06 W from an F1 report_power example, by it). Fitted to HLSTransform's power while decoding: the
 * F1 part runs hotter than that example, and leakage grows with junction temperature; the factor also absorbs
 * what the estimated per-action energies miss. Every other FPGA design is predicted with it.
 * test/sim/calibration.test.ts re-derives it from the simulator and the datum.
 */
export const FPGA_STATIC_POWER_SCALE: Fitted = {
  value: 2.2338,
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

// ---------------------------------------------------------------------------------------------------------
// The HLS cost model's mechanisms and their numbers. The first 24 cases of the validation corpus
// (experiments/validation/cases) were in view while the scheduler's mechanisms were shaped (auto-pipelining, operator sharing between sequential loops,
// the tree of exact sums, throughput-driven partitioning, chaining of DSP multiplies) and these numbers set:
// they are the fitting cases, named below. Every case added after that point is held out, and
// `fpgasim validate-model` reports the two groups apart.

export interface FittedMechanism extends Fitted {
  fittedOn: string[]; // validation case ids
}

/** The corpus cases that were in view while the cost model was shaped: the fitting set. */
export const HLS_FITTING_CASES: string[] = [
'hls4ml_layernorm_tuning',
  'hls4ml_layernorm_uniform_10_8',
  'hls4ml_layernorm_uniform_20_10',
  'hls4ml_layernorm_uniform_30_16',
  'hls4ml_mha_AV_matrixmul',
  'hls4ml_mha_QKt_matrixmul_transpose',
  'hls4ml_mha_softmax_legacy_n20',
  'hls4ml_mha_top_dataflow',
  'hlsfactory_base_atax',
  'hlsfactory_base_bicg',
  'hlsfactory_base_gemm',
  'hlsfactory_base_gesummv',
  'hlsfactory_base_k2mm',
  'hlsfactory_base_mvt',
  'hlsfactory_repro_gemm_068fffed',
  'hlsfactory_repro_gemm_1d0456fb',
  'hlsfactory_repro_gemm_26bbddd4',
  'hlsfactory_repro_gemm_2d63676a',
  'hlsfactory_repro_gemm_44d6f7e8',
  'hlsfactory_repro_gemm_8966d9a9',
  'hlsfactory_repro_gemm_94b3d262',
  'hlsfactory_repro_gemm_95a1788f',
  'hlsfactory_repro_gemm_a607e7f8',
  'hlsfactory_repro_gemm_fc9a4ea7',
  // added later, for their per-loop tables (the same PolyBench sources as hlsfactory_base_*, Vitis 2022.2.2 on xcu55c)
  'hlstrans_atax',
  'hlstrans_bicg',
  'hlstrans_gemm',
  'hlstrans_gesummv',
  'hlstrans_k2mm',
  'hlstrans_mvt',
];

const shaped = (value: number, unit: string, datum: string): FittedMechanism => ({
  value,
  unit,
  datum,
  how: 'set by hand (from documentation or an estimate) and kept while comparing with the fitting cases; not optimized numerically',
  fittedOn: HLS_FITTING_CASES,
});

/** Below this width on both operands Vitis builds an integer or fixed-point multiply from LUTs, not a DSP48E2. */
export const DSP_MIN_MULTIPLY_BITS = shaped(10, 'bits (the wider operand)', 'Vitis binds 8 x 8 products to LUTs (mul_8s_8s_16 with 0 DSP in csynth reports) and the 14-19 bit products of the hls4ml cases to DSPs');

/** LUTs of a LUT-built W1 x W2 multiplier per partial-product bit (W1 x W2 of them). */
export const LUTS_PER_LUT_MULTIPLIER_BIT2 = shaped(0.6, 'LUT per partial-product bit', 'ESTIMATE of a LUT6 array multiplier (about half a LUT per partial product plus the adder tree)');

/** LUTs and FFs of one loop's control: its FSM states, trip counter and exit compare. */
export const CONTROL_LUT_PER_LOOP = shaped(120, 'LUT per loop', 'ESTIMATE typical of csynth reports (kept from before the corpus)');

export const CONTROL_FF_PER_LOOP = shaped(150, 'FF per loop', 'ESTIMATE typical of csynth reports (kept from before the corpus)');

/** A DSP48E2 multiply without pipeline registers: Vitis chains it with adds while the cycle allows. */
export const DSP_MULTIPLY_DELAY_NS = shaped(2.2, 'ns', 'ESTIMATE within the DS923 DSP48E2 combinational paths (1.6-2.5 ns); it lets the fully pipelined hls4ml LayerNorm fit its 3-8 cycles at 5 ns');
