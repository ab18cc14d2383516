// Vitis's hls_math as a design's math: each call priced as the unit a public csynth report shows.
import { describe, expect, it } from 'vitest';
import { HLS_MATH_UNITS } from '../../hw-models/hls-math.js';
import { operatorCost } from '../../hw-models/operators.js';
import { typedOp, typedOperatorCost } from '../../hw-models/typed-operators.js';

describe('math "vitis-hls"', () => {
  it('prices a built-in exp/sin/cos/pow as its hls_math unit, not as the project functions', () => {
    expect(operatorCost('fexp', 250e6, 'vitis-hls')).toEqual({ latencyCycles: 10, dsp: 7, lut: 918, ff: 317, bram18: 0 });
    expect(operatorCost('fpow', 250e6, 'vitis-hls')).toMatchObject({ dsp: 17, bram18: 7 });
    // the project's glibc-compatible pow is built from double-precision cores: far larger than hls_math's
    expect(operatorCost('fpow', 250e6, 'glibc').dsp).toBeGreaterThan(operatorCost('fpow', 250e6, 'vitis-hls').dsp);
  });

  it('prices a spec\'s math calls by function and type, every unit citing its report', () => {
    expect(typedOperatorCost(typedOp('sin float32', 'test'), 100e6, 'vitis-hls')).toMatchObject({ dsp: 8, ff: 1479, lut: 2700 });
    expect(typedOperatorCost(typedOp('exp float64', 'test'), 100e6, 'vitis-hls')).toMatchObject({ dsp: 16, latencyCycles: 28 });
    for (const unit of Object.values(HLS_MATH_UNITS)) expect(unit.source).toMatch(/csynth\.(rpt|xml)$/);
  });

  it('builds recip and rsqrt from the divider and square-root cores', () => {
    const div = typedOperatorCost(typedOp('div float32', 'test'), 250e6, 'vitis-hls');
    const sqrt = typedOperatorCost(typedOp('sqrt float32', 'test'), 250e6, 'vitis-hls');
    expect(typedOperatorCost(typedOp('recip float32', 'test'), 250e6, 'vitis-hls')).toEqual(div);
    expect(typedOperatorCost(typedOp('rsqrt float32', 'test'), 250e6, 'vitis-hls').latencyCycles).toBe(div.latencyCycles + sqrt.latencyCycles);
  });

  it('refuses a math call the project\'s own libraries do not have', () => {
    expect(() => typedOperatorCost(typedOp('tanh float32', 'test'), 250e6, 'glibc')).toThrow('math "glibc" has exp, sin, cos and pow of float32 only');
  });
});
