// Operators by kind and data type, the way Vitis HLS binds them: a float operation to a Floating-Point
// Operator core (DSP-based where the core has a DSP variant), an integer or fixed-point multiply to DSP48E2
// slices (or to LUTs when both operands are narrow), adds, compares and logic to LUTs and carry chains, a
// math call to the math library the kernel uses. Each operator has a pipeline latency in cycles at the
// clock (a multi-cycle core) or, for combinational logic, a delay that the scheduler chains within a cycle.
//
// Sources:
// - float32 cores: PRIMITIVE_OPERATORS in operators.ts (UG1399 latency ranges, Vitis's usual bindings).
// - float64 and half: PG060 (Floating-Point Operator v7.1) resource tables for UltraScale+ give the DSP48E2
//   count of each core: double add/sub full DSP 3, double multiply max DSP usage 10 (here: 11, the 'maxdsp'
//   binding Vitis reports as dmul_..._max_dsp), half add 1, half multiply 1. Latencies scale from the float32
//   steps by PG060's ratio of maximum latencies (double add 14 vs single 12, double multiply 18 vs single 9):
//   ESTIMATES.
// - DSP48E2 (UG579): a 27 x 18 signed multiplier, so a W1 x W2 multiply takes ceil(W1/27) x ceil(W2/18)
//   slices (the cheaper orientation); below DSP_MIN_MULTIPLY_BITS on both operands Vitis builds the multiply
//   from LUTs (calibration.ts, fitted).
// - LUT costs of adders and comparators: one LUT per bit on the CARRY8 chain (UG574); their delays are
//   ESTIMATES of UltraScale+ -2 timing (about 0.4 ns for a LUT and routing, 0.03 ns per carry bit).
import { FpgasimError } from '../kernels/errors.js';
import { DSP_MIN_MULTIPLY_BITS, DSP_MULTIPLY_DELAY_NS, LUTS_PER_LUT_MULTIPLIER_BIT2 } from './calibration.js';
import type { DataType } from './datatypes.js';
import { parseDataType } from './datatypes.js';
import type { DesignMath } from '../kernels/math/library.js';
import { hlsMathUnit } from './hls-math.js';
import { PRIMITIVE_OPERATORS, operatorCost as float32Cost, type OperatorCost } from './operators.js';

export const OP_KINDS = [
  'add', 'sub', 'mul', 'div', 'sqrt', 'cmp', 'select', 'and', 'or', 'xor', 'shift',
  'fptosi', 'sitofp', 'fptrunc', 'fpext',
  'exp', 'log', 'sin', 'cos', 'pow', 'rsqrt', 'recip', 'tanh',
] as const;
export type OpKind = (typeof OP_KINDS)[number];
const MATH_CALLS: readonly OpKind[] = ['exp', 'log', 'sin', 'cos', 'pow', 'rsqrt', 'recip', 'tanh'];

/** The math a kernel's exp/log/sin/cos/pow calls use (kernels/math/library.ts: glibc, binary32, vitis-hls). */
export type MathLibrary = DesignMath;

export interface TypedOp {
  key: string; // 'mul ap_fixed<16,6>*ap_fixed<33,13>', as written
  kind: OpKind;
  type: DataType;
  other: DataType | null; // the second operand's type when it differs
}

export interface TypedOperatorCost extends OperatorCost {
  delayNs: number; // combinational delay when latencyCycles is 0 (chained with its neighbours in one cycle)
}

const interned = new Map<string, TypedOp>();

/** Parses '<op> <type>' (or '<op> <type>*<type>'); the same key always gives the same object. */
export function typedOp(key: string, where: string): TypedOp {
  const known = interned.get(key);
  if (known) return known;
  const [kind, types, extra] = key.trim().split(/\s+/);
  if (!(OP_KINDS as readonly string[]).includes(kind) || types === undefined || extra !== undefined) {
    throw new FpgasimError(`${where}: operation ${JSON.stringify(key)} is not allowed (allowed: "<op> <type>" with op one of ${OP_KINDS.join(', ')}, e.g. "mul float32")`);
  }
  const [first, second] = types.split('*');
  const type = parseDataType(first, `${where}: type of ${JSON.stringify(key)}`);
  const other = second === undefined ? null : parseDataType(second, `${where}: second type of ${JSON.stringify(key)}`);
  const op: TypedOp = { key, kind: kind as OpKind, type, other };
  interned.set(key, op);
  return op;
}


