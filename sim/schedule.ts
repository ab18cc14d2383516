// Vitis HLS scheduling of one kernel call, from the kernel's own loop description and the design's
// directives (DESIGN.md, "The simulation model"):
//
//   pipelined loop:  cycles = depth + (ceil(trip / unroll) - 1) * II, loops inside it fully unrolled
//   II = max(requested II, recurrence bound, memory-port bound, m_axi bound), and the binding one is the reason
//   other loops:     cycles = ceil(trip / unroll) * (iteration latency + 1 cycle of loop control)
//
// The result says, per loop, what bounds it, so a user can see why a design is slow (the per-loop table of `fpgasim simulate --loops`, cli/simulate-report.ts).
import type { Access, ArraySpec, KernelCall, Loop, Op, OpCounts } from '../kernels/loops.js';
import { totalOps } from '../kernels/loops.js';
import type { Design, KernelDirectives, Partition } from '../kernels/design.js';

/** What the scheduler needs to know about operators at the design's clock. */
export type OpLatency = (op: Op) => number;

/** Where one array of a call lives under a design. */
export interface Placement {
  bundles: string[]; // the m_axi bundles an off-chip array is striped over (empty on chip)
  buffer: Partition | null; // the on-chip array (or the staging buffer of an off-chip one), with its partitioning
  storage: string; // 'bram' | 'uram' | 'lutram' | 'registers' for the on-chip part
}

export interface ScheduledLoop {
  path: string; // e.g. 'rows' or 'heads/scores'
  trip: number;
  unroll: number;
  pipelined: boolean;
  ii: number | null; // achieved II of a pipelined loop
  iiReason: string | null; // what sets that II
  requestedII: number | null;
  depth: number; // iteration latency in cycles
  invocations: number; // times the loop starts per call
  cyclesPerInvocation: number;
  /** Operator instances the loop needs: a pipelined loop shares one over II cycles; others one per unrolled copy. */
  instances: OpCounts;
}

/** A top-level loop of a call: the unit the simulator runs as one flow (its streams start and end with it). */
export interface Segment {
  label: string;
  cycles: number; // compute only: waiting for off-chip data is the simulator's job
  offChipBytes: Record<string, number>; // bundle -> bytes read + written
  offChipReadStarts: Record<string, number>; // bundle -> pipelined loop starts that wait for a first read
}

export interface ScheduledCall {
  call: KernelCall;
  cycles: number; // sum of the segments' compute cycles
  segments: Segment[];
  loops: ScheduledLoop[]; // every loop that has a schedule of its own (not those unrolled into a pipeline)
  onChip: { reads: Record<string, number>; writes: Record<string, number> }; // storage -> element accesses
  /** On-chip words each array needs: the whole array, or for a staged one the chunk one iteration reads. */
  bufferWords: Record<string, number>;
  ops: OpCounts;
}

export function placeArrays(call: KernelCall, design: Design): Map<string, Placement> {
  const directives = design.kernels[call.kernel];
  const placements = new Map<string, Placement>();
  for (const array of call.arrays) {
    const where = design.placement[array.role];
    const partition = directives.partition[array.name] ?? (array.role === 'activation' ? design.activationPartition : { type: 'none', factor: 1 });
    const staged = where.offChip && directives.stage.includes(array.name);
    placements.set(array.name, {
      bundles: where.offChip ? where.bundles : [],
      buffer: !where.offChip || staged ? partition : null,
      storage: where.offChip ? 'bram' : where.storage,
    });
  }
  return placements;
}

/** Accesses per cycle an on-chip array supports: two ports per bank (BRAM, URAM, LUTRAM), any number in registers. */
function portsPerCycle(p: Placement, array: ArraySpec): number {
  if (!p.buffer) return Infinity;
  if (p.storage === 'registers' || p.buffer.type === 'complete') return Infinity;
  const banks = p.buffer.type === 'none' ? 1 : Math.min(p.buffer.factor, array.elements);
  return 2 * banks;
}

/** A loop body flattened: everything one iteration does, inner loops expanded (as when fully unrolled). */
interface Body {
  ops: OpCounts;
  reads: Map<string, number>; // array -> bytes
  writes: Map<string, number>;
  chainCycles: number; // extra depth from accumulations carried inside the body
}

