// Vitis HLS scheduling of one kernel spec (DESIGN.md, "The simulation model"). The same code schedules the
// specs users write (`fpgasim estimate`, the validation corpus) and the built-in Llama kernels (spec/from-call.ts).
//
//   1. directives: what was written, then what Vitis decides itself: a PIPELINE on the function unrolls
//      everything inside; loops above the auto-pipeline threshold are pipelined, an inner loop at or below
//      it is unrolled into its parent, which is pipelined instead; loops inside a pipeline are unrolled;
//      a perfect nest over a pipelined loop is flattened into it
//   2. each pipelined loop: cycles = depth + (ceil(trip / unroll) - 1) * II, with
//      II = max(requested, recurrence, memory ports, m_axi beats); the binding one is the reason
//   3. other loops: cycles = ceil(trip / unroll) * (iteration latency + 1 cycle of loop control)
//   4. the function: its top-level loops one after another, or overlapped as DATAFLOW tasks
//
// The result says, per loop, what bounds it, so a user can see why a kernel is slow (the per-loop tables of
// `fpgasim simulate --loops` and `fpgasim estimate`).
import { mapArray } from '../hw-models/memories.js';
import { typedOperatorCost, type TypedOp } from '../hw-models/typed-operators.js';
import type { KernelSpec, SpecArray, SpecLoop } from './spec/types.js';

export type TripVariant = 'min' | 'max' | 'avg';

export interface ScheduledLoop {
  path: string; // e.g. 'rows' or 'heads/scores'
  trip: number;
  unroll: number;
  pipelined: boolean;
  how: string; // why it is (not) pipelined: 'PIPELINE', 'auto-pipelined (trip 4096 > 64)', 'flattened into x', ...
  ii: number | null; // achieved II of a pipelined loop
  iiReason: string | null; // what sets that II
  requestedII: number | null;
  depth: number; // iteration latency in cycles
  invocations: number; // times the loop starts per call
  cyclesPerInvocation: number;
  /** Operator instances the loop needs, by operation key: a pipeline shares one over II cycles; others one per unrolled copy. */
  instances: Record<string, number>;
}

/** A top-level loop of a spec: the unit the simulator runs as one flow (its streams start and end with it). */
export interface Segment {
  label: string;
  cycles: number; // compute only: waiting for off-chip data is the simulator's job
  offChipBytes: Record<string, number>; // bundle -> bytes read + written
  offChipReadStarts: Record<string, number>; // bundle -> pipelined loop starts that wait for a first read
}

export interface ScheduledSpec {
  spec: KernelSpec;
  cycles: number; // the function's latency
  intervalCycles: number; // cycles between starts of the function (DATAFLOW and function pipelines overlap calls)
  segments: Segment[];
  loops: ScheduledLoop[]; // every loop that has a schedule of its own (not those unrolled into a pipeline)
  onChip: { reads: Record<string, number>; writes: Record<string, number> }; // storage -> element accesses
  /** On-chip words each array needs: the whole array, or for a staged one the chunk one iteration reads. */
  bufferWords: Record<string, number>;
  /** Copies of each ROM, enough read ports for the pipeline that reads it most per cycle (2 per copy). */
  romCopies: Record<string, number>;
  /** Banks Vitis's throughput-driven partitioning gives an array the spec left unpartitioned (autoPartition). */
  autoPartitions: Record<string, number>;
}

/** What a pipelined body does in one iteration, inner loops expanded. */
interface Body {
  ops: Map<TypedOp, number>;
  reads: Map<string, number>; // array -> elements
  writes: Map<string, number>;
  chainCycles: number; // extra depth from reductions unrolled inside the body: multi-cycle operators
  chainNs: number; // and combinational ones, chained into cycles with the rest of the body
}

