import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../kernels/errors.js';
import { FPGA_STATIC_POWER_SCALE } from '../../hw-models/calibration.js';
import { loadDevice } from '../../hw-models/devices/load.js';
import { DRAM_ENERGY_PER_BIT_J } from '../../hw-models/energy/actions.js';
import { FPGA_ENERGY_PER_ACTION_J } from '../../hw-models/calibration.js';

const E = FPGA_ENERGY_PER_ACTION_J.value;
import type { Activity } from '../../hw-models/energy/activity.js';
import { fpgaEnergy } from '../../hw-models/energy/fpga-energy.js';
import { operatorCost } from '../../hw-models/operators.js';

const f1 = loadDevice('vu9p-f1');
const idle: Activity = {
  seconds: 1,
  clockHz: 250e6,
  ops: {},
  bramReads: 0,
  bramWrites: 0,
  uramReads: 0,
  uramWrites: 0,
  dramBytes: {},
  resources: { lut: 0, ff: 0, dsp: 0, bram18: 0, uram: 0 },
  activeLogic: { lutCycles: 0, ffCycles: 0 },
};

/** Roughly HLSTransform's stories110M design for one second at 57 tokens/s (an illustration, not a fit). */
const hlstransformLike: Activity = {
  ...idle,
  ops: { mul8: 57 * 109.5e6, add32: 57 * 109.5e6, fadd: 57 * 4e6, fmul: 57 * 4e6, fexp: 57 * 40e3 },
  bramReads: 57 * 20e6,
  bramWrites: 57 * 2e6,
  uramReads: 57 * 1e6,
  dramBytes: { ddr4: 57 * 116.3e6 },
  resources: { lut: 300e3, ff: 400e3, dsp: 1500, bram18: 1500, uram: 200 },
  activeLogic: { lutCycles: 0.9 * 250e6 * 300e3, ffCycles: 0.9 * 250e6 * 400e3 },
};

describe('fpgaEnergy', () => {
  it('charges only static power (documented 3.06 W x the fitted scale) to an empty, idle design', () => {
    const e = fpgaEnergy({ ...idle, seconds: 2 }, f1);
    expect(e.staticW).toBeCloseTo(3.06 * FPGA_STATIC_POWER_SCALE.value, 6);
    expect(e.dynamicW).toBe(0);
    expect(e.energyJ).toBeCloseTo(2 * 3.06 * FPGA_STATIC_POWER_SCALE.value, 6);
  });

  it('adds each action count x its energy, per component', () => {
    const e = fpgaEnergy({ ...idle, ops: { fadd: 1e9 }, bramReads: 1e9, dramBytes: { ddr4: 1e9, hbm2: 1e9 } }, f1);
    const fadd = operatorCost('fadd', 250e6);
    expect(e.breakdown.ops).toBeCloseTo(1e9 * (fadd.dsp * E.dspOp + fadd.lut * E.lutOp), 9);
    expect(e.breakdown.bram).toBeCloseTo(1e9 * 5e-12, 9);
    expect(e.breakdown['dram:ddr4']).toBeCloseTo(8e9 * DRAM_ENERGY_PER_BIT_J.ddr4, 9); // 0.12 J at 15 pJ/bit
    expect(e.breakdown['dram:hbm2']).toBeCloseTo(8e9 * 4e-12, 9);
    expect(e.totalW).toBeCloseTo(Object.values(e.breakdown).reduce((s, j) => s + j, 0), 9);
  });

  it('scales clock power with what the design instantiates, even when idle', () => {
    const busy = fpgaEnergy({ ...idle, resources: { lut: 0, ff: 1e6, dsp: 0, bram18: 0, uram: 0 } }, f1);
    expect(busy.breakdown.clock).toBeCloseTo(1e6 * E.ffClock * 250e6, 9); // 1 W for a million FFs at 250 MHz
  });

  it('puts an HLSTransform-sized design at a few watts, the order of the published 8.3 W', () => {
    const e = fpgaEnergy(hlstransformLike, f1);
    console.log('HLSTransform-like activity on vu9p-f1 (uncalibrated):', JSON.stringify({ totalW: e.totalW.toFixed(2), breakdownJ: e.breakdown }));
    expect(e.totalW).toBeGreaterThan(4);
    expect(e.totalW).toBeLessThan(16);
  });

  it('refuses impossible activity: no time, negative counts, more active cycles than cycles', () => {
    expect(() => fpgaEnergy({ ...idle, seconds: 0 }, f1)).toThrow(new FpgasimError('activity seconds 0 is not allowed (allowed: above 0)'));
    expect(() => fpgaEnergy({ ...idle, bramReads: -1 }, f1)).toThrow('activity bramReads -1 is not allowed (allowed: a count >= 0)');
    const tiny = { ...idle, resources: { ...idle.resources, lut: 10 } };
    expect(() => fpgaEnergy({ ...tiny, activeLogic: { lutCycles: 3e9, ffCycles: 0 } }, f1)).toThrow(
      'activity activeLogic.lutCycles 3000000000 is more than the 10 instantiated x 250000000 cycles',
    );
    expect(() => fpgaEnergy({ ...idle, clockHz: 600e6 }, f1)).not.toThrow(); // no ops: no operator table consulted
    expect(() => fpgaEnergy({ ...idle, clockHz: 600e6, ops: { fadd: 1 } }, f1)).toThrow('above its latency table');
  });
});
