// A Vitis HLS DATAFLOW region on the engine: each task is a process, each hls::stream a Fifo of its depth.
// A task blocks on a full FIFO (back-pressure) and on an empty one (starvation); the run reports, per task,
// the cycles it stalled each way, per FIFO its peak and mean occupancy and the depth it needs so that its
// producer never blocks, and names a deadlock (which task waits on which FIFO) instead of ending silently.
//
// Tasks are written as generators over a small port interface, so a test can tell any story (a deadlock
// among them); streamingTask() is the task every region of the accelerator uses: N items, each taken from
// every input, worked on for a fixed number of cycles, and written to every output.
import { check, FpgasimError } from '../kernels/errors.js';
import { Environment, Fifo, type ProcessGenerator } from './engine/index.js';

export interface TaskPorts {
  get(fifo: string): ProcessGenerator<void>;
  put(fifo: string): ProcessGenerator<void>;
  work(cycles: number): ProcessGenerator<void>;
}

export interface DataflowTask {
  name: string;
  body: (ports: TaskPorts) => ProcessGenerator<void>;
}

export interface DataflowRegion {
  fifos: { name: string; depth: number }[];
  tasks: DataflowTask[];
}

export interface TaskReport {
  name: string;
  endCycles: number; // when its last statement ran
  starvedCycles: number; // waiting on an empty FIFO
  blockedCycles: number; // waiting on a full FIFO (back-pressure)
}

export interface FifoReport {
  name: string;
  depth: number;
  peakLevel: number;
  meanLevel: number; // time-weighted over the region's run
  depthNeeded: number; // the peak level with unbounded depth: the depth at which its producer never blocks
}

export interface DataflowReport {
  cycles: number; // the region's latency: its last task's end
  tasks: TaskReport[];
  fifos: FifoReport[];
}

/** A task that streams `items` items: for each, one item from every input, `cyclesPerItem` of work, one item to every output. */
export function streamingTask(name: string, items: number, cyclesPerItem: number, inputs: string[], outputs: string[]): DataflowTask {
  return {
    name,
    body: function* (ports) {
      for (let i = 0; i < items; i++) {
        for (const fifo of inputs) yield* ports.get(fifo);
        yield* ports.work(cyclesPerItem);
        for (const fifo of outputs) yield* ports.put(fifo);
      }
    },
  };
}

interface Waiting {
  fifo: string;
  kind: 'put' | 'get';
}