/** Integer and fixed-point sums are exact, so Vitis rebalances an unrolled accumulation into a tree; float sums keep their order. */
const reassociates = (op: TypedOp) => op.type.kind !== 'float' && (op.kind === 'add' || op.kind === 'sub' || op.kind === 'and' || op.kind === 'or' || op.kind === 'xor' || op.kind === 'cmp');

/** Cycles from address to data of an on-chip read (UG1399 BIND_STORAGE: latency 1 by default for BRAM and LUTRAM; URAM 2 with its cascade register). */
const READ_LATENCY_CYCLES: Record<string, number> = { registers: 0, lutram: 1, bram: 1, uram: 2 };

export function scheduleSpec(spec: KernelSpec, variant: TripVariant = 'max'): ScheduledSpec {
  const clockPeriodS = 1 / spec.clockHz;
  const usablePeriodNs = (clockPeriodS - spec.clockUncertaintyS) * 1e9;
  const cost = (op: TypedOp) => typedOperatorCost(op, spec.clockHz, spec.math);
  const trip = (loop: SpecLoop) => (variant === 'avg' ? loop.trip.avg : loop.trip[variant]);
  const storageOf = (array: SpecArray) => mapping(array).storage;
  const result: ScheduledSpec = { spec, cycles: 0, intervalCycles: 0, segments: [], loops: [], onChip: { reads: {}, writes: {} }, bufferWords: {}, romCopies: {}, autoPartitions: {} };
  for (const array of spec.arrays.values()) if (array.buffer && array.bundles.length === 0 && !array.external) result.bufferWords[array.name] = array.elements;
  const countOnChip = (array: SpecArray, kind: 'reads' | 'writes', elements: number) => {
    const into = result.onChip[kind];
    const storage = storageOf(array);
    into[storage] = (into[storage] ?? 0) + elements;
  };

  // 1. directives
  const plan = planDirectives(spec, trip);

  const flatten = (loop: SpecLoop): Body => {
    const body: Body = { ops: new Map(loop.ops), reads: new Map(loop.reads), writes: new Map(loop.writes), chainCycles: 0, chainNs: 0 };
    for (const inner of loop.inner) {
      const innerBody = flatten(inner);
      const n = trip(inner);
      for (const [op, count] of innerBody.ops) body.ops.set(op, (body.ops.get(op) ?? 0) + count * n);
      for (const [a, e] of innerBody.reads) body.reads.set(a, (body.reads.get(a) ?? 0) + e * n);
      for (const [a, e] of innerBody.writes) body.writes.set(a, (body.writes.get(a) ?? 0) + e * n);
      body.chainCycles += innerBody.chainCycles;
      body.chainNs += innerBody.chainNs;
      addChain(body, inner.carried, n);
    }
    return body;
  };

  /**
   * n unrolled copies of a carried operation in one body: copies without a dependence run side by side; an
   * exact sum becomes a tree of log2(n) levels; a float one a chain of n / P operations, then a tree over the
   * P partials (the body's own pass already counts one operation).
   */
  const addChain = (body: Body, carried: SpecLoop['carried'], n: number) => {
    if (!carried || n <= 1) return;
    const c = cost(carried.op);
    if (reassociates(carried.op)) {
      const levels = Math.ceil(Math.log2(n)) - 1;
      if (c.latencyCycles > 0) body.chainCycles += levels * c.latencyCycles;
      else body.chainNs += levels * c.delayNs;
    } else {
      const p = carried.accumulators;
      body.chainCycles += (Math.ceil(n / p) - 1 + Math.ceil(Math.log2(p))) * recurrenceLatency(carried, cost);
    }
  };

  /** One pass through a body: a read, each multi-cycle operator once, the combinational ones chained into cycles. */
  const bodyLatency = (ops: Map<TypedOp, number>, reads: Iterable<string>, chainCycles: number, chainNs = 0): number => {
    let cycles = 0;
    for (const a of reads) cycles = Math.max(cycles, READ_LATENCY_CYCLES[storageOf(spec.arrays.get(a)!)] ?? 0);
    let chainedNs = chainNs;
    for (const op of ops.keys()) {
      const c = cost(op);
      if (c.latencyCycles > 0) cycles += c.latencyCycles;
      else chainedNs += c.delayNs;
    }
    return cycles + Math.ceil(chainedNs / usablePeriodNs) + chainCycles;
  };

  let segment: Segment = { label: '', cycles: 0, offChipBytes: {}, offChipReadStarts: {} };

  const schedulePipelined = (loop: SpecLoop, path: string, invocations: number, tripCount: number, how: string): number => {
    const unroll = Math.min(plan.unroll.get(loop) ?? 1, Math.max(tripCount, 1));
    const trips = Math.ceil(tripCount / unroll);
    const body = flatten(loop);
    addChain(body, loop.carried, unroll); // the loop's own unrolled copies of its carried operation
    const requested = plan.requestedII.get(loop) ?? 1;
    const bounds: [number, string][] = [[requested, `requested II=${requested}`]];
    if (loop.carried) {
      const latency = recurrenceLatency(loop.carried, cost);
      // the unrolled copies of an exact sum are added as a tree first: one operation stays on the recurrence
      const rec = reassociates(loop.carried.op) ? latency : Math.ceil((unroll * latency) / loop.carried.accumulators);
      bounds.push([rec, `recurrence: ${loop.carried.op.key} ${latency} cycles x ${unroll} per iteration / ${loop.carried.accumulators} accumulator(s)`]);
    }
    const bundleBeats = new Map<string, number>();
    const portAccesses = new Map<string, number>(); // on-chip array -> accesses per iteration
    const readBundles = new Set<string>();
    for (const [kind, map] of [['reads', body.reads], ['writes', body.writes]] as const) {
      for (const [arrayName, perIteration] of map) {
        const array = spec.arrays.get(arrayName)!;
        const elements = perIteration * unroll;
        const bytes = elements * bytesPerElement(array);
        // striped over K bundles, each port carries 1/K of the bytes
        for (const bundle of array.bundles) {
          const share = bytes / array.bundles.length;
          const beatBytes = spec.bundles.get(bundle)!.widthBits / 8;
          bundleBeats.set(bundle, (bundleBeats.get(bundle) ?? 0) + Math.ceil(share / beatBytes));
          segment.offChipBytes[bundle] = (segment.offChipBytes[bundle] ?? 0) + share * trips * invocations;
          if (kind === 'reads') readBundles.add(bundle);
        }
        if (array.buffer) {
          // a staged array is written into its buffer and read back out: two accesses per element
          const staged = array.bundles.length > 0;
          if (staged) {
            countOnChip(array, 'writes', elements * trips * invocations);
            result.bufferWords[arrayName] = Math.max(result.bufferWords[arrayName] ?? 0, elements);
          }
          countOnChip(array, kind, elements * trips * invocations);
          portAccesses.set(arrayName, (portAccesses.get(arrayName) ?? 0) + (staged ? 2 * elements : elements));
        }
      }
    }
    for (const [bundle, beats] of bundleBeats) {
      bounds.push([beats, `m_axi ${bundle}: ${beats} beats of ${spec.bundles.get(bundle)!.widthBits / 8} B`]);
      if (readBundles.has(bundle)) segment.offChipReadStarts[bundle] = (segment.offChipReadStarts[bundle] ?? 0) + invocations;
    }
    // Vitis partitions and replicates memories only as far as the II the other bounds leave needs
    const targetII = Math.max(...bounds.map(([b]) => b));
    let portCycles = 0; // the most cycles one memory's ports need for an iteration's accesses
    // reads and writes of one array share its ports; a ROM gets copies instead
    for (const [arrayName, accesses] of portAccesses) {
      const array = spec.arrays.get(arrayName)!;
      const ports = portsPerCycle(array, result.bufferWords[arrayName]);
      const partitionable = spec.autoPartition && !array.rom && !array.external && array.buffer?.partition.type === 'none' && array.buffer.storage === 'auto';
      if (partitionable && accesses > ports * targetII) {
        // banks enough for that II, a power of two, at most one word each
        const banks = Math.min(array.elements, 2 ** Math.ceil(Math.log2(accesses / (ports * targetII))));
        result.autoPartitions[arrayName] = Math.max(result.autoPartitions[arrayName] ?? 1, banks);
        const partitionedPorts = ports * banks;
        portCycles = Math.max(portCycles, Math.ceil(accesses / partitionedPorts));
        if (accesses > partitionedPorts) bounds.push([Math.ceil(accesses / partitionedPorts), `memory ports: ${arrayName} ${accesses} accesses / ${partitionedPorts} ports (partitioned by Vitis into ${banks})`]);
      } else if (array.rom) {
        const copies = Math.ceil(accesses / targetII / ports);
        result.romCopies[arrayName] = Math.max(result.romCopies[arrayName] ?? 1, copies);
      } else if (accesses > ports) {
        portCycles = Math.max(portCycles, Math.ceil(accesses / ports));
        bounds.push([Math.ceil(accesses / ports), `memory ports: ${arrayName} ${accesses} accesses / ${ports} ports`]);
      }
    }
    let [ii, reason] = bounds[0];
    for (const [bound, why] of bounds) if (bound > ii) [ii, reason] = [bound, why];
    // accesses that need more cycles than one port pass are spread over them: the iteration lasts at least that
    const read = Math.max(0, ...[...body.reads.keys()].map((a) => READ_LATENCY_CYCLES[storageOf(spec.arrays.get(a)!)] ?? 0));
    const depth = Math.max(bodyLatency(body.ops, body.reads.keys(), body.chainCycles, body.chainNs), portCycles + read);
    const cycles = trips === 0 ? 0 : depth + (trips - 1) * ii;
    const instances = Object.fromEntries([...body.ops].map(([op, n]) => [op.key, Math.ceil((n * unroll) / ii)]));
    result.loops.push({ path, trip: tripCount, unroll, pipelined: true, how, ii, iiReason: reason, requestedII: requested, depth, invocations, cyclesPerInvocation: cycles, instances });
    return cycles;
  };

  const scheduleLoop = (loop: SpecLoop, parentPath: string, invocations: number): number => {
    const path = parentPath ? `${parentPath}/${loop.label}` : loop.label;
    const flattenedInto = plan.flattened.get(loop);
    if (flattenedInto) {
      // named as Vitis reports a flattened nest: the labels of the loops it merged, outer first (lp1/lp2)
      const merged = [parentPath, ...flattenedInto.labels].filter(Boolean).join('/');
      return schedulePipelined(flattenedInto.inner, merged, invocations, flattenedInto.trip, `flattened: ${flattenedInto.inner.label} pipelined over ${merged}`);
    }
    if (plan.pipelined.has(loop)) return schedulePipelined(loop, path, invocations, trip(loop), plan.pipelined.get(loop)!);
    // not pipelined: iterations one after another, each its own operations then its inner loops
    const tripCount = trip(loop);
    const unroll = Math.min(plan.unroll.get(loop) ?? 1, Math.max(tripCount, 1));
    const trips = Math.ceil(tripCount / unroll);
    let iteration = loop.ops.size > 0 ? bodyLatency(loop.ops, loop.reads.keys(), 0) : 0;
    // the unrolled copies of a carried float operation wait for each other inside the iteration
    if (loop.carried && unroll > 1 && !reassociates(loop.carried.op)) iteration += (unroll - 1) * recurrenceLatency(loop.carried, cost);
    for (const [kind, map] of [['reads', loop.reads], ['writes', loop.writes]] as const) {
      for (const [arrayName, perIteration] of map) {
        const array = spec.arrays.get(arrayName)!;
        const elements = perIteration * tripCount * invocations;
        for (const bundle of array.bundles) segment.offChipBytes[bundle] = (segment.offChipBytes[bundle] ?? 0) + (elements * bytesPerElement(array)) / array.bundles.length;
        if (array.buffer) countOnChip(array, kind, elements);
      }
    }
    for (const inner of loop.inner) iteration += scheduleLoop(inner, path, invocations * tripCount);
    const cycles = trips * (iteration + 1);
    const instances = Object.fromEntries([...loop.ops].map(([op]) => [op.key, unroll]));
    result.loops.push({ path, trip: tripCount, unroll, pipelined: false, how: plan.notPipelined.get(loop) ?? 'not pipelined', ii: null, iiReason: null, requestedII: null, depth: iteration + 1, invocations, cyclesPerInvocation: cycles, instances });
    return cycles;
  };

  // 4. the function
  const top = plan.top;
  let longestTask = 0;
  for (const loop of top) {
    segment = { label: loop.label, cycles: 0, offChipBytes: {}, offChipReadStarts: {} };
    segment.cycles = scheduleLoop(loop, '', 1);
    longestTask = Math.max(longestTask, segment.cycles);
    result.cycles += segment.cycles;
    result.segments.push(segment);
  }
  const functionPipeline = spec.pipeline ? result.loops.find((l) => l.path === top[0]?.label) : undefined;
  result.intervalCycles = functionPipeline?.ii ?? (spec.dataflow ? longestTask : result.cycles + 1);
  return result;
}

