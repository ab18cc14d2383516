import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../../kernels/errors.js';
import { Environment, Priority, SimulationError, type SimEvent } from '../../../sim/engine/index.js';

describe('Environment', () => {
  it('runs a process through timeouts and hands back each timeout value', () => {
    const env = new Environment();
    const seen: [number, string][] = [];
    env.process(function* walker() {
      const first = yield* env.timeout(1500, 'first');
      seen.push([env.now, first]);
      const second: string = yield env.timeout(500, 'second'); // plain yield works too
      seen.push([env.now, second]);
    });
    env.run();
    expect(seen).toEqual([
      [1500, 'first'],
      [2000, 'second'],
    ]);
    expect(env.now).toBe(2000);
    expect(env.eventsProcessed).toBe(4); // the start, two timeouts, the process's end
  });

  it('lets a process wait for another (join) and get its return value', () => {
    const env = new Environment();
    const worker = env.process(function* worker() {
      yield env.timeout(7000);
      return 42;
    });
    let joinedAt = -1;
    let result = -1;
    env.process(function* boss() {
      yield env.timeout(1000);
      result = yield* worker;
      joinedAt = env.now;
    });
    env.run();
    expect([joinedAt, result]).toEqual([7000, 42]);
  });

  it('resumes at once on an event already processed', () => {
    const env = new Environment();
    const done = env.timeout(100, 'early');
    env.process(function* late() {
      yield env.timeout(900);
      expect(yield* done).toBe('early');
      expect(env.now).toBe(900);
    });
    env.run();
    expect(env.now).toBe(900);
  });

  it('returns the value of the event run() waited for, leaving later events scheduled', () => {
    const env = new Environment();
    const main = env.process(function* main() {
      yield env.timeout(300);
      return 'done';
    });
    env.timeout(5000);
    expect(env.run(main)).toBe('done');
    expect(env.now).toBe(300);
    expect(env.peek()).toBe(5000);
  });

  it('processes events before the time limit and stops the clock at it', () => {
    const env = new Environment();
    const ticks: number[] = [];
    env.process(function* ticker() {
      for (;;) {
        yield env.timeout(1000);
        ticks.push(env.now);
      }
    });
    env.run(3500);
    expect(ticks).toEqual([1000, 2000, 3000]);
    expect(env.now).toBe(3500);
    env.run(4000); // an event at exactly the limit waits for the next run
    expect(ticks).toEqual([1000, 2000, 3000]);
    env.run(4001);
    expect(ticks).toEqual([1000, 2000, 3000, 4000]);
  });

  it('waits for all of several events, or the first of them', () => {
    const env = new Environment();
    let all: [string, number] | undefined;
    let first: { index: number; value: unknown } | undefined;
    let allAt = -1;
    let firstAt = -1;
    env.process(function* waiter() {
      const slow = env.timeout(3000, 'slow');
      const fast = env.timeout(1000, 7);
      first = yield* env.anyOf([slow, fast]);
      firstAt = env.now;
      all = yield* env.allOf([slow, fast] as const);
      allAt = env.now;
    });
    env.run();
    expect([first, firstAt]).toEqual([{ index: 1, value: 7 }, 1000]);
    expect([all, allAt]).toEqual([['slow', 7], 3000]);
  });

  it('succeeds allOf([]) at once', () => {
    const env = new Environment();
    expect(env.run(env.allOf([]))).toEqual([]);
    expect(env.now).toBe(0);
  });

  it('wakes processes waiting on an event triggered by hand', () => {
    const env = new Environment();
    const go = env.event<string>('go');
    const woken: string[] = [];
    for (const name of ['a', 'b']) {
      env.process(function* () {
        woken.push(`${name}:${yield* go}@${env.now}`);
      }, name);
    }
    env.process(function* starter() {
      yield env.timeout(250);
      go.succeed('now');
    });
    env.run();
    expect(woken).toEqual(['a:now@250', 'b:now@250']);
  });

  describe('errors', () => {
    it('stops run() with the name of the process that threw and the time', () => {
      const env = new Environment();
      env.process(function* broken() {
        yield env.timeout(1234);
        throw new Error('fifo underflow');
      });
      expect(() => env.run()).toThrow(SimulationError);
      const env2 = new Environment();
      env2.process(function* broken() {
        yield env2.timeout(1234);
        throw new Error('fifo underflow');
      });
      expect(() => env2.run()).toThrow("process 'broken' failed at 1234 ps: fifo underflow");
    });

    it('keeps a user-caused error the project error type', () => {
      const env = new Environment();
      env.process(function* loader() {
        yield env.timeout(5);
        throw new FpgasimError('design.clockHz: 0 is not allowed');
      });
      expect(() => env.run()).toThrow(FpgasimError);
    });

    it('throws the error into a process that joins the failed one, which may handle it', () => {
      const env = new Environment();
      const child = env.process(function* child() {
        yield env.timeout(10);
        throw new Error('bad');
      });
      let caught = '';
      env.process(function* parent() {
        try {
          yield* child;
        } catch (error) {
          caught = `${(error as Error).message}@${env.now}`;
        }
      });
      env.run();
      expect(caught).toBe('bad@10');
    });

    it('names the process where an error arose even when it travels through a join', () => {
      const env = new Environment();
      const child = env.process(function* child() {
        yield env.timeout(10);
        throw new Error('bad');
      });
      env.process(function* parent() {
        yield* child;
      });
      expect(() => env.run()).toThrow("process 'child' failed at 10 ps: bad");
    });

    it('fails a process that yields something that is not an event', () => {
      const env = new Environment();
      env.process(function* confused() {
        yield 5 as unknown as SimEvent<number>;
      });
      expect(() => env.run()).toThrow("process 'confused' failed at 0 ps: process 'confused' yielded 5, which is not an event");
    });

    it('reports a deadlock when the awaited event can no longer happen', () => {
      const env = new Environment();
      const never = env.event('never');
      const stuck = env.process(function* stuck() {
        yield env.timeout(20);
        yield never;
      });
      expect(() => env.run(stuck)).toThrow("simulation stopped at 20 ps with no event left before process 'stuck' happened");
    });

    it('refuses fractional and negative delays, and times beyond 2^53 ps', () => {
      const env = new Environment();
      expect(() => env.timeout(1.5)).toThrow('delay 1.5 ps must be a whole, non-negative number of picoseconds');
      expect(() => env.timeout(-1)).toThrow('delay -1 ps');
      env.run(2 ** 53 - 10);
      expect(() => env.timeout(100)).toThrow(FpgasimError);
      expect(() => env.timeout(100)).toThrow('beyond 2^53 ps (about 2.5 hours)');
    });

    it('refuses to trigger an event twice', () => {
      const env = new Environment();
      const event = env.event<number>('once');
      event.succeed(1);
      expect(() => event.succeed(2)).toThrow('once: triggered twice');
    });
  });

  describe('same-time ordering', () => {
    it('orders events at one time by priority, then by the order they were scheduled', () => {
      const order: string[] = [];
      const env = new Environment({ trace: (_t, what) => order.push(what) });
      env.event('normal-1').succeed(undefined);
      env.event('late').succeed(undefined, 5);
      env.event('normal-2').succeed(undefined);
      env.event('urgent').succeed(undefined, Priority.URGENT);
      env.run();
      expect(order).toEqual(['urgent', 'normal-1', 'normal-2', 'late']);
    });

    it('orders timeouts ending at the same time by priority then creation', () => {
      const env = new Environment();
      const order: string[] = [];
      env.process(function* a() {
        yield env.timeout(100);
        order.push('a');
      });
      env.process(function* b() {
        yield env.timeout(100, undefined, Priority.URGENT);
        order.push('b');
      });
      env.process(function* c() {
        yield env.timeout(100);
        order.push('c');
      });
      env.run();
      expect(order).toEqual(['b', 'a', 'c']);
    });

    it('starts a new process at the current time before the normal events of that time', () => {
      const env = new Environment();
      const order: string[] = [];
      env.process(function* parent() {
        yield env.timeout(50);
        env.timeout(0).addCallback(() => order.push('timeout'));
        env.process(function* child() {
          order.push(`child@${env.now}`);
        });
        order.push('parent continues');
      });
      env.run();
      expect(order).toEqual(['parent continues', 'child@50', 'timeout']);
    });
  });
});
