// A process is a generator function that yields events and is resumed with each event's value when the
// environment processes it (SimPy's model). A process is itself an event: it succeeds with the generator's
// return value, so other processes can wait for it (`const result = yield* worker`).
//
// An error thrown inside a process fails the process; whoever waits on it gets the same error thrown into
// them, and an error nobody waits for stops Environment.run, which names the process where it arose.

import type { Environment } from './environment.js';
import { Priority, SimEvent, type AnyEvent } from './event.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ProcessGenerator<R = void> = Generator<AnyEvent, R, any>;

/** Where an error first escaped a process: the process name and the simulated time. */
export interface ErrorOrigin {
  processName: string;
  timePs: number;
}

const origins = new WeakMap<object, ErrorOrigin>();

export function errorOrigin(error: unknown): ErrorOrigin | undefined {
  return typeof error === 'object' && error !== null ? origins.get(error) : undefined;
}

export class Process<R = void> extends SimEvent<R> {
  /** The event the process is waiting for, null before it starts and after it ends. */
  target: AnyEvent | null = null;

  constructor(
    env: Environment,
    readonly name: string,
    private readonly generator: ProcessGenerator<R>,
  ) {
    super(env);
    // Start at the current time, before the normal events of this instant, but not re-entrantly inside
    // whatever code created the process.
    const start = new SimEvent<undefined>(env, `process '${name}' starts`);
    start.addCallback(this.resume);
    start.succeed(undefined, Priority.URGENT);
  }

  get isAlive(): boolean {
    return !this.triggered;
  }

  override describe(): string {
    if (!this.triggered) return `process '${this.name}'`;
    return `process '${this.name}' ${this.ok ? 'finished' : 'failed'}`;
  }

  // An arrow property: one bound callback per process, added to every event the process waits on.
  private readonly resume = (event: AnyEvent): void => {
    const env = this.env;
    env.activeProcess = this;
    let ok = event.ok;
    let sent: unknown = ok ? event.value : event.error;
    for (;;) {
      let step: IteratorResult<AnyEvent, R>;
      try {
        step = ok ? this.generator.next(sent) : this.generator.throw(sent);
      } catch (thrown) {
        this.finish(false, this.recordOrigin(thrown));
        return;
      }
      if (step.done) {
        this.finish(true, step.value);
        return;
      }
      const next: unknown = step.value;
      if (!(next instanceof SimEvent)) {
        ok = false;
        sent = new Error(`process '${this.name}' yielded ${String(next)}, which is not an event`);
        continue;
      }
      if (next.callbacks !== null) {
        next.callbacks.push(this.resume);
        this.target = next;
        env.activeProcess = null;
        return;
      }
      // Already processed: its value is known, carry on at once.
      ok = next.ok;
      sent = ok ? next.value : next.error;
    }
  };

  private finish(ok: boolean, outcome: unknown): void {
    this.target = null;
    this.env.activeProcess = null;
    if (ok) this.succeed(outcome as R);
    else this.fail(outcome);
  }

  private recordOrigin(thrown: unknown): unknown {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    if (!origins.has(error)) origins.set(error, { processName: this.name, timePs: this.env.now });
    return error;
  }
}
