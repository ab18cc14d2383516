// The cost of one HLS operator instance on UltraScale+ (-2 speed grade): its pipeline latency as a function
// of the target clock, and the DSP/LUT/FF it occupies. Latency steps matter most: a float accumulation
// carried across loop iterations waits fadd's latency, which sets the II of every such loop.
//
// Sources:
// - UG1399 (Vitis HLS), BIND_OP / config_op latency table: the legal latency range of each floating-point
//   core (fadd fulldsp 0..12, fadd fabric 0..13, fmul fabric 0..9, fdiv fabric 0..29 cycles); the tool
//   picks the smallest latency that meets the clock. So at slow clocks a float add is 0-1 cycles and at
//   500 MHz it approaches the maximum.
// - AR# 62859 (Vivado HLS): 'the latency of fadd in this case is 11 clock cycles' at the example's target
//   (the top of the fadd table here).
// - At 250 MHz on UltraScale+, Vitis HLS schedules fadd (full DSP) with latency 4 and fmul (max DSP) with
//   latency 3 (the usual csynth report names fadd_32ns_32ns_32_4_full_dsp and
//   fmul_32ns_32ns_32_3_max_dsp). The other steps are ESTIMATES interpolated between these anchors; each
//   table stops at 500 MHz, the fastest clock of the devices here. Check them against a csynth report of
//   the target part (`fpgasim import-csynth`, `fpgasim validate-model`) before trusting a II at an unusual clock.
// - Resources: typical Vitis HLS csynth utilization of these cores on UltraScale+ (fadd full DSP: 2 DSP;
//   fmul max DSP: 3 DSP; fdiv/fsqrt/conversions/compare: no DSP). LUT/FF counts are ESTIMATES (+-30%) of
//   those reports, not measured here.
// - mul8: a DSP48E2 computes two int8 x int8 products sharing one operand (AMD WP486, 'Deep Learning with
//   INT8 Optimization on Xilinx Devices'): 0.5 DSP per product, plus a little LUT logic to split them.
// - The operators only the math functions use (double precision, tables): math-operators.ts.
import { check, FpgasimError } from '../kernels/errors.js';
import type { Op } from '../kernels/loops.js';
import { computedMath, DEFAULT_MATH, type DesignMath, type MathLibrary } from '../kernels/math/library.js';
import { hlsMathUnit } from './hls-math.js';
import { MATH_PRIMITIVE_OPERATORS, type MathPrimitiveOp } from './math-operators.js';
import { MATH_RECIPES, type CompositeOp, type PrimitiveOp } from './math-recipes.js';

export interface OperatorCost {
  latencyCycles: number;
  dsp: number;
  lut: number;
  ff: number;
  bram18?: number; // the tables of an hls_math unit
}

interface LatencyStep {
  maxClockHz: number;
  latencyCycles: number;
}

export interface PrimitiveSpec {
  impl: string; // the Vitis HLS implementation the numbers describe
  dsp: number;
  lut: number;
  ff: number;
  latency: LatencyStep[]; // ascending maxClockHz
}

const MHz = 1e6;
const steps = (...pairs: [mhz: number, cycles: number][]): LatencyStep[] =>
  pairs.map(([mhz, latencyCycles]) => ({ maxClockHz: mhz * MHz, latencyCycles }));

export const PRIMITIVE_OPERATORS: Record<PrimitiveOp, PrimitiveSpec> = {
  fadd: { impl: 'fulldsp', dsp: 2, lut: 230, ff: 360, latency: steps([50, 1], [150, 2], [200, 3], [300, 4], [400, 7], [500, 11]) },
  fmul: { impl: 'maxdsp', dsp: 3, lut: 140, ff: 190, latency: steps([50, 1], [150, 2], [300, 3], [400, 4], [500, 6]) },
  fdiv: { impl: 'fabric', dsp: 0, lut: 800, ff: 1400, latency: steps([50, 4], [150, 9], [250, 12], [300, 16], [400, 22], [500, 29]) },
  fsqrt: { impl: 'fabric', dsp: 0, lut: 460, ff: 800, latency: steps([50, 4], [150, 8], [250, 12], [300, 16], [400, 22], [500, 28]) },
  fcmp: { impl: 'fabric', dsp: 0, lut: 70, ff: 70, latency: steps([150, 1], [500, 2]) },
  sitofp: { impl: 'fabric', dsp: 0, lut: 260, ff: 350, latency: steps([100, 2], [250, 4], [300, 5], [500, 6]) },
  // float -> int with C round() semantics (half away from zero): the conversion core plus rounding logic.
  fptosi: { impl: 'fabric', dsp: 0, lut: 330, ff: 250, latency: steps([100, 1], [250, 2], [500, 3]) },
  mul8: { impl: 'dsp (2 per DSP48E2)', dsp: 0.5, lut: 8, ff: 16, latency: steps([200, 1], [350, 2], [500, 3]) },
  add32: { impl: 'fabric carry chain', dsp: 0, lut: 32, ff: 32, latency: steps([500, 1]) },
};

