// Dynamic power of a corpus kernel by the same energy model that prices the Llama designs (hw-models/energy),
// beside the post-route power Vivado reported for it. The kernel runs back to back: its activity over one
// call (operations, on-chip accesses, the logic it instantiates, busy all the time) divided by the call's time.
// The reported figures come from report_power with vectorless default activity, an estimate itself, so this
// checks the order of the fitted per-action energies on hardware they were not fitted to, no more.
import { listDevices } from '../../hw-models/devices/load.js';
import type { Device } from '../../hw-models/devices/types.js';
import { fpgaEnergy } from '../../hw-models/energy/fpga-energy.js';
import { typedOp, typedOperatorCost } from '../../hw-models/typed-operators.js';
import { scheduleSpec } from '../../sim/schedule.js';
import type { KernelSpec, SpecLoop } from '../../sim/spec/types.js';
import type { KernelEstimate } from '../../sim/spec/estimate.js';

/** Operations of a loop nest over all its iterations, by operation key (worst-case trip counts). */
export function specOps(loops: SpecLoop[], times = 1, into: Record<string, number> = {}): Record<string, number> {
  for (const loop of loops) {
    const n = loop.trip.max * times;
    for (const [op, count] of loop.ops) into[op.key] = (into[op.key] ?? 0) + count * n;
    specOps(loop.inner, n, into);
  }
  return into;
}

const die = (part: string) => part.toLowerCase().split('-')[0];

/** The board whose part is the spec's, for the energy model's device terms; null when no board file has that die. */
function deviceOf(spec: KernelSpec): Device | null {
  return listDevices().find((d) => die(d.part) === die(spec.part)) ?? null;
}

export function predictDynamicPowerW(spec: KernelSpec, estimate: KernelEstimate): number | null {
  const device = deviceOf(spec);
  if (!device || estimate.latencyCycles.max <= 0) return null;
  const scheduled = scheduleSpec(spec, 'max');
  const cycles = estimate.latencyCycles.max;
  const onChip = (kind: 'reads' | 'writes', uram: boolean) =>
    Object.entries(scheduled.onChip[kind]).reduce((sum, [storage, n]) => sum + ((storage === 'uram') === uram ? n : 0), 0);
  const r = estimate.resources;
  const resources = { lut: r.lut.used, ff: r.ff.used, dsp: r.dsp.used, bram18: r.bram18.used, uram: r.uram.used };
  const energy = fpgaEnergy(
    {
      seconds: cycles / spec.clockHz,
      clockHz: spec.clockHz,
      ops: specOps(spec.loops),
      bramReads: onChip('reads', false),
      bramWrites: onChip('writes', false),
      uramReads: onChip('reads', true),
      uramWrites: onChip('writes', true),
      dramBytes: {},
      resources,
      activeLogic: { lutCycles: resources.lut * cycles, ffCycles: resources.ff * cycles },
    },
    device,
    { opCost: (key) => typedOperatorCost(typedOp(key, 'power'), spec.clockHz, spec.math) },
  );
  return energy.dynamicW;
}
