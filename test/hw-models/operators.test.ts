import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../kernels/errors.js';
import { MATH_RECIPES } from '../../hw-models/math-recipes.js';
import { burstReadS, maxiAdapterCost } from '../../hw-models/maxi.js';
import { MAX_OPERATOR_CLOCK_HZ, operatorCost, primitiveLatencyCycles, PRIMITIVE_OPERATORS } from '../../hw-models/operators.js';
import { MATH_PRIMITIVE_OPERATORS } from '../../hw-models/math-operators.js';
import { loadDevice } from '../../hw-models/devices/load.js';

const MHz = 1e6;

describe('operatorCost', () => {
  it('schedules fadd in 4 cycles and fmul in 3 at 250 MHz (Vitis HLS on UltraScale+)', () => {
    expect(operatorCost('fadd', 250 * MHz)).toEqual({ latencyCycles: 4, dsp: 2, lut: 230, ff: 360 });
    expect(operatorCost('fmul', 250 * MHz)).toEqual({ latencyCycles: 3, dsp: 3, lut: 140, ff: 190 });
  });

  it('fits a float add in one cycle at a slow clock and needs 11 at 500 MHz', () => {
    expect(operatorCost('fadd', 25 * MHz).latencyCycles).toBe(1);
    expect(operatorCost('fadd', 500 * MHz).latencyCycles).toBe(11);
    expect(operatorCost('fadd', 300 * MHz).latencyCycles).toBe(4); // a step's upper edge is inclusive
    expect(operatorCost('fadd', 300.001 * MHz).latencyCycles).toBe(7);
  });

  it('never lets latency fall as the clock rises', () => {
    for (const op of [...Object.keys(PRIMITIVE_OPERATORS), ...Object.keys(MATH_PRIMITIVE_OPERATORS)]) {
      let previous = 0;
      for (let mhz = 10; mhz <= 500; mhz += 10) {
        const latency = primitiveLatencyCycles(op, mhz * MHz);
        expect(latency).toBeGreaterThanOrEqual(previous);
        previous = latency;
      }
    }
  });

  it('prices an int8 multiply at half a DSP48E2 (two products share one DSP, WP486)', () => {
    expect(operatorCost('mul8', 250 * MHz).dsp).toBe(0.5);
  });

  it('prices binary32 exp/sin/cos/pow as their recipe: latency along the chain, resources of every primitive', () => {
    const fexp = operatorCost('fexp', 250 * MHz, 'binary32');
    const recipe = MATH_RECIPES.binary32.fexp;
    const chain = recipe.chain.reduce((s, p) => s + primitiveLatencyCycles(p, 250 * MHz), 0);
    expect(fexp.latencyCycles).toBe(chain);
    expect(fexp.latencyCycles).toBe(4 * 12 + 3 * 10); // 12 fadd and 10 fmul on the path
    expect(fexp.dsp).toBe(12 * 3 + 21 * 2);
    for (const library of Object.values(MATH_RECIPES)) {
      for (const r of Object.values(library)) {
        for (const p of new Set(r.chain)) expect(r.chain.filter((q) => q === p).length).toBeLessThanOrEqual(r.ops[p] ?? 0);
      }
    }
  });

  it("prices glibc's exp with double-precision operators (the default math): dearer in DSPs than binary32's", () => {
    const glibc = operatorCost('fexp', 250 * MHz);
    expect(glibc).toEqual(operatorCost('fexp', 250 * MHz, 'glibc'));
    // 6 dmul (11 DSP) and 6 dadd (3 DSP), as counted from kernels/math/glibc/exp.ts, and the fadd of x + x (NaN in)
    expect(MATH_RECIPES.glibc.fexp.ops).toMatchObject({ dmul: 6, dadd: 6, fadd: 1, rom: 1, fpext: 1, fptrunc: 1 });
    expect(glibc.dsp).toBe(6 * 11 + 6 * 3 + 2);
    expect(glibc.dsp).toBeGreaterThan(operatorCost('fexp', 250 * MHz, 'binary32').dsp);
    expect(operatorCost('fsin', 250 * MHz, 'glibc').dsp).toBeGreaterThan(operatorCost('fsin', 250 * MHz, 'binary32').dsp);
  });

  it('refuses a clock above the tables, and a zero or negative clock, with a clear FpgasimError', () => {
    expect(MAX_OPERATOR_CLOCK_HZ).toBe(500 * MHz);
    expect(() => operatorCost('fadd', 501 * MHz)).toThrow(new FpgasimError('operator fadd: clock 501 MHz is above its latency table (allowed: up to 500 MHz)'));
    expect(() => operatorCost('fsin', 600 * MHz)).toThrow(FpgasimError);
    expect(() => operatorCost('fmul', 0)).toThrow('operator fmul: clock 0 Hz is not allowed (allowed: above 0 Hz)');
    expect(() => operatorCost('fmul', -5)).toThrow(FpgasimError);
  });

  it("keeps every operator's table within the fastest device clock", () => {
    const fastest = Math.max(...['vu9p-f1', 'u250', 'u280', 'u55c', 'zcu102', 'kv260'].map((id) => loadDevice(id).maxClockHz));
    expect(fastest).toBe(MAX_OPERATOR_CLOCK_HZ);
    for (const spec of [...Object.values(PRIMITIVE_OPERATORS), ...Object.values(MATH_PRIMITIVE_OPERATORS)]) expect(spec.latency[spec.latency.length - 1].maxClockHz).toBe(MAX_OPERATOR_CLOCK_HZ);
  });
});

describe('m_axi', () => {
  it('prices the adapter by width', () => {
    expect(maxiAdapterCost(32)).toEqual({ lut: 680, ff: 1028, bram18: 2 });
    expect(maxiAdapterCost(512)).toEqual({ lut: 1880, ff: 2948, bram18: 30 });
    expect(() => maxiAdapterCost(48)).toThrow('m_axi width 48 bits is not allowed (allowed: 32, 64, 128, 256, 512, 1024)');
  });

  it('times an F1 DDR4 burst: latency, then beats at the slower of the port and the channel', () => {
    const ddr = loadDevice('vu9p-f1').memories[0];
    // 64 beats x 64 B = 4 KiB; the port moves 16 GB/s at 250 MHz, the channel sustains 0.85 x 17.07 GB/s.
    const expected = 150e-9 + 4096 / (0.85 * 17.0667e9);
    expect(burstReadS(ddr, 64, 512, 250e6)).toBeCloseTo(expected, 12);
    // At 100 MHz the 512-bit port (6.4 GB/s) is the bottleneck.
    expect(burstReadS(ddr, 64, 512, 100e6)).toBeCloseTo(150e-9 + 64 / 100e6, 12);
    expect(() => burstReadS(ddr, 257, 512, 250e6)).toThrow('burst of 257 beats is not allowed (allowed: 1 to 256, AXI4)');
  });
});
