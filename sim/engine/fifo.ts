// A FIFO of fixed depth between two processes, like hls::stream: put waits while the FIFO is full (back-
// pressure on the producer), get waits while it is empty. Waiting producers and consumers are served in
// arrival order.
//
//     yield* fifo.put(item);          // resumes once the item is in the FIFO
//     const item = yield* fifo.get(); // resumes with the oldest item

import { check } from '../../kernels/errors.js';
import type { Environment } from './environment.js';
import { SimEvent } from './event.js';
import { RingQueue } from './ring-queue.js';

interface WaitingPut<T> {
  item: T;
  done: SimEvent<undefined>;
}

export class Fifo<T> {
  /** The most items the FIFO has held at once: the depth this run needed. */
  peakLevel = 0;
  private readonly items = new RingQueue<T>();
  private readonly waitingPuts = new RingQueue<WaitingPut<T>>();
  private readonly waitingGets = new RingQueue<SimEvent<T>>();

  constructor(
    readonly env: Environment,
    readonly depth: number,
    readonly name = 'fifo',
  ) {
    check(Number.isInteger(depth) && depth >= 1, `fifo '${name}': depth ${depth} must be a whole number >= 1`);
  }

  /** Items in the FIFO now. */
  get level(): number {
    return this.items.length;
  }

  put(item: T): SimEvent<undefined> {
    const done = new SimEvent<undefined>(this.env, `fifo '${this.name}' put`);
    const consumer = this.waitingGets.shift();
    if (consumer !== undefined) {
      consumer.succeed(item); // a consumer waits only when the FIFO is empty: hand the item over
      done.succeed(undefined);
    } else if (this.items.length < this.depth) {
      this.store(item);
      done.succeed(undefined);
    } else {
      this.waitingPuts.push({ item, done });
    }
    return done;
  }

  get(): SimEvent<T> {
    const got = new SimEvent<T>(this.env, `fifo '${this.name}' get`);
    if (this.items.length === 0) {
      this.waitingGets.push(got);
      return got;
    }
    got.succeed(this.items.shift() as T);
    // A slot is free: the first waiting producer gets it now.
    const producer = this.waitingPuts.shift();
    if (producer !== undefined) {
      this.store(producer.item);
      producer.done.succeed(undefined);
    }
    return got;
  }

  private store(item: T): void {
    this.items.push(item);
    if (this.items.length > this.peakLevel) this.peakLevel = this.items.length;
  }
}
