// FPGA energy the Accelergy way: energy = sum over actions of (count x energy per action) + static power x
// time. The actions are those the simulator counts (activity.ts); the energies are energy/actions.ts; the one
// fitted factor is calibration.ts's FPGA_STATIC_POWER_SCALE.
//
// Components of the breakdown (joules):
//   static       device static power x scale x seconds
//   clock        clock tree and clock pins of every instantiated FF, DSP, BRAM18, URAM, every cycle
//   activeLogic  LUT/FF switching of the design during its active cycles
//   ops          each operation in its DSPs and its own LUTs (operator costs at this clock)
//   bram, uram   port accesses
//   dram:<type>  off-chip bytes (device and I/O energy; note F1's power reading covers Vccint only)
import { check } from '../../kernels/errors.js';
import type { Op } from '../../kernels/loops.js';
import { FPGA_ENERGY_PER_ACTION_J, FPGA_STATIC_POWER_SCALE } from '../calibration.js';
import type { Device, MemoryType } from '../devices/types.js';
import { operatorCost } from '../operators.js';
import { DRAM_ENERGY_PER_BIT_J } from './actions.js';

const E = FPGA_ENERGY_PER_ACTION_J.value;

export interface EnergyOptions {
  /** Prices an operation key of activity.ops (default: the built-in operations of kernels/loops.ts). */
  opCost?: (op: string) => { dsp: number; lut: number };
  /** Multiplies every on-chip dynamic term: the sensitivity band of the fitted per-action energies. */
  dynamicScale?: number;
}
import type { Activity } from './activity.js';

export interface FpgaEnergy {
  staticW: number;
  dynamicW: number;
  totalW: number;
  energyJ: number;
  breakdown: Record<string, number>; // joules per component
}

function checkActivity(a: Activity): void {
  check(Number.isFinite(a.seconds) && a.seconds > 0, `activity seconds ${a.seconds} is not allowed (allowed: above 0)`);
  check(Number.isFinite(a.clockHz) && a.clockHz > 0, `activity clockHz ${a.clockHz} is not allowed (allowed: above 0)`);
  const counts: [string, number][] = [
    ['bramReads', a.bramReads],
    ['bramWrites', a.bramWrites],
    ['uramReads', a.uramReads],
    ['uramWrites', a.uramWrites],
    ['activeLogic.lutCycles', a.activeLogic.lutCycles],
    ['activeLogic.ffCycles', a.activeLogic.ffCycles],
    ...Object.entries(a.ops).map(([op, n]) => [`ops.${op}`, n] as [string, number]),
    ...Object.entries(a.dramBytes).map(([type, n]) => [`dramBytes.${type}`, n] as [string, number]),
    ...Object.entries(a.resources).map(([key, n]) => [`resources.${key}`, n] as [string, number]),
  ];
  for (const [name, n] of counts) check(Number.isFinite(n) && n >= 0, `activity ${name} ${n} is not allowed (allowed: a count >= 0)`);
  const cycles = a.seconds * a.clockHz;
  for (const [name, count, instantiated] of [
    ['lutCycles', a.activeLogic.lutCycles, a.resources.lut],
    ['ffCycles', a.activeLogic.ffCycles, a.resources.ff],
  ] as const) {
    check(
      count <= instantiated * cycles * (1 + 1e-9),
      `activity activeLogic.${name} ${count} is more than the ${instantiated} instantiated x ${cycles} cycles in ${a.seconds} s at ${a.clockHz} Hz`,
    );
  }
}

export function fpgaEnergy(activity: Activity, device: Device, options: EnergyOptions = {}): FpgaEnergy {
  checkActivity(activity);
  const opCost = options.opCost ?? ((op: string) => operatorCost(op as Op, activity.clockHz, activity.math));
  const k = options.dynamicScale ?? 1;
  const { seconds, clockHz, resources: r } = activity;
  const breakdown: Record<string, number> = {};
  breakdown.static = device.staticPowerW * FPGA_STATIC_POWER_SCALE.value * seconds;
  breakdown.clock = k * (r.ff * E.ffClock + r.dsp * E.dspClock + r.bram18 * E.bram18Clock + r.uram * E.uramClock) * clockHz * seconds;
  breakdown.activeLogic = k * (activity.activeLogic.lutCycles * E.lutActiveCycle + activity.activeLogic.ffCycles * E.ffActiveCycle);
  breakdown.ops = 0;
  for (const [op, count] of Object.entries(activity.ops)) {
    const cost = opCost(op);
    breakdown.ops += k * count * (cost.dsp * E.dspOp + cost.lut * E.lutOp);
  }
  breakdown.bram = k * (activity.bramReads * E.bramRead + activity.bramWrites * E.bramWrite);
  breakdown.uram = k * (activity.uramReads * E.uramRead + activity.uramWrites * E.uramWrite);
  for (const [type, bytes] of Object.entries(activity.dramBytes) as [MemoryType, number][]) {
    breakdown[`dram:${type}`] = bytes * 8 * DRAM_ENERGY_PER_BIT_J[type];
  }
  const energyJ = Object.values(breakdown).reduce((sum, j) => sum + j, 0);
  const totalW = energyJ / seconds;
  const staticW = breakdown.static / seconds;
  return { staticW, dynamicW: totalW - staticW, totalW, energyJ, breakdown };
}
