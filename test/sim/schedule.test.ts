// Vitis HLS scheduling rules on hand-made loop nests at the HLSTransform design's 250 MHz (fadd 4 cycles, fmul
// 3; a read from registers 0 cycles, from BRAM 2), so every II, depth and cycle count below is worked out by
// hand; then the HLSTransform matvec row loop, from the kernel's own description.
import { describe, expect, it } from 'vitest';
import type { ArraySpec, KernelCall, KernelName, Loop } from '../../kernels/loops.js';
import { leafLoop } from '../../kernels/loops.js';
import { describeMatvecQ8 } from '../../kernels/matvec.js';
import { describeRmsnorm } from '../../kernels/rmsnorm.js';
import type { Design, KernelDirectives } from '../../kernels/design.js';
import type { ScheduledLoop } from '../../sim/schedule.js';
import { scheduleCall } from '../../sim/step-plan.js';
import { loadDevice } from '../../hw-models/devices/load.js';
import { hlstransform, hlstransformEdited } from '../helpers/designs.js';

const F1 = loadDevice('vu9p-f1');

/** The HLSTransform design (activations in BRAM cyclic 16, weights on the 512-bit gmem0) with one kernel's directives replaced. */
function designWith(kernel: KernelName, directives: Partial<KernelDirectives>, ...sets: string[]): Design {
  const base = hlstransform(...sets);
  return { ...base, kernels: { ...base.kernels, [kernel]: { pipeline: [], ii: 1, unroll: {}, partition: {}, stage: [], ...directives } } };
}

const x: ArraySpec = { name: 'x', role: 'activation', elements: 4096, bytesPerElement: 4 };
const weights: ArraySpec = { name: 'w.q', role: 'weights', elements: 1 << 20, bytesPerElement: 1 };
const call = (kernel: KernelName, arrays: ArraySpec[], loops: Loop[]): KernelCall => ({ kernel, name: 'test', layer: 0, arrays, loops });

/** Schedules one loop nest and returns its call schedule and the schedule of the loop labelled `label`. */
function schedule(c: KernelCall, design: Design, label = c.loops[0].label): { cycles: number; loop: ScheduledLoop } {
  const s = scheduleCall(c, design, F1);
  const loop = s.loops.find((l) => l.path.split('/').pop() === label);
  if (!loop) throw new Error(`no loop ${label} in ${s.loops.map((l) => l.path).join(', ')}`);
  return { cycles: s.cycles, loop };
}

describe('a pipelined loop takes depth + (trips - 1) x II cycles', () => {
  // one fadd per iteration, reading x (completely partitioned into registers: no port bound, no read latency); depth = 4 (fadd)
  const adds = (trip: number) => call('residual', [x], [leafLoop('lanes', trip, { fadd: 1 }, [{ array: 'x', bytes: 4 }], [])]);
  const complete = { pipeline: ['lanes'], partition: { x: { type: 'complete' as const, factor: 1 } } };

  it('at II 1: 4 + (100 - 1) x 1 = 103 cycles', () => {
    const { cycles, loop } = schedule(adds(100), designWith('residual', complete));
    expect(loop).toMatchObject({ pipelined: true, trip: 100, unroll: 1, ii: 1, depth: 4, iiReason: 'requested II=1', cyclesPerInvocation: 103, invocations: 1 });
    expect(cycles).toBe(103);
  });

  it('for any trip count: one iteration takes the depth, each further one II more', () => {
    const design = designWith('residual', { ...complete, ii: 3 });
    for (const trip of [1, 2, 7, 1000]) expect(schedule(adds(trip), design).cycles).toBe(4 + (trip - 1) * 3);
  });

  it('unrolling by f runs ceil(trip / f) iterations of f independent lanes side by side', () => {
    // unroll 8: 13 iterations, depth 4 (the lanes do not depend on each other), 8 adders (one per lane at II 1)
    const { loop } = schedule(adds(100), designWith('residual', { ...complete, unroll: { lanes: 8 } }));
    expect(loop).toMatchObject({ unroll: 8, ii: 1, depth: 4, cyclesPerInvocation: 4 + 12 * 1 });
    expect(loop.instances).toEqual({ 'add float32': 8 });
  });

  it('the requested II wins when it is the largest bound', () => {
    const { loop } = schedule(adds(100), designWith('residual', { ...complete, ii: 8 }));
    expect(loop).toMatchObject({ ii: 8, requestedII: 8, iiReason: 'requested II=8', cyclesPerInvocation: 4 + 99 * 8 });
    // one adder serves the loop; at II 8 the 8 adds of an unrolled-by-8 body share it too
    expect(schedule(adds(100), designWith('residual', { ...complete, ii: 8, unroll: { lanes: 8 } })).loop.instances).toEqual({ 'add float32': 1 });
  });
});

