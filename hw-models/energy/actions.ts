// Off-chip memory energy per action. The on-chip energies per action (DSP operation, BRAM access, clock and
// logic per cycle) were chosen with HLSTransform's power in view, so they are fitted values and live in
// ../calibration.ts (FPGA_ENERGY_PER_ACTION_J) with that datum.
import type { MemoryType } from '../devices/types.js';

const pJ = 1e-12;

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
