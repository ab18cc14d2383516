// Resources of a scheduled design against the device budget: the parts add up, each directive costs what
// it should (a wider row buffer, another m_axi port, more matvec copies, a cache in URAM), and an
// over-budget design names every resource it overflows.
import { describe, expect, it } from 'vitest';
import { describeDecodeStep } from '../../kernels/describe-step.js';
import type { KernelName } from '../../kernels/loops.js';
import { MODEL_SHAPES } from '../../kernels/model/shapes.js';
import { loadDevice } from '../../hw-models/devices/load.js';
import { RESOURCE_KEYS, type Device } from '../../hw-models/devices/types.js';
import { maxiAdapterCost } from '../../hw-models/maxi.js';
import { uramForBank } from '../../hw-models/memories.js';
import type { Design } from '../../kernels/design.js';
import { estimateResources, kernelFunctions, XRT_KERNEL_TOP } from '../../sim/resources.js';
import { scheduleCall } from '../../sim/step-plan.js';
import { hlstransform, hlstransformEdited } from '../helpers/designs.js';

const f1 = loadDevice('vu9p-f1');
const stories110M = MODEL_SHAPES.stories110M;

function resourcesOf(design: Design, copies: [KernelName, number][] = [], device: Device = f1) {
  const schedules = describeDecodeStep(stories110M, 0, design).map((call) => scheduleCall(call, design, device));
  const widths = Object.values(design.bundles).map((b) => b.widthBits);
  return estimateResources(kernelFunctions(schedules, new Map(copies)), widths, device.budget, XRT_KERNEL_TOP);
}

describe('estimateResources for the HLSTransform design on stories110M', () => {
  const use = resourcesOf(hlstransform());

  it('adds up its parts (operators, memories, m_axi adapters, control), rounded up to whole units', () => {
    for (const key of RESOURCE_KEYS) {
      const parts = Object.values(use.breakdown).reduce((sum, part) => sum + part[key], 0);
      expect(use.used[key]).toBe(Math.ceil(parts));
    }
    expect(use.available).toEqual(f1.budget);
  });

  it("prices its math: glibc's double-precision exp/sin/cos/pow take more DSPs than the binary32 functions", () => {
    const glibc = resourcesOf(hlstransform('math=glibc'));
    expect(glibc.used.dsp).toBeGreaterThan(use.used.dsp);
    expect(glibc.breakdown.operators.dsp - use.breakdown.operators.dsp).toBeGreaterThan(100);
  });

  it('has one m_axi adapter per bundle: three 512-bit ports', () => {
    const port = maxiAdapterCost(512);
    expect(use.breakdown.maxi).toEqual({ lut: 3 * port.lut, ff: 3 * port.ff, bram18: 3 * port.bram18, dsp: 0, uram: 0 });
  });

  it('uses no URAM (nothing is placed there) and a small share of BRAM', () => {
    expect(use.used.uram).toBe(0);
    expect(use.used.bram18).toBeLessThan(0.2 * f1.budget.bram18);
  });
});

describe('what each directive costs', () => {
  const base = resourcesOf(hlstransform());

  it('a fourth m_axi bundle costs exactly one more adapter', () => {
    const fourth = resourcesOf(hlstransform('bundles.gmem2={"widthBits":256,"memory":"DDR[1]","maxReadBurstBeats":16,"maxOutstandingReads":16}'));
    const port = maxiAdapterCost(256);
    expect(fourth.used.lut - base.used.lut).toBe(port.lut);
    expect(fourth.used.bram18 - base.used.bram18).toBe(port.bram18);
    expect(fourth.used.dsp).toBe(base.used.dsp);
  });

  it('three copies of matvec (a dataflow design) cost two more matvecs: 2 x 5 DSP', () => {
    // one matvec: 32 int8 multipliers (in LUTs: 8 bits is below the DSP width threshold) + 1 fmul (3 DSP) + 1 fadd (2 DSP) at II 24
    const three = resourcesOf(hlstransform(), [['matvec', 3]]);
    expect(three.used.dsp - base.used.dsp).toBe(2 * (3 + 2));
  });

  it('a row buffer partitioned 64 instead of 32 takes 64 BRAM18 instead of 32 (one per bank)', () => {
    const wider = resourcesOf(hlstransformEdited((j) => (j.kernels.matvec.partition['w.q'].factor = 64)));
    expect(wider.used.bram18 - base.used.bram18).toBe(32);
  });

  it('the KV cache in URAM: 2 caches x 12 layers x 1024 x 768 floats, 4096 per URAM: 4608 URAMs', () => {
    const uram = resourcesOf(hlstransform('placement.kv-cache=uram'));
    const words = stories110M.nLayers * stories110M.seqLen * stories110M.dim;
    expect(uram.used.uram).toBe(2 * uramForBank(words, 32));
    expect(uram.used.uram).toBe(4608);
    expect(uram.fits).toBe(false);
    expect(uram.overflows).toContain('URAM: 4608 used, 800 available (576%)');
  });
});

describe('over budget: every overflowing resource is named', () => {
  it('on the KV260 (1,248 DSP, 288 BRAM18, 64 URAM) the KV cache in URAM overflows URAM, and the rest what it does', () => {
    const kv260 = loadDevice('kv260');
    const use = resourcesOf(hlstransform('placement.kv-cache=uram'), [], kv260);
    expect(use.fits).toBe(false);
    const named = use.overflows.map((o) => o.split(':')[0]);
    const over = RESOURCE_KEYS.filter((key) => use.used[key] > kv260.budget[key]);
    expect(named).toEqual(over.map((key) => ({ lut: 'LUT', ff: 'FF', dsp: 'DSP', bram18: 'BRAM18', uram: 'URAM' })[key]));
    expect(named).toContain('URAM');
    for (const line of use.overflows) expect(line).toMatch(/^(LUT|FF|DSP|BRAM18|URAM): \d+ used, \d+ available \(\d+%\)$/);
  });
});