function addAccesses(into: Map<string, number>, accesses: Access[], times: number): void {
  for (const a of accesses) into.set(a.array, (into.get(a.array) ?? 0) + a.bytes * times);
}

function flatten(loop: Loop, latency: OpLatency): Body {
  const body: Body = { ops: { ...loop.ops }, reads: new Map(), writes: new Map(), chainCycles: 0 };
  addAccesses(body.reads, loop.reads, 1);
  addAccesses(body.writes, loop.writes, 1);
  for (const inner of loop.inner) {
    totalOps([inner], body.ops);
    const innerBody = flatten(inner, latency);
    for (const [a, b] of innerBody.reads) body.reads.set(a, (body.reads.get(a) ?? 0) + b * inner.trip);
    for (const [a, b] of innerBody.writes) body.writes.set(a, (body.writes.get(a) ?? 0) + b * inner.trip);
    // an unrolled accumulation is a chain of trip / P dependent operations, then a tree over the P partials
    const chain = inner.carried ? Math.ceil(inner.trip / inner.carried.accumulators) * latency(inner.carried.op) : Math.ceil(Math.log2(Math.max(inner.trip, 1)));
    body.chainCycles += chain + innerBody.chainCycles;
  }
  return body;
}

/** Latency of one pass through a body: its dependent operations one after another (an estimate of depth). */
function bodyLatency(body: Body, latency: OpLatency, readsOnChip: boolean): number {
  let cycles = readsOnChip ? 2 : 1; // BRAM read latency, or a register
  for (const op of Object.keys(body.ops) as Op[]) if ((body.ops[op] ?? 0) > 0) cycles += latency(op);
  return cycles + body.chainCycles;
}