/** Cycles around a loop-carried dependence: the operator, and a load and a store when it goes through memory. */
function recurrenceLatency(carried: NonNullable<SpecLoop['carried']>, cost: (op: TypedOp) => { latencyCycles: number }): number {
  return Math.max(1, cost(carried.op).latencyCycles) + (carried.viaMemory ? 2 : 0);
}

/** Accesses per cycle an array takes: its banks' ports, a FIFO's one, any number through wires. */
function portsPerCycle(array: SpecArray, words?: number): number {
  if (array.external === 'wire') return Infinity;
  if (array.external === 'fifo') return 1;
  return (mapping(array, words).portsPerCycle * array.portsPerBank) / 2;
}

export function bytesPerElement(array: SpecArray): number {
  return Math.ceil(array.type.bits / 8);
}

/** How an on-chip array (or the staged chunk of an off-chip one) maps onto memory blocks: one rule for ports and resources. */
export function mapping(array: SpecArray, words = array.elements) {
  const buffer = array.buffer ?? { partition: { type: 'none' as const, factor: 1 }, storage: 'auto' as const };
  const partition = buffer.storage === 'registers' ? { type: 'complete' as const } : { type: buffer.partition.type, factor: Math.min(buffer.partition.factor, words) };
  const storage = buffer.storage === 'registers' ? 'auto' : buffer.storage;
  return mapArray({ words: Math.max(1, words), bitsPerWord: array.type.bits, partition, storage });
}