/** Beyond this clock no operator table has a step: the devices here top out at 500 MHz. */
export const MAX_OPERATOR_CLOCK_HZ = 500 * MHz;

/** A primitive of the kernels or of the math functions (math-operators.ts). */
function primitiveSpec(op: string): PrimitiveSpec | undefined {
  if (op in PRIMITIVE_OPERATORS) return PRIMITIVE_OPERATORS[op as PrimitiveOp];
  if (op in MATH_PRIMITIVE_OPERATORS) return MATH_PRIMITIVE_OPERATORS[op as MathPrimitiveOp];
  return undefined;
}

function primitiveCost(op: PrimitiveOp | MathPrimitiveOp, clockHz: number): OperatorCost {
  const spec = primitiveSpec(op)!;
  const step = spec.latency.find((s) => clockHz <= s.maxClockHz);
  if (!step) {
    const top = spec.latency[spec.latency.length - 1].maxClockHz;
    throw new FpgasimError(`operator ${op}: clock ${clockHz / MHz} MHz is above its latency table (allowed: up to ${top / MHz} MHz)`);
  }
  return { latencyCycles: step.latencyCycles, dsp: spec.dsp, lut: spec.lut, ff: spec.ff };
}

/** Latency in cycles at clockHz of a primitive operator (the op counter weights critical paths by it). */
export function primitiveLatencyCycles(op: string, clockHz: number): number {
  if (!primitiveSpec(op)) throw new FpgasimError(`operator '${op}' is not a primitive (allowed: ${[...Object.keys(PRIMITIVE_OPERATORS), ...Object.keys(MATH_PRIMITIVE_OPERATORS)].join(', ')})`);
  return primitiveCost(op as PrimitiveOp, clockHz).latencyCycles;
}

/** A composite function (exp, sin, cos, pow) of a math library as one pipelined unit: every primitive of its recipe instantiated. */
function compositeCost(op: CompositeOp, clockHz: number, math: MathLibrary): OperatorCost {
  const recipe = MATH_RECIPES[math][op];
  const latencyCycles = recipe.chain.reduce((sum, p) => sum + primitiveCost(p, clockHz).latencyCycles, 0);
  const total = { latencyCycles, dsp: 0, lut: 0, ff: 0 };
  for (const [p, count] of Object.entries(recipe.ops) as [PrimitiveOp | MathPrimitiveOp, number][]) {
    const cost = primitiveCost(p, clockHz);
    total.dsp += count * cost.dsp;
    total.lut += count * cost.lut;
    total.ff += count * cost.ff;
  }
  return total;
}

/** The hls_math unit (hls-math.ts) each composite operation is under math "vitis-hls". */
const HLS_MATH_OF: Record<CompositeOp, string> = { fexp: 'exp', fsin: 'sin', fcos: 'cos', fpow: 'pow' };

/**
 * Latency and resources of one instance of op at clockHz; exp/sin/cos/pow as the design's math prices them:
 * the recipe of a library fpgasim computes (default "glibc"), or Vitis's hls_math unit. Clocks outside
 * (0, 500 MHz] are refused.
 */
export function operatorCost(op: Op, clockHz: number, designMath: DesignMath = DEFAULT_MATH): OperatorCost {
  check(Number.isFinite(clockHz) && clockHz > 0, `operator ${op}: clock ${clockHz} Hz is not allowed (allowed: above 0 Hz)`);
  if (designMath === 'vitis-hls' && op in HLS_MATH_OF) {
    const unit = hlsMathUnit(HLS_MATH_OF[op as CompositeOp], 'float32')!;
    return { latencyCycles: unit.latencyCycles, dsp: unit.dsp, lut: unit.lut, ff: unit.ff, bram18: unit.bram18 };
  }
  const math = computedMath(designMath);
  if (op in MATH_RECIPES[math]) return compositeCost(op as CompositeOp, clockHz, math);
  if (op in PRIMITIVE_OPERATORS) return primitiveCost(op as PrimitiveOp, clockHz);
  throw new FpgasimError(`operator '${op}' is unknown (allowed: ${[...Object.keys(PRIMITIVE_OPERATORS), ...Object.keys(MATH_RECIPES[math])].join(', ')})`);
}