/** Float32 operations as the primitive table names them (operators.ts). */
const FLOAT32_PRIMITIVE: Partial<Record<OpKind, keyof typeof PRIMITIVE_OPERATORS>> = {
  add: 'fadd', sub: 'fadd', mul: 'fmul', div: 'fdiv', sqrt: 'fsqrt', cmp: 'fcmp', fptosi: 'fptosi', sitofp: 'sitofp',
};

/** float64 and half cores relative to their float32 twins (PG060): DSP48E2 per core and latency scale. */
const WIDE_FLOAT: Record<64 | 16, Partial<Record<OpKind, { dsp: number; lutScale: number; latencyScale: number }>>> = {
  64: { add: { dsp: 3, lutScale: 2.6, latencyScale: 14 / 12 }, sub: { dsp: 3, lutScale: 2.6, latencyScale: 14 / 12 }, mul: { dsp: 11, lutScale: 1.4, latencyScale: 18 / 9 }, div: { dsp: 0, lutScale: 3.6, latencyScale: 57 / 28 }, sqrt: { dsp: 0, lutScale: 2.6, latencyScale: 57 / 28 }, cmp: { dsp: 0, lutScale: 2, latencyScale: 1 } },
  16: { add: { dsp: 1, lutScale: 0.6, latencyScale: 1 }, sub: { dsp: 1, lutScale: 0.6, latencyScale: 1 }, mul: { dsp: 1, lutScale: 0.5, latencyScale: 1 }, div: { dsp: 0, lutScale: 0.4, latencyScale: 0.5 }, sqrt: { dsp: 0, lutScale: 0.4, latencyScale: 0.5 }, cmp: { dsp: 0, lutScale: 0.5, latencyScale: 1 } },
};

/** DSP48E2 slices for a W1 x W2 multiply: a 27 x 18 signed multiplier per slice (UG579), cheaper orientation. */
export function dspsForMultiply(bitsA: number, bitsB: number): number {
  return Math.min(Math.ceil(bitsA / 27) * Math.ceil(bitsB / 18), Math.ceil(bitsA / 18) * Math.ceil(bitsB / 27));
}

const LUT_DELAY_NS = 0.4;
/** Vitis HLS's default clock uncertainty, 27% of the period, which operators must leave free. */
const DEFAULT_UNCERTAINTY = 0.27;
const CARRY_DELAY_NS_PER_BIT = 0.03;
/** Combinational logic: its result is registered where it crosses a pipeline stage, one FF per result bit (ff). */
const comb = (lut: number, delayNs: number, ff = 0): TypedOperatorCost => ({ latencyCycles: 0, delayNs, dsp: 0, lut, ff });

function integerCost(op: TypedOp, clockHz: number): TypedOperatorCost {
  const a = op.type.bits;
  const b = op.other?.bits ?? a;
  const bits = Math.max(a, b);
  switch (op.kind) {
    case 'add':
    case 'sub':
    case 'cmp':
      return comb(bits, LUT_DELAY_NS + CARRY_DELAY_NS_PER_BIT * bits, op.kind === 'cmp' ? 1 : bits);
    case 'select':
    case 'and':
    case 'or':
    case 'xor':
      return comb(Math.ceil(bits / 2), LUT_DELAY_NS);
    case 'shift':
      return comb(Math.ceil(bits * Math.log2(Math.max(bits, 2)) / 2), LUT_DELAY_NS * Math.ceil(Math.log2(Math.max(bits, 2)) / 2));
    case 'mul': {
      if (Math.max(a, b) < DSP_MIN_MULTIPLY_BITS.value) {
        return comb(Math.ceil(a * b * LUTS_PER_LUT_MULTIPLIER_BIT2.value), LUT_DELAY_NS * Math.ceil(Math.log2(Math.max(a, b, 2))), a + b);
      }
      const dsp = dspsForMultiply(a, b);
      // one DSP48E2 multiplies combinationally in DSP_MULTIPLY_DELAY_NS, chained like any logic while it fits the
      // cycle; a product of several slices adds their partial products (one more pass each level)
      const delayNs = DSP_MULTIPLY_DELAY_NS.value * (1 + Math.ceil(Math.log2(dsp)) / 2);
      const periodNs = 1e9 / clockHz;
      const lut = dsp > 1 ? 2 * Math.max(a, b) : 0;
      if (delayNs <= periodNs * (1 - DEFAULT_UNCERTAINTY)) return { latencyCycles: 0, delayNs, dsp, lut, ff: a + b };
      return { latencyCycles: Math.ceil(delayNs / (periodNs * (1 - DEFAULT_UNCERTAINTY))), delayNs: 0, dsp, lut, ff: a + b };
    }
    case 'div':
    case 'sqrt':
      // a radix-2 divider/square root: one stage per quotient bit (Vitis's sdiv/udiv cores), LUTs ~ bits^2
      return { latencyCycles: bits + 3, delayNs: 0, dsp: 0, lut: bits * bits, ff: bits * bits };
    default:
      throw new FpgasimError(`operation ${JSON.stringify(op.key)}: ${op.kind} of an integer or fixed-point type has no model (allowed: add, sub, mul, div, sqrt, cmp, select, logic, or a float type)`);
  }
}