describe('recurrence bound: a float accumulation carried across iterations waits for the adder', () => {
  const sumSquares = (accumulators: number) =>
    call('rmsnorm', [x], [leafLoop('sum_squares', 768, { fmul: 1, fadd: 1 }, [{ array: 'x', bytes: 4 }], [], { op: 'fadd', accumulators })]);
  const directives = (unroll: number) => ({ pipeline: ['sum_squares'], unroll: { sum_squares: unroll }, partition: { x: { type: 'complete' as const, factor: 1 } } });

  it('one accumulator: II 4, the fadd latency', () => {
    const { loop } = schedule(sumSquares(1), designWith('rmsnorm', directives(1)));
    expect(loop.ii).toBe(4);
    expect(loop.iiReason).toBe('recurrence: add float32 4 cycles x 1 per iteration / 1 accumulator(s)');
    // depth fmul 3 + fadd 4 = 7 (x in registers); 7 + 767 x 4
    expect(loop.cyclesPerInvocation).toBe(7 + 767 * 4);
  });

  it('four accumulators hide the adder latency: II 1', () => {
    const { loop } = schedule(sumSquares(4), designWith('rmsnorm', directives(1)));
    expect(loop.ii).toBe(1);
    expect(loop.iiReason).toBe('requested II=1'); // the recurrence bound ties at 1; the requested II is named
  });

  it('unroll 8 with one accumulator: 8 dependent adds per iteration, II 32', () => {
    const { loop } = schedule(sumSquares(1), designWith('rmsnorm', directives(8)));
    expect(loop.ii).toBe(32);
    expect(loop.iiReason).toBe('recurrence: add float32 4 cycles x 8 per iteration / 1 accumulator(s)');
    // 96 iterations; depth fmul 3 + the 8 dependent fadds of an iteration (8 x 4)
    expect(loop.depth).toBe(35);
    expect(loop.cyclesPerInvocation).toBe(35 + 95 * 32);
  });

  it('unroll 8 with 8 accumulators: II 4; with 32: II 1', () => {
    expect(schedule(sumSquares(8), designWith('rmsnorm', directives(8))).loop.ii).toBe(4);
    expect(schedule(sumSquares(32), designWith('rmsnorm', directives(8))).loop.ii).toBe(1);
  });
});

describe('memory-port bound: accesses per iteration over the ports of the partitioned array', () => {
  // 16 floats of x read per iteration
  const reads16 = call('residual', [x], [leafLoop('lanes', 64, {}, [{ array: 'x', bytes: 64 }], [])]);
  const partitioned = (p: { type: 'none' | 'cyclic' | 'block' | 'complete'; factor: number }) => designWith('residual', { pipeline: ['lanes'], partition: { x: p } });

  it('cyclic 4 gives 8 ports: II 2', () => {
    const { loop } = schedule(reads16, partitioned({ type: 'cyclic', factor: 4 }));
    expect(loop.ii).toBe(2);
    expect(loop.iiReason).toBe('memory ports: x 16 accesses / 8 ports');
  });

  it('one bank (no partitioning) has 2 ports: II 8; block 8 has 16: II 1', () => {
    expect(schedule(reads16, partitioned({ type: 'none', factor: 1 })).loop).toMatchObject({ ii: 8, iiReason: 'memory ports: x 16 accesses / 2 ports' });
    expect(schedule(reads16, partitioned({ type: 'block', factor: 8 })).loop.ii).toBe(1);
  });

  it('complete partitioning removes the bound', () => {
    expect(schedule(reads16, partitioned({ type: 'complete', factor: 1 })).loop).toMatchObject({ ii: 1, iiReason: 'requested II=1' });
  });

  it('an unpartitioned activation takes the design-wide partitioning (HLSTransform: cyclic 16, 32 ports)', () => {
    const wide = call('residual', [x], [leafLoop('lanes', 64, {}, [{ array: 'x', bytes: 4 * 64 }], [])]);
    expect(schedule(wide, designWith('residual', { pipeline: ['lanes'] })).loop).toMatchObject({ ii: 2, iiReason: 'memory ports: x 64 accesses / 32 ports' });
  });

  // A BRAM bank has two ports in all, shared by reads and writes (DESIGN.md: "accesses per iteration over
  // ports"): 16 reads + 16 writes of x over 8 ports need II 4 (fixed in 2997076; it said 2 before).
  it('counts reads and writes of the same array against the same ports', () => {
    const inPlace = call('residual', [x], [leafLoop('lanes', 64, {}, [{ array: 'x', bytes: 64 }], [{ array: 'x', bytes: 64 }])]);
    const { loop } = schedule(inPlace, partitioned({ type: 'cyclic', factor: 4 }));
    expect(loop.ii).toBe(4);
  });
});