/** A loop whose body is exactly one inner loop: Vitis can flatten the two (UG1399, "Loop Flattening"). */
const isPerfectOver = (loop: SpecLoop): boolean => loop.inner.length === 1 && loop.ops.size === 0 && loop.reads.size === 0 && loop.writes.size === 0 && !loop.carried;

interface DirectivePlan {
  top: SpecLoop[]; // the function body (one region loop when the function is pipelined)
  pipelined: Map<SpecLoop, string>; // loop -> why
  notPipelined: Map<SpecLoop, string>;
  requestedII: Map<SpecLoop, number>;
  unroll: Map<SpecLoop, number>;
  flattened: Map<SpecLoop, { inner: SpecLoop; trip: number; labels: string[] }>; // outer loop of a perfect nest -> its pipelined innermost loop
}

/** Step 1: the directives as written, then Vitis's own decisions (auto-pipelining, unrolling, flattening). */
function planDirectives(spec: KernelSpec, trip: (loop: SpecLoop) => number): DirectivePlan {
  const plan: DirectivePlan = { top: spec.loops, pipelined: new Map(), notPipelined: new Map(), requestedII: new Map(), unroll: new Map(), flattened: new Map() };
  if (spec.pipeline) {
    const region: SpecLoop = { label: spec.name, trip: { min: 1, max: 1, avg: 1 }, ops: new Map(), reads: new Map(), writes: new Map(), carried: null, pipeline: spec.pipeline, unroll: null, inner: spec.loops };
    plan.top = [region];
    plan.pipelined.set(region, 'PIPELINE on the function');
    plan.requestedII.set(region, spec.pipeline.ii);
    return plan;
  }
  const threshold = spec.autoPipelineThreshold;
  const pipeline = (loop: SpecLoop, why: string, ii = 1) => {
    plan.pipelined.set(loop, why);
    plan.requestedII.set(loop, ii);
  };
  // an innermost loop at or below the threshold that its parent did not take in is pipelined itself
  const pipelineSmall = (loops: SpecLoop[], small: boolean[]) =>
    loops.forEach((l, i) => small[i] && pipeline(l, `auto-pipelined (innermost, trip ${trip(l)}; its parent is not pipelined)`));
  // returns whether the loop is a small innermost loop that its parent may unroll into itself
  const visit = (loop: SpecLoop): boolean => {
    const n = trip(loop);
    if (loop.unroll !== null) plan.unroll.set(loop, loop.unroll === 'full' ? Math.max(n, 1) : loop.unroll);
    if (loop.pipeline && loop.pipeline !== 'off') {
      pipeline(loop, `PIPELINE II=${loop.pipeline.ii}`, loop.pipeline.ii);
      return false;
    }
    if (loop.pipeline === 'off') plan.notPipelined.set(loop, 'PIPELINE off');
    const small = loop.inner.map(visit);
    // a loop with an UNROLL of its own is unrolled first, and then not pipelined automatically (UG1399)
    const automatic = threshold > 0 && loop.pipeline === null && loop.unroll === null;
    if (loop.inner.length === 0) {
      if (!automatic) return false;
      if (n > threshold) pipeline(loop, `auto-pipelined (trip ${n} > ${threshold})`);
      return n <= threshold;
    }
    if (automatic && small.every(Boolean)) {
      // a small loop alone in a loop of its own, with nothing carried, is flattened with it (and pipelined over
      // both) rather than unrolled into it; a small reduction, or a parent with work of its own, is unrolled
      const only = loop.inner.length === 1 ? loop.inner[0] : null;
      if (only && !only.carried && isPerfectOver(loop)) pipeline(only, `auto-pipelined (innermost, trip ${trip(only)}; flattened with its parent)`);
      else pipeline(loop, `auto-pipelined: inner loop(s) of trip <= ${threshold} unrolled into it`);
    } else pipelineSmall(loop.inner, small);
    return false;
  };
  pipelineSmall(spec.loops, spec.loops.map(visit));
  // flattening: an outer loop with no work of its own around exactly one pipelined loop of constant trip
  const flattenNest = (loop: SpecLoop): void => {
    for (const inner of loop.inner) flattenNest(inner);
    if (plan.pipelined.has(loop) || !isPerfectOver(loop) || loop.pipeline === 'off') return;
    const inner = loop.inner[0];
    const target = plan.flattened.get(inner) ?? (plan.pipelined.has(inner) ? { inner, trip: trip(inner), labels: [inner.label] } : null);
    if (!target || loop.trip.min !== loop.trip.max || (plan.unroll.get(loop) ?? 1) !== 1) return;
    plan.flattened.set(loop, { inner: target.inner, trip: target.trip * trip(loop), labels: [loop.label, ...target.labels] });
    plan.flattened.delete(inner);
  };
  for (const loop of spec.loops) flattenNest(loop);
  return plan;
}
