// An event is something that happens at one instant of simulated time. It is pending until triggered
// (succeed or fail), which schedules it on the environment's heap; when the environment pops it, it is
// processed: its callbacks run, in the order they were added (this is how waiting processes resume).
//
// Every event is iterable, so a process can write `const value = yield* event` and get a typed value
// back; a plain `yield event` works too, with an untyped value.

import type { Environment } from './environment.js';
import type { Scheduled } from './heap.js';

/** Lower runs first among events at the same time; ties go to the event triggered first. */
export const Priority = {
  /** Process starts: a process created at t runs at t before the normal events of t. */
  URGENT: 0,
  NORMAL: 1,
} as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEvent = SimEvent<any>;
export type Callback = (event: AnyEvent) => void;

export class SimEvent<T = unknown> implements Scheduled {
  // The scheduling key, set once by Environment.schedule when the event is triggered.
  timePs = -1;
  priority: number = Priority.NORMAL;
  seq = -1;
  /** Run when the event is processed; null once processed. Engine internals: use addCallback. */
  callbacks: Callback[] | null = [];
  private okFlag = true;
  private payload: unknown = undefined;

  constructor(
    readonly env: Environment,
    private readonly label = 'event',
  ) {}

  /** Succeeded or failed, and scheduled (perhaps not yet processed). */
  get triggered(): boolean {
    return this.seq >= 0;
  }

  /** Popped off the heap and its callbacks run. */
  get processed(): boolean {
    return this.callbacks === null;
  }

  get ok(): boolean {
    return this.okFlag;
  }

  /** The value the event succeeded with. */
  get value(): T {
    if (!this.triggered) throw new Error(`${this.describe()}: value read before the event was triggered`);
    if (!this.okFlag) throw new Error(`${this.describe()}: value read from a failed event`);
    return this.payload as T;
  }

  /** The error the event failed with. */
  get error(): unknown {
    return this.okFlag ? undefined : this.payload;
  }

  /** What the event is, for traces and error messages. */
  describe(): string {
    return this.label;
  }

  /** Triggers the event now: it will be processed after the events already scheduled for this time. */
  succeed(value: T, priority: number = Priority.NORMAL): this {
    this.trigger(true, value, priority);
    return this;
  }

  /** Triggers the event as failed: processes waiting on it get the error thrown into them. */
  fail(error: unknown, priority: number = Priority.NORMAL): this {
    this.trigger(false, error, priority);
    return this;
  }

  /** Runs callback(event) when the event is processed. */
  addCallback(callback: Callback): void {
    if (this.callbacks === null) throw new Error(`${this.describe()}: callback added after the event was processed`);
    this.callbacks.push(callback);
  }

  *[Symbol.iterator](): Generator<SimEvent<T>, T, unknown> {
    return (yield this) as T;
  }

  protected trigger(ok: boolean, payload: unknown, priority: number, delayPs = 0): void {
    if (this.triggered) throw new Error(`${this.describe()}: triggered twice`);
    this.okFlag = ok;
    this.payload = payload;
    this.env.schedule(this, delayPs, priority);
  }
}

/** An event that succeeds delayPs after its creation. */
export class Timeout<T = undefined> extends SimEvent<T> {
  constructor(
    env: Environment,
    readonly delayPs: number,
    value: T,
    priority: number = Priority.NORMAL,
  ) {
    super(env);
    this.trigger(true, value, priority, delayPs);
  }

  override describe(): string {
    return `timeout ${this.delayPs} ps`;
  }
}
