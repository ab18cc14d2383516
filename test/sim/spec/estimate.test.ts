// Kernel specs through the one scheduler, on hand-made kernels at 250 MHz on the xczu9eg (float add 4 cycles,
// float multiply 3, a BRAM read 1), so every II and cycle count is worked out by hand.
import { describe, expect, it } from 'vitest';
import { parseKernelSpec } from '../../../sim/spec/load.js';
import { estimateKernel } from '../../../sim/spec/estimate.js';

const base = { name: 'k', part: 'xczu9eg-ffvb1156-2-i', clock: '250 MHz' };
const estimate = (spec: object) => estimateKernel(parseKernelSpec({ ...base, ...spec }, 'test'));

describe('estimate: a kernel spec scheduled as Vitis HLS would', () => {
  it('a pipelined float accumulation is recurrence-bound: II 4, 1 + 3 + 4 + 999 x 4 cycles', () => {
    const e = estimate({
      arrays: { x: { elements: 1000, type: 'float32' } },
      loops: [{ label: 'sum', trip: 1000, pipeline: { ii: 1 }, ops: { 'mul float32': 1, 'add float32': 1 }, reads: { x: 1 }, carried: { op: 'add float32' } }],
    });
    expect(e.loops[0]).toMatchObject({ path: 'sum', ii: 4, depth: 8, cyclesPerInvocation: 8 + 999 * 4, how: 'PIPELINE II=1' });
    expect(e.loops[0].iiReason).toBe('recurrence: add float32 4 cycles x 1 per iteration / 1 accumulator(s)');
    expect(e.iiViolations).toEqual(['sum: II=1 requested, 4 achieved (recurrence: add float32 4 cycles x 1 per iteration / 1 accumulator(s))']);
    // one fmul (3 DSP) and one fadd (2 DSP)
    expect(e.resources.dsp.used).toBe(5);
  });

  it('an integer sum is exact, so an unrolled one is a tree and its recurrence one add: II 1', () => {
    const e = estimate({
      arrays: { x: { elements: 1024, type: 'int32', partition: { type: 'cyclic', factor: 4 } } },
      loops: [{ label: 'sum', trip: 1024, pipeline: true, unroll: 8, ops: { 'add int32': 1 }, reads: { x: 1 }, carried: { op: 'add int32' } }],
    });
    // 8 reads per iteration from 4 banks x 2 ports: II 1; 128 iterations
    expect(e.loops[0]).toMatchObject({ ii: 1, trip: 1024, unroll: 8 });
    expect(e.latencyCycles.max).toBe(e.loops[0].depth + 127);
  });

  it('auto-pipelines a loop above the threshold, and unrolls a small inner loop into its parent', () => {
    const e = estimate({
      arrays: { a: { elements: 4096, type: 'float32' } },
      loops: [
        { label: 'big', trip: 100, ops: { 'add float32': 1 }, reads: { a: 1 } },
        { label: 'outer', trip: 10, ops: { 'add float32': 1 }, loops: [{ label: 'small', trip: 4, ops: { 'mul float32': 1 }, reads: { a: 1 } }] },
        { label: 'rows', trip: 10, loops: [{ label: 'copy', trip: 4, reads: { a: 1 } }] },
      ],
    });
    const byPath = Object.fromEntries(e.loops.map((l) => [l.path, l]));
    expect(byPath.big.how).toBe('auto-pipelined (trip 100 > 64)');
    expect(byPath.outer.how).toBe('auto-pipelined: inner loop(s) of trip <= 64 unrolled into it');
    // 4 reads of a per iteration: Vitis partitions a into 2 banks (4 ports) for II 1
    expect(byPath.outer.ii).toBe(1);
    expect(byPath['outer/small']).toBeUndefined(); // unrolled into outer, no schedule of its own
    // a small loop alone in its parent, nothing carried: flattened with it into one pipeline of 40
    expect(byPath['rows/copy']).toMatchObject({ trip: 40, ii: 1, how: 'flattened: copy pipelined over rows/copy' });
  });

  it('a loop with an UNROLL of its own is not pipelined automatically, and its copies of a float sum wait for each other', () => {
    const e = estimate({
      arrays: { a: { elements: 64, type: 'float32' } },
      loops: [{ label: 'acc', trip: 16, unroll: 4, ops: { 'add float32': 1 }, reads: { a: 1 }, carried: { op: 'add float32' } }],
    });
    // 4 iterations of: read 1 + fadd 4 + 3 more dependent fadds x 4, + 1 cycle of loop control = 18
    expect(e.loops[0]).toMatchObject({ pipelined: false, depth: 18, cyclesPerInvocation: 4 * 18 });
  });

  it('flattens a perfect nest over a pipelined loop', () => {
    const e = estimate({
      arrays: { a: { elements: 4096, type: 'float32' } },
      loops: [{ label: 'i', trip: 64, loops: [{ label: 'j', trip: 64, pipeline: true, ops: { 'mul float32': 1 }, reads: { a: 1 } }] }],
    });
    expect(e.loops).toHaveLength(1);
    expect(e.loops[0]).toMatchObject({ path: 'i/j', trip: 4096, ii: 1, how: 'flattened: j pipelined over i/j' });
    expect(e.latencyCycles.max).toBe(e.loops[0].depth + 4095);
  });

  it('gives best, average and worst case latency from a LOOP_TRIPCOUNT range', () => {
    const e = estimate({
      arrays: { a: { elements: 128, type: 'float32' } },
      loops: [{ label: 'l', trip: { min: 10, max: 100, avg: 50 }, pipeline: true, ops: { 'mul float32': 1 }, reads: { a: 1 } }],
    });
    const depth = e.loops[0].depth;
    expect(e.latencyCycles).toEqual({ min: depth + 9, avg: depth + 49, max: depth + 99 });
  });

  it('replicates a ROM for more read ports instead of slowing the pipeline', () => {
    const e = estimate({
      pipeline: { ii: 1 },
      arrays: { table: { elements: 1024, type: 'ap_fixed<18,8>', rom: true } },
      loops: [{ label: 'lookups', trip: 8, reads: { table: 1 } }],
    });
    // 8 reads per cycle: 4 copies of a 1024 x 18 table (1 BRAM18 each)
    expect(e.resources.bram18.used).toBe(4);
    expect(e.loops[0].ii).toBe(1);
  });
});