describe('m_axi bound: bytes per iteration over the bundle width', () => {
  // a row of 768 int8 weights per iteration, streamed from DDR through gmem0 (not staged: no port bound)
  const rows = call('matvec', [weights], [leafLoop('rows', 10, {}, [{ array: 'w.q', bytes: 768 }], [])]);

  it('768 B on a 512-bit bundle: 12 beats, II 12', () => {
    const s = scheduleCall(rows, designWith('matvec', { pipeline: ['rows'] }), F1);
    expect(s.loops[0]).toMatchObject({ ii: 12, iiReason: 'm_axi gmem0: 12 beats of 64 B' });
    expect(s.segments).toEqual([{ label: 'rows', cycles: s.loops[0].cyclesPerInvocation, offChipBytes: { gmem0: 7680 }, offChipReadStarts: { gmem0: 1 } }]);
  });

  it('on a 256-bit bundle: 24 beats, II 24', () => {
    const { loop } = schedule(rows, designWith('matvec', { pipeline: ['rows'] }, 'bundles.gmem0.widthBits=256'));
    expect(loop).toMatchObject({ ii: 24, iiReason: 'm_axi gmem0: 24 beats of 32 B' });
  });

  it('a staged row costs on-chip ports too: written into the buffer and read back (2 x 768 accesses)', () => {
    const staged = designWith('matvec', { pipeline: ['rows'], stage: ['w.q'], partition: { 'w.q': { type: 'cyclic', factor: 32 } } });
    expect(schedule(rows, staged).loop).toMatchObject({ ii: 24, iiReason: 'memory ports: w.q 1536 accesses / 64 ports' });
  });
});

describe('loops that are not pipelined', () => {
  it('take trip x (iteration + 1 cycle of loop control)', () => {
    // iteration: 3 (fmul; nothing read) + 1 cycle of loop control = 4 cycles
    const scale = call('rmsnorm', [x], [leafLoop('scale', 10, { fmul: 1 }, [], [])]);
    const { cycles, loop } = schedule(scale, designWith('rmsnorm', {}));
    expect(loop).toMatchObject({ pipelined: false, ii: null, iiReason: null, depth: 4, cyclesPerInvocation: 40 });
    expect(cycles).toBe(40);
  });

  it('unrolling reduces the trips: unroll 2 -> 5 x 4, unroll 4 -> 3 x 4; and replicates the operators', () => {
    const scale = call('rmsnorm', [x], [leafLoop('scale', 10, { fmul: 1 }, [], [])]);
    expect(schedule(scale, designWith('rmsnorm', { unroll: { scale: 2 } })).cycles).toBe(20);
    const { cycles, loop } = schedule(scale, designWith('rmsnorm', { unroll: { scale: 4 } }));
    expect(cycles).toBe(12);
    expect(loop.instances).toEqual({ 'mul float32': 4 });
  });

  it('run their inner loops once per iteration: 3 heads x (a pipelined loop of 5 + 9 cycles, + 1)', () => {
    const heads: Loop = { ...leafLoop('heads', 3, {}, [], []), inner: [leafLoop('scores', 10, { fadd: 1 }, [{ array: 'x', bytes: 4 }], [])] };
    const s = scheduleCall(call('attention', [x], [heads]), designWith('attention', { pipeline: ['scores'] }), F1);
    expect(s.loops.map((l) => [l.path, l.invocations, l.cyclesPerInvocation])).toEqual([
      ['heads/scores', 3, 14],
      ['heads', 1, 45],
    ]);
    expect(s.cycles).toBe(45);
  });

  it('top-level loops run one after another, each a segment', () => {
    const two = call('rmsnorm', [x], [leafLoop('scale', 10, { fmul: 1 }, [], []), leafLoop('normalize', 4, { fmul: 1 }, [], [])]);
    const s = scheduleCall(two, designWith('rmsnorm', {}), F1);
    expect(s.segments.map((g) => [g.label, g.cycles])).toEqual([
      ['scale', 40],
      ['normalize', 16],
    ]);
    expect(s.cycles).toBe(56);
  });
});

