// What the simulator counts while a design runs, the input of the energy model (Accelergy's "action
// counts"): operations, on-chip memory port accesses, off-chip bytes, and what the design instantiates.
import type { OpCounts } from '../../kernels/loops.js';
import type { MemoryType, Resources } from '../devices/types.js';
import type { DesignMath } from '../../kernels/math/library.js';

export interface Activity {
  seconds: number; // simulated time the activity spans
  clockHz: number;
  ops: OpCounts | Record<string, number>; // operation -> count: built-in operations, or typed keys ('mul int8') with EnergyOptions.opCost
  /** The design's math library: what one exp/sin/cos/pow of `ops` costs (default "glibc"). */
  math?: DesignMath;
  bramReads: number; // BRAM port accesses
  bramWrites: number;
  uramReads: number;
  uramWrites: number;
  dramBytes: Partial<Record<MemoryType, number>>;
  resources: Resources; // what the design instantiates: clock-tree and idle power scale with it
  /**
   * Logic doing work: each part of the design's LUTs and FFs times the cycles that part was busy (a kernel's
   * logic toggles while that kernel runs, not while another does). At most resources x cycles.
   */
  activeLogic: { lutCycles: number; ffCycles: number };
}