/** Runs a region once with its FIFOs at the given depths; throws a one-line FpgasimError naming a deadlock. */
function runOnce(region: DataflowRegion, depthOf: (fifo: { name: string; depth: number }) => number): { cycles: number; tasks: TaskReport[]; fifos: Omit<FifoReport, 'depthNeeded'>[] } {
  // one cycle is 1 ps here: the region is timed in cycles, and the engine's time is an integer
  const env = new Environment();
  const fifos = new Map(region.fifos.map((f) => [f.name, { fifo: new Fifo<undefined>(env, depthOf(f), f.name), levelArea: 0, since: 0 }]));
  const waiting = new Map<string, Waiting>();
  const reports = region.tasks.map((t) => ({ name: t.name, endCycles: 0, starvedCycles: 0, blockedCycles: 0 }));
  const fifoOf = (task: string, name: string) => {
    const f = fifos.get(name);
    check(f !== undefined, `dataflow task '${task}' uses FIFO '${name}', which the region does not declare (${[...fifos.keys()].join(', ')})`);
    return f!;
  };
  // time-weighted occupancy: accumulate level x time before every change
  const touch = (f: { fifo: Fifo<undefined>; levelArea: number; since: number }) => {
    f.levelArea += f.fifo.level * (env.now - f.since);
    f.since = env.now;
  };
  region.tasks.forEach((task, i) => {
    const report = reports[i];
    const ports: TaskPorts = {
      get: function* (name) {
        const f = fifoOf(task.name, name);
        const start = env.now;
        waiting.set(task.name, { fifo: name, kind: 'get' });
        touch(f);
        yield* f.fifo.get();
        touch(f);
        waiting.delete(task.name);
        report.starvedCycles += env.now - start;
      },
      put: function* (name) {
        const f = fifoOf(task.name, name);
        const start = env.now;
        waiting.set(task.name, { fifo: name, kind: 'put' });
        touch(f);
        yield* f.fifo.put(undefined);
        touch(f);
        waiting.delete(task.name);
        report.blockedCycles += env.now - start;
      },
      work: function* (cycles) {
        yield env.timeout(cycles);
      },
    };
    env.process(
      (function* () {
        yield* task.body(ports);
        report.endCycles = env.now;
      })(),
      task.name,
    );
  });
  env.run();
  if (waiting.size > 0) {
    const stuck = region.tasks.filter((t) => waiting.has(t.name)).map((t): [string, Waiting] => [t.name, waiting.get(t.name)!]);
    const why = stuck.map(([task, w]) => {
      const f = fifos.get(w.fifo)!.fifo;
      return `task '${task}' waits to ${w.kind} ${w.kind === 'put' ? 'into' : 'from'} '${w.fifo}' (${w.kind === 'put' ? 'full' : 'empty'}, ${f.level}/${f.depth})`;
    });
    throw new FpgasimError(`dataflow deadlock at cycle ${env.now}: ${why.join('; ')}`);
  }
  const cycles = Math.max(0, ...reports.map((r) => r.endCycles));
  return {
    cycles,
    tasks: reports,
    fifos: [...fifos.values()].map((f) => {
      touch(f);
      return { name: f.fifo.name, depth: f.fifo.depth, peakLevel: f.fifo.peakLevel, meanLevel: cycles > 0 ? f.levelArea / cycles : 0 };
    }),
  };
}

/**
 * Runs the region at its FIFO depths, and once more with every FIFO unbounded to find the depth each
 * needs. Cycles per item may be fractional (a pipelined loop unrolled by u makes u items per II).
 */
export function runDataflow(region: DataflowRegion): DataflowReport {
  for (const f of region.fifos) check(Number.isInteger(f.depth) && f.depth >= 1, `FIFO '${f.name}': depth ${f.depth} must be a whole number >= 1`);
  const scaled = scaleToIntegers(region);
  const run = runOnce(scaled.region, (f) => f.depth);
  const unbounded = runOnce(scaled.region, () => Number.MAX_SAFE_INTEGER);
  const unscale = (cycles: number) => cycles / scaled.factor;
  return {
    cycles: unscale(run.cycles),
    tasks: run.tasks.map((t) => ({ ...t, endCycles: unscale(t.endCycles), starvedCycles: unscale(t.starvedCycles), blockedCycles: unscale(t.blockedCycles) })),
    fifos: run.fifos.map((f, i) => ({ ...f, depthNeeded: unbounded.fifos[i].peakLevel })),
  };
}

/** Work amounts in the engine's integer time: every work(cycles) scaled by one factor (1/1000 cycle resolution). */
function scaleToIntegers(region: DataflowRegion): { region: DataflowRegion; factor: number } {
  const factor = 1000;
  const tasks = region.tasks.map((task) => ({
    name: task.name,
    body: (ports: TaskPorts) => task.body({ ...ports, work: (cycles: number) => ports.work(Math.round(cycles * factor)) }),
  }));
  return { region: { fifos: region.fifos, tasks }, factor };
}

/**
 * The closed form of a region of producers streaming N items each into one consumer through FIFOs of depth
 * >= 1, as runDataflow times it: the consumer takes item k when every producer has made it, so the slowest
 * producer's first item starts it, the slowest task then sets the pace, and the consumer's own last item
 * ends it. Exact for streamingTask regions of this shape (test/sim/dataflow.test.ts).
 */
export function fanInCycles(items: number, producerCyclesPerItem: number[], consumerCyclesPerItem: number): number {
  if (items === 0) return 0;
  const slowestProducer = Math.max(...producerCyclesPerItem);
  return slowestProducer + (items - 1) * Math.max(slowestProducer, consumerCyclesPerItem) + consumerCyclesPerItem;
}