describe('the HLSTransform design at 250 MHz, from the kernels own descriptions', () => {
  const design = hlstransform();

  it('matvec rows for n = 768: II 24 from the row buffer ports (1536 accesses / 64 ports)', () => {
    const s = scheduleCall(describeMatvecQ8('L0.wq', 0, 768, 768, 64, 1), design, F1);
    expect(s.loops).toHaveLength(1); // groups and lanes are unrolled into the pipelined row loop
    const rows = s.loops[0];
    expect(rows).toMatchObject({ path: 'rows', trip: 768, pipelined: true, ii: 24, iiReason: 'memory ports: w.q 1536 accesses / 64 ports' });
    // depth: 1 (BRAM read) + fadd 4 + fmul 3 + sitofp 4 = 12; the int8 multiply (LUTs, 1.2 ns), the int32 add
    // (1.36 ns) and the 5 more levels of the 64-lane exact adder tree (5 x 1.36 ns) chained: 9.4 ns in 2.92 ns
    // cycles (4 ns less 27% uncertainty) = 4; the float accumulation over 12 groups: 11 more fadds (44): 60
    expect(rows.depth).toBe(60);
    expect(rows.cyclesPerInvocation).toBe(60 + 767 * 24);
    // 768 int8 products per row over 24 cycles: 32 multipliers; 768 weights and 48 B of scales per row from DDR
    expect(rows.instances['mul int8']).toBe(32);
    expect(s.segments[0].offChipBytes).toEqual({ gmem0: 768 * (768 + 48) });
  });

  it('widening the row buffer alone moves the bound to the x buffer; widening both leaves the m_axi port (13 beats)', () => {
    const rowsWith = (partition: Record<string, number>) => {
      const widened = hlstransformEdited((j) => Object.entries(partition).forEach(([array, factor]) => (j.kernels.matvec.partition[array].factor = factor)));
      return scheduleCall(describeMatvecQ8('L0.wq', 0, 768, 768, 64, 1), widened, F1).loops[0];
    };
    expect(rowsWith({ 'w.q': 64 })).toMatchObject({ ii: 24, iiReason: 'memory ports: xq.q 768 accesses / 32 ports' });
    // 768 B of weights (12 beats) and 48 B of scales (1 beat) per row through the one gmem0 port
    expect(rowsWith({ 'w.q': 64, 'xq.q': 64 })).toMatchObject({ ii: 13, iiReason: 'm_axi gmem0: 13 beats of 64 B' });
  });

  it('rmsnorm: sum_squares unrolled 128 with one accumulator is recurrence-bound at 512; normalize is port-bound at 64', () => {
    const s = scheduleCall(describeRmsnorm('L0.rms_att', 0, 768, 1), design, F1);
    const byPath = Object.fromEntries(s.loops.map((l) => [l.path, l]));
    expect(byPath.sum_squares).toMatchObject({ ii: 512, iiReason: 'recurrence: add float32 4 cycles x 128 per iteration / 1 accumulator(s)' });
    // the staged norm weight (one bank) is written and read: 2 x 64 accesses over 2 ports
    expect(byPath.normalize).toMatchObject({ ii: 64, iiReason: 'memory ports: weight 128 accesses / 2 ports' });
  });
});
