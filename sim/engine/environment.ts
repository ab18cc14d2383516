// The environment holds simulated time and the heap of scheduled events. run() pops the earliest event
// (by time, then priority, then the order it was scheduled in), advances `now` to its time and processes
// it, which resumes the processes waiting on it; they schedule new events; and so on until the heap is
// empty, a time limit is reached or an awaited event has happened.

import { FpgasimError } from '../../kernels/errors.js';
import { ClockDomain } from './clock.js';
import { allOf, anyOf, type FirstOf, type ValuesOf } from './condition.js';
import { Priority, SimEvent, Timeout, type AnyEvent } from './event.js';
import { EventHeap } from './heap.js';
import { Process, errorOrigin, type ProcessGenerator } from './process.js';
import { checkDelayPs, checkTimePs } from './time.js';

/** Called for every event processed: its time and what it was. */
export type TraceHook = (timePs: number, description: string) => void;

export interface EnvironmentOptions {
  trace?: TraceHook;
}

export class Environment {
  /** Simulated time in picoseconds. */
  now = 0;
  /** The process running right now, null between processes. */
  activeProcess: Process<unknown> | null = null;
  /** Events processed so far (the simulator's cost, for benchmarks). */
  eventsProcessed = 0;
  private readonly heap = new EventHeap<AnyEvent>();
  private nextSeq = 0;
  private processCount = 0;
  private readonly clocks = new Map<string, ClockDomain>();
  private readonly trace: TraceHook | undefined;

  constructor(options: EnvironmentOptions = {}) {
    this.trace = options.trace;
  }

  /** A pending event; trigger it with succeed(value) or fail(error). */
  event<T = undefined>(description = 'event'): SimEvent<T> {
    return new SimEvent<T>(this, description);
  }

  /** An event that succeeds, with value, delayPs from now. */
  timeout<T = undefined>(delayPs: number, value?: T, priority: number = Priority.NORMAL): Timeout<T> {
    return new Timeout<T>(this, delayPs, value as T, priority);
  }

  /**
   * Starts a process at the current time. body is a generator, or a generator function (whose name then
   * names the process): `env.process(function* producer() { ... })`.
   */
  process<R>(body: ProcessGenerator<R> | (() => ProcessGenerator<R>), name?: string): Process<R> {
    this.processCount++;
    const generator = typeof body === 'function' ? body() : body;
    const fallback = typeof body === 'function' && body.name !== '' ? body.name : `process#${this.processCount}`;
    return new Process<R>(this, name ?? fallback, generator);
  }

  allOf<E extends readonly AnyEvent[]>(events: E): SimEvent<ValuesOf<E>> {
    return allOf(this, events);
  }

  anyOf<E extends readonly AnyEvent[]>(events: E): SimEvent<FirstOf<ValuesOf<E>[number]>> {
    return anyOf(this, events);
  }

  /** The clock domain called name, created at hz on first use. */
  clock(name: string, hz: number): ClockDomain {
    const existing = this.clocks.get(name);
    if (existing !== undefined) {
      if (existing.hz !== hz) throw new FpgasimError(`clock '${name}': already at ${existing.hz} Hz, asked for ${hz} Hz`);
      return existing;
    }
    const domain = new ClockDomain(this, name, hz);
    this.clocks.set(name, domain);
    return domain;
  }

  /** Engine internals: puts a triggered event on the heap, delayPs from now. */
  schedule(event: AnyEvent, delayPs: number, priority: number): void {
    checkDelayPs(delayPs, event);
    const timePs = this.now + delayPs;
    checkTimePs(timePs);
    event.timePs = timePs;
    event.priority = priority;
    event.seq = this.nextSeq++;
    this.heap.push(event);
  }

  /** The time of the next scheduled event, Infinity when none. */
  peek(): number {
    return this.heap.peek()?.timePs ?? Infinity;
  }

  /** Processes the next event. Throws the error of a failed event nobody waits for. */
  step(): void {
    const event = this.heap.pop();
    if (event === undefined) throw new Error('step() with no scheduled event');
    this.now = event.timePs;
    this.eventsProcessed++;
    const callbacks = event.callbacks as NonNullable<AnyEvent['callbacks']>;
    event.callbacks = null;
    this.trace?.(this.now, event.describe());
    for (let i = 0; i < callbacks.length; i++) callbacks[i](event);
    if (!event.ok && callbacks.length === 0) throw unhandled(event);
  }

  /**
   * Runs the simulation: until no event is left (run()), until simulated time untilPs (every event before
   * it is processed, then now = untilPs), or until the event `until` has been processed (its value is
   * returned; its error thrown; ending with it still pending is a deadlock and an error).
   */
  run(): void;
  run(untilPs: number): void;
  run<T>(until: SimEvent<T>): T;
  run<T>(until?: number | SimEvent<T>): T | void {
    if (until === undefined) {
      while (this.heap.size > 0) this.step();
    } else if (typeof until === 'number') {
      if (!(until >= this.now)) throw new Error(`run(${until}): the time limit is before now (${this.now} ps)`);
      checkTimePs(until);
      while (this.peek() < until) this.step();
      this.now = until;
    } else {
      while (!until.processed && this.heap.size > 0) this.step();
      if (!until.processed) {
        throw new FpgasimError(
          `simulation stopped at ${this.now} ps with no event left before ${until.describe()} happened (deadlock?)`,
        );
      }
      if (!until.ok) throw unhandled(until);
      return until.value;
    }
  }
}

// A failed event reaching run() becomes one error naming the process it came from, of the project's error
// type when the cause was one (a user-caused problem), with the original error as its cause.
function unhandled(event: AnyEvent): Error {
  const cause = event.error;
  const origin = errorOrigin(cause);
  const where = origin
    ? `process '${origin.processName}' failed at ${origin.timePs} ps`
    : `${event.describe()} failed at ${event.timePs} ps`;
  const message = `${where}: ${cause instanceof Error ? cause.message : String(cause)}`;
  return cause instanceof FpgasimError ? new FpgasimError(message, { cause }) : new SimulationError(message, { cause });
}

/** An error inside a process that nobody handled; `cause` holds the original error and its stack. */
export class SimulationError extends Error {
  override readonly name = 'SimulationError';
}