function floatCost(op: TypedOp, clockHz: number): TypedOperatorCost {
  const bits = op.type.bits;
  if (op.kind === 'select' || op.kind === 'and' || op.kind === 'or' || op.kind === 'xor') return comb(Math.ceil(bits / 2), LUT_DELAY_NS);
  if (op.kind === 'fptrunc' || op.kind === 'fpext') return { latencyCycles: 1, delayNs: 0, dsp: 0, lut: 2 * bits, ff: bits };
  const primitive = FLOAT32_PRIMITIVE[op.kind];
  if (!primitive) throw new FpgasimError(`operation ${JSON.stringify(op.key)}: ${op.kind} of a float has no model (allowed: ${Object.keys(FLOAT32_PRIMITIVE).join(', ')}, select, fptrunc, fpext, math calls)`);
  const base = float32Cost(primitive, clockHz);
  if (bits === 32 || op.kind === 'fptosi' || op.kind === 'sitofp') return { ...base, delayNs: 0 };
  const wide = WIDE_FLOAT[bits as 64 | 16]?.[op.kind];
  if (!wide) throw new FpgasimError(`operation ${JSON.stringify(op.key)}: ${bits}-bit floats have no ${op.kind} model`);
  return {
    latencyCycles: Math.max(1, Math.round(base.latencyCycles * wide.latencyScale)),
    delayNs: 0,
    dsp: wide.dsp,
    lut: Math.round(base.lut * wide.lutScale),
    ff: Math.round(base.ff * wide.lutScale),
  };
}

/**
 * A math call as one pipelined unit. glibc and binary32: the project's functions, priced from the primitive
 * operations counted in them (operators.ts, math-recipes). vitis-hls: the hls_math unit a public csynth
 * report shows for that function and type (hls-math.ts); sqrt, recip and rsqrt are the Floating-Point
 * Operator cores; a function no report prices falls back to hls_math's exp of the same type, an ESTIMATE.
 */
function mathCallCost(op: TypedOp, clockHz: number, math: MathLibrary): TypedOperatorCost {
  const float32 = op.type.kind === 'float' && op.type.bits === 32;
  if (op.kind === 'recip') return floatCost({ ...op, kind: 'div' }, clockHz);
  if (op.kind === 'rsqrt') {
    const [root, div] = [floatCost({ ...op, kind: 'sqrt' }, clockHz), floatCost({ ...op, kind: 'div' }, clockHz)];
    return { latencyCycles: root.latencyCycles + div.latencyCycles, delayNs: 0, dsp: root.dsp + div.dsp, lut: root.lut + div.lut, ff: root.ff + div.ff };
  }
  if (math !== 'vitis-hls') {
    const composite = ({ exp: 'fexp', sin: 'fsin', cos: 'fcos', pow: 'fpow' } as const)[op.kind as 'exp'];
    if (!composite || !float32) throw new FpgasimError(`operation ${JSON.stringify(op.key)}: math "${math}" has exp, sin, cos and pow of float32 only (allowed: those, or math "vitis-hls")`);
    return { ...float32Cost(composite, clockHz, math), delayNs: 0 };
  }
  const unit = hlsMathUnit(op.kind, op.type.name) ?? hlsMathUnit('exp', op.type.kind === 'float' && op.type.bits === 64 ? 'float64' : 'float32')!;
  return { latencyCycles: unit.latencyCycles, delayNs: 0, dsp: unit.dsp, lut: unit.lut, ff: unit.ff, bram18: unit.bram18 };
}

/** Latency, delay and resources of one instance of op at clockHz under the kernel's math library. */
export function typedOperatorCost(op: TypedOp, clockHz: number, math: MathLibrary): TypedOperatorCost {
  if (MATH_CALLS.includes(op.kind)) return mathCallCost(op, clockHz, math);
  if (op.kind === 'sitofp' || op.kind === 'fptosi') return { ...float32Cost(op.kind, clockHz), delayNs: 0 };
  return op.type.kind === 'float' ? floatCost(op, clockHz) : integerCost(op, clockHz);
}
