// A malformed kernel spec is one line naming the field, the value and what is allowed.
import { describe, expect, it } from 'vitest';
import { parseKernelSpec } from '../../../sim/spec/load.js';

const good = {
  name: 'k',
  part: 'xcvu13p-flga2577-2-e',
  clock: '5 ns',
  arrays: { x: { elements: 16, type: 'ap_fixed<16,6>' } },
  loops: [{ label: 'l', trip: 16, ops: { 'mul ap_fixed<16,6>': 1 }, reads: { x: 1 } }],
};
const edited = (edit: (j: any) => void) => {
  const j = structuredClone(good);
  edit(j);
  return () => parseKernelSpec(j, 'spec.json');
};

describe('parseKernelSpec', () => {
  it('reads a good spec: part from the parts table, clock from a period', () => {
    const spec = parseKernelSpec(good, 'spec.json');
    expect(spec.clockHz).toBeCloseTo(200e6, 3);
    expect(spec.budget.dsp).toBe(12288);
    expect(spec.loops[0].trip).toEqual({ min: 16, max: 16, avg: 16 });
    expect([...spec.loops[0].ops.keys()].map((op) => op.key)).toEqual(['mul ap_fixed<16,6>']);
  });

  it('refuses bad fields in one line each', () => {
    expect(edited((j) => (j.clock = '250 GHz'))).toThrow('spec.json: clock = "250 GHz" is not allowed (a clock from 1 MHz to 1 GHz, e.g. "250 MHz" or "4 ns")');
    expect(edited((j) => (j.part = 'xc7z020'))).toThrow(/part = "xc7z020" is not a known part \(allowed: a part number of .*xcvu13p/);
    expect(edited((j) => (j.arrays.x.type = 'float17'))).toThrow(/arrays\.x\.type = "float17" is not a data type \(allowed: half, float32/);
    expect(edited((j) => (j.loops[0].ops = { 'fma float32': 1 }))).toThrow(/operation "fma float32" is not allowed \(allowed: "<op> <type>"/);
    expect(edited((j) => (j.loops[0].reads = { y: 1 }))).toThrow('spec.json: loops[0].reads.y names no array (allowed: x)');
    expect(edited((j) => (j.loops[0].trip = -1))).toThrow('spec.json: loops[0].trip = -1 is not allowed (an integer from 0 to 1099511627776)');
    expect(edited((j) => (j.loops[0].colour = 'red'))).toThrow(/unknown key loops\[0\]\.colour \(allowed: label, trip/);
    expect(edited((j) => (j.arrays.x.elements = 1e12))).toThrow(/arrays\.x\.elements = 1000000000000 is not allowed/);
    expect(edited((j) => (j.arrays.x.partition = { type: 'cyclic' }))).toThrow('spec.json: arrays.x.partition.factor = null is not allowed (a factor for cyclic partitioning)');
    expect(edited((j) => (j.arrays.x.interface = 'pcie'))).toThrow(/arrays\.x\.interface = "pcie" is not allowed \(one of m_axi, onchip, ap_memory/);
    expect(edited((j) => delete j.loops)).toThrow('spec.json: missing loops');
  });

  it('refuses nests deeper than 16 before reading them all', () => {
    let loop: any = { label: 'l', trip: 1 };
    for (let i = 0; i < 100; i++) loop = { label: `l${i}`, trip: 1, loops: [loop] };
    expect(edited((j) => (j.loops = [loop]))).toThrow(/loops nested at most 16 deep/);
  });
});
