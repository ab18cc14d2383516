// Energy per action on UltraScale+ (16 nm, Vccint 0.85 V), Accelergy style: each action the simulator counts
// costs a fixed energy. Every value here is an ESTIMATE unless its comment names a measurement: the searched
// corpus holds no per-action XPE table. The values are chosen so that a VU9P design of HLSTransform's size at
// 250 MHz lands at a few watts of dynamic power, the order the F1 power reading shows; the single static/idle
// factor in calibration.ts absorbs what they miss once the simulator reproduces the HLSTransform design.
import type { MemoryType } from '../devices/types.js';

const pJ = 1e-12;

export const ENERGY_PER_ACTION_J = {
  /** One operation in a DSP48E2 (27x18 multiply + 48-bit add, operands toggling): ESTIMATE. */
  dspOp: 4 * pJ,
  /** One operation, per LUT of the operator's fabric logic (about 0.05 pJ per LUT output switch with routing): ESTIMATE. */
  lutOp: 0.05 * pJ,
  /** Per active cycle, per LUT of the design: fabric switching at XPE's default 12.5% toggle rate (0.16 pJ x 0.125): ESTIMATE. */
  lutActiveCycle: 0.02 * pJ,
  /** Per active cycle, per flip-flop of the design, at the same toggle rate: ESTIMATE. */
  ffActiveCycle: 0.01 * pJ,
  /** Per clock cycle, whether active or not: clock tree and clock pins of each instantiated element: ESTIMATES. */
  ffClock: 0.004 * pJ,
  dspClock: 0.2 * pJ,
  bram18Clock: 0.3 * pJ,
  uramClock: 0.6 * pJ,
  /** One BRAM18 port access (up to 36 bits): ESTIMATE. */
  bramRead: 5 * pJ,
  bramWrite: 5.5 * pJ,
  /** One URAM288 port access (72 bits): ESTIMATE. */
  uramRead: 10 * pJ,
  uramWrite: 11 * pJ,
} as const;

/**
 * Off-chip memory energy per bit moved, DRAM device and I/O together. DDR4: 15 pJ/bit, the low end of the
 * 15-20 pJ/bit range usually quoted for DDR4 systems (ESTIMATE; Li, Reddy and Jacob, MEMSYS 2018, find that
 * most DRAM energy is spent in the I/O interface). HBM2: 4 pJ/bit, from AMD WP485's 'four times lower power
 * per bit than external memory' applied to DDR4's 15 (ESTIMATE within the 4-7 pJ/bit usually quoted).
 * LPDDR4: 6 pJ/bit, between the two (ESTIMATE).
 */
export const DRAM_ENERGY_PER_BIT_J: Record<MemoryType, number> = {
  ddr4: 15 * pJ,
  hbm2: 4 * pJ,
  lpddr4: 6 * pJ,
};
