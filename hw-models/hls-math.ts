// What Vitis HLS builds for a math call when the C++ calls expf, sinf, cosf, powf, tanhf, exp (hls_math and
// the Floating-Point Operator cores it maps them to): one pipelined unit per call site, priced from public
// csynth reports' instance tables (each row below cites its report). A design whose `math` is "vitis-hls" is
// priced with these; fpgasim still computes (and emit-hls emits) glibc-compatible functions for it, since
// hls_math's bits are not reproducible here (UG1399: hls_math results are within 1-4 ulp).
//
// The reports were made at 10 ns (one at 4 ns); their latencies are used at every clock, an ESTIMATE: Vitis
// deepens a core at faster clocks, and at 4 ns the exp core still took 9 cycles against 10 at 10 ns.
import type { OperatorCost } from './operators.js';

export interface HlsMathUnit extends OperatorCost {
  bram18: number;
  source: string;
}

const unit = (latencyCycles: number, dsp: number, ff: number, lut: number, bram18: number, source: string): HlsMathUnit => ({ latencyCycles, dsp, ff, lut, bram18, source });

/** By function and operand type ('exp float32'). */
export const HLS_MATH_UNITS: Record<string, HlsMathUnit> = {
  'exp float32': unit(10, 7, 317, 918, 0, 'fexp_32ns_32ns_32_10_full_dsp_1, Vitis 2022.1.2, xc7z020, 10 ns: Crazy-James26/HeteroCL_Transformer@5f6f4e50 Self_attention_Pipeline_l_j6_csynth.rpt'),
  'sin float32': unit(10, 8, 1479, 2700, 0, 'sin_or_cos_float_s, Vitis 2020.2, xczu3eg, 10 ns: frnyb/PL-Mag-Sensor@176c20a4 sin_or_cos_float_s_csynth.xml'),
  'cos float32': unit(10, 8, 1479, 2700, 0, 'sin_or_cos_float_s, Vitis 2020.2, xczu3eg, 10 ns: frnyb/PL-Mag-Sensor@176c20a4 sin_or_cos_float_s_csynth.xml'),
  // both operands variable; with a constant base (RoPE's powf(10000, x)) the same report family shows 6 DSP, 482 FF, 2111 LUT, 1 BRAM18
  'pow float32': unit(11, 17, 1940, 4219, 7, 'pow_generic_float_s, Vitis 2024.2, xczu7ev, 10 ns: Arun-66/AN50_ZCU104@6c1654da pow_generic_float_s_csynth.rpt'),
  'tanh float32': unit(72, 32, 10579, 7692, 5, 'generic_tanh_float_s, Vitis 2022.1.2, xc7z020, 10 ns: Crazy-James26/HeteroCL_Transformer@cbc50685 generic_tanh_float_s_csynth.rpt'),
  'exp float64': unit(28, 16, 3668, 3506, 5, 'exp_generic_double_s, Vitis 2022.1.2, xc7z020, 10 ns: Crazy-James26/HeteroCL_Transformer@cbc50685 exp_generic_double_s_csynth.rpt'),
};

/** The hls_math unit for `fn type`, or null when no public report prices it (the caller falls back, and says so). */
export function hlsMathUnit(fn: string, type: string): HlsMathUnit | null {
  return HLS_MATH_UNITS[`${fn} ${type}`] ?? null;
}
