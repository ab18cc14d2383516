// The operators only the math functions use (kernels/math, counted by scripts/math-ops/): double precision
// arithmetic and conversions for the glibc-compatible functions, constant-table reads, and the wide integer
// steps of glibc's large-argument sin/cos reduction. Same form as PRIMITIVE_OPERATORS in operators.ts; kept
// in their own table because kernels never name them (kernels/loops.ts `Op` stays as it is).
//
// Sources:
// - UG1399 (Vitis HLS), BIND_OP / config_op: dadd/dsub, dmul, ddiv exist as Floating-Point Operator cores
//   in fabric, fulldsp (dadd) and maxdsp/fulldsp/meddsp (dmul) forms; comparisons (dcmp) are LUT-only.
// - Vitis HLS names each core by its pipeline stages (latency + 1). Public Vitis HLS projects built for
//   UltraScale+ parts at 100-300 MHz instantiate dadd_64ns_64ns_64_5_full_dsp (latency 4),
//   dmul_64ns_64ns_64_6_max_dsp (latency 5), fpext_32ns_64_2_no_dsp (1), fptrunc_64ns_32_2_no_dsp (1),
//   sitodp_32ns_64_4/5 (3-4), dcmp_64ns_64ns_1_2_no_dsp (1): the 250 MHz steps below. The steps at other
//   clocks are ESTIMATES scaled like fadd/fmul in operators.ts.
// - Resources: Xilinx Floating-Point Operator LogiCORE (PG060) on UltraScale+: a double multiply with full
//   or max DSP usage takes 10-11 DSP48E2 (53 x 53 significand product on 27 x 18 multipliers), a double add
//   with full DSP usage 3. The LUT/FF counts are ESTIMATES (+-30%) of typical csynth instance tables, not
//   measured here.
// - rom: a 16- or 32-entry table of 64-bit constants in LUTROM (one LUT6 per bit of the word): ESTIMATE.
// - imul32: a 32 x 32 -> 64 bit unsigned product on DSP48E2 (27 x 18): 4 DSP; add64 a 64-bit carry chain.
//   ESTIMATES from the DSP48E2 widths (UG579).
import type { PrimitiveSpec } from './operators.js';

export type MathPrimitiveOp = 'dadd' | 'dmul' | 'ddiv' | 'dcmp' | 'fpext' | 'fptrunc' | 'sitodp' | 'dptosi' | 'rom' | 'imul32' | 'add64';

const MHz = 1e6;
const steps = (...pairs: [mhz: number, cycles: number][]) => pairs.map(([mhz, latencyCycles]) => ({ maxClockHz: mhz * MHz, latencyCycles }));

export const MATH_PRIMITIVE_OPERATORS: Record<MathPrimitiveOp, PrimitiveSpec> = {
  dadd: { impl: 'fulldsp', dsp: 3, lut: 640, ff: 690, latency: steps([50, 1], [150, 2], [200, 3], [300, 4], [400, 8], [500, 14]) },
  dmul: { impl: 'maxdsp', dsp: 11, lut: 200, ff: 300, latency: steps([50, 1], [150, 3], [200, 4], [300, 5], [400, 7], [500, 9]) },
  ddiv: { impl: 'fabric', dsp: 0, lut: 3200, ff: 3300, latency: steps([50, 8], [150, 20], [250, 30], [300, 36], [400, 48], [500, 57]) },
  dcmp: { impl: 'fabric', dsp: 0, lut: 100, ff: 70, latency: steps([150, 1], [500, 2]) },
  fpext: { impl: 'fabric', dsp: 0, lut: 60, ff: 100, latency: steps([150, 0], [300, 1], [500, 2]) },
  fptrunc: { impl: 'fabric', dsp: 0, lut: 130, ff: 130, latency: steps([150, 0], [300, 1], [500, 2]) },
  sitodp: { impl: 'fabric', dsp: 0, lut: 280, ff: 360, latency: steps([100, 2], [250, 4], [300, 5], [500, 6]) },
  dptosi: { impl: 'fabric', dsp: 0, lut: 350, ff: 270, latency: steps([100, 1], [250, 2], [500, 3]) },
  rom: { impl: 'lutrom', dsp: 0, lut: 64, ff: 64, latency: steps([300, 1], [500, 2]) },
  imul32: { impl: 'dsp (4 x DSP48E2)', dsp: 4, lut: 60, ff: 130, latency: steps([150, 1], [300, 3], [500, 4]) },
  add64: { impl: 'fabric carry chain', dsp: 0, lut: 64, ff: 64, latency: steps([300, 1], [500, 2]) },
};