export function scheduleCall(call: KernelCall, design: Design, latency: OpLatency): ScheduledCall {
  const directives: KernelDirectives = design.kernels[call.kernel];
  const placements = placeArrays(call, design);
  const arrays = new Map(call.arrays.map((a) => [a.name, a]));
  const result: ScheduledCall = { call, cycles: 0, segments: [], loops: [], onChip: { reads: {}, writes: {} }, bufferWords: {}, ops: totalOps(call.loops) };
  const countOnChip = (p: Placement, kind: 'reads' | 'writes', elements: number) => {
    const into = result.onChip[kind];
    into[p.storage] = (into[p.storage] ?? 0) + elements;
  };
  for (const array of call.arrays) {
    const p = placements.get(array.name)!;
    if (p.buffer && p.bundles.length === 0) result.bufferWords[array.name] = array.elements;
  }
  let segment: Segment = { label: '', cycles: 0, offChipBytes: {}, offChipReadStarts: {} };

  const scheduleLoop = (loop: Loop, parentPath: string, invocations: number): number => {
    const path = parentPath ? `${parentPath}/${loop.label}` : loop.label;
    const unroll = Math.min(directives.unroll[loop.label] ?? 1, loop.trip);
    const trips = Math.ceil(loop.trip / unroll);
    const pipelined = directives.pipeline.includes(loop.label);
    if (pipelined) {
      const body = flatten(loop, latency);
      const perIteration = (map: Map<string, number>) => new Map([...map].map(([a, b]) => [a, b * unroll]));
      const reads = perIteration(body.reads);
      const writes = perIteration(body.writes);
      const bounds: [number, string][] = [[directives.ii, `requested II=${directives.ii}`]];
      if (loop.carried) {
        const op = loop.carried.op;
        const rec = Math.ceil((unroll * latency(op)) / loop.carried.accumulators);
        bounds.push([rec, `recurrence: ${op} ${latency(op)} cycles x ${unroll} per iteration / ${loop.carried.accumulators} accumulator(s)`]);
      }
      const bundleBeats = new Map<string, number>();
      const portAccesses = new Map<string, number>(); // on-chip array -> accesses per iteration
      const readBundles = new Set<string>(); // bundles this loop reads through: each start waits for their data
      for (const [name, map] of [['reads', reads], ['writes', writes]] as const) {
        for (const [arrayName, bytes] of map) {
          const array = arrays.get(arrayName)!;
          const p = placements.get(arrayName)!;
          const elements = bytes / array.bytesPerElement;
          // striped over K bundles, each port carries 1/K of the bytes
          for (const bundle of p.bundles) {
            const share = bytes / p.bundles.length;
            const beatBytes = design.bundles[bundle].widthBits / 8;
            bundleBeats.set(bundle, (bundleBeats.get(bundle) ?? 0) + Math.ceil(share / beatBytes));
            segment.offChipBytes[bundle] = (segment.offChipBytes[bundle] ?? 0) + share * trips * invocations;
            if (name === 'reads') readBundles.add(bundle);
          }
          if (p.buffer) {
            // a staged array is written into its buffer and read back out: two accesses per element
            const offChip = p.bundles.length > 0;
            const accesses = offChip ? 2 * elements : elements;
            if (offChip) {
              countOnChip(p, 'writes', elements * trips * invocations);
              result.bufferWords[arrayName] = Math.max(result.bufferWords[arrayName] ?? 0, elements);
            }
            countOnChip(p, name, elements * trips * invocations);
            portAccesses.set(arrayName, (portAccesses.get(arrayName) ?? 0) + accesses);
          }
        }
      }
      // reads and writes of one array share its ports
      for (const [arrayName, accesses] of portAccesses) {
        const ports = portsPerCycle(placements.get(arrayName)!, arrays.get(arrayName)!);
        if (ports !== Infinity) bounds.push([Math.ceil(accesses / ports), `memory ports: ${arrayName} ${accesses} accesses / ${ports} ports`]);
      }
      for (const [bundle, beats] of bundleBeats) {
        bounds.push([beats, `m_axi ${bundle}: ${beats} beats of ${design.bundles[bundle].widthBits / 8} B`]);
        if (readBundles.has(bundle)) segment.offChipReadStarts[bundle] = (segment.offChipReadStarts[bundle] ?? 0) + invocations;
      }
      let [ii, reason] = bounds[0];
      for (const [bound, why] of bounds) if (bound > ii) [ii, reason] = [bound, why];
      const depth = bodyLatency(body, latency, true) + Math.ceil(Math.log2(unroll));
      const cycles = depth + (trips - 1) * ii;
      const instances = Object.fromEntries(Object.entries(body.ops).map(([op, n]) => [op, Math.ceil(((n ?? 0) * unroll) / ii)]));
      result.loops.push({ path, trip: loop.trip, unroll, pipelined, ii, iiReason: reason, requestedII: directives.ii, depth, invocations, cyclesPerInvocation: cycles, instances });
      return cycles;
    }
    // not pipelined: iterations one after another, each its own operations then its inner loops
    const own: Body = { ops: loop.ops, reads: new Map(), writes: new Map(), chainCycles: 0 };
    addAccesses(own.reads, loop.reads, 1);
    addAccesses(own.writes, loop.writes, 1);
    let iteration = Object.keys(loop.ops).length > 0 ? bodyLatency(own, latency, true) : 0;
    for (const [kind, map] of [['reads', own.reads], ['writes', own.writes]] as const) {
      for (const [arrayName, bytes] of map) {
        const p = placements.get(arrayName)!;
        const total = bytes * loop.trip * invocations;
        for (const bundle of p.bundles) segment.offChipBytes[bundle] = (segment.offChipBytes[bundle] ?? 0) + total / p.bundles.length;
        if (p.buffer) countOnChip(p, kind, total / arrays.get(arrayName)!.bytesPerElement);
      }
    }
    for (const inner of loop.inner) iteration += scheduleLoop(inner, path, invocations * loop.trip);
    const cycles = trips * (iteration + 1);
    const instances = Object.fromEntries(Object.entries(loop.ops).map(([op, n]) => [op, (n ?? 0) > 0 ? unroll : 0]));
    result.loops.push({ path, trip: loop.trip, unroll, pipelined, ii: null, iiReason: null, requestedII: null, depth: iteration + 1, invocations, cyclesPerInvocation: cycles, instances });
    return cycles;
  };

  for (const loop of call.loops) {
    segment = { label: loop.label, cycles: 0, offChipBytes: {}, offChipReadStarts: {} };
    segment.cycles = scheduleLoop(loop, '', 1);
    result.cycles += segment.cycles;
    result.segments.push(segment);
  }
  return result;
}
