import { describe, expect, it } from 'vitest';
import { Environment, Fifo } from '../../../sim/engine/index.js';

describe('Fifo', () => {
  it('stalls a producer on a full FIFO until the consumer frees a slot', () => {
    const env = new Environment();
    const fifo = new Fifo<number>(env, 2, 'rows');
    const putDone: number[] = [];
    const got: string[] = [];
    env.process(function* producer() {
      for (let i = 0; i < 5; i++) {
        yield* fifo.put(i);
        putDone.push(env.now);
      }
    });
    env.process(function* consumer() {
      for (let i = 0; i < 5; i++) {
        yield env.timeout(1000);
        got.push(`${yield* fifo.get()}@${env.now}`);
      }
    });
    env.run();
    // Items 0 and 1 fill the FIFO at once; item 2 waits for the first get at 1000 ps, item 3 for the
    // second at 2000 ps, item 4 for the third at 3000 ps.
    expect(putDone).toEqual([0, 0, 1000, 2000, 3000]);
    expect(got).toEqual(['0@1000', '1@2000', '2@3000', '3@4000', '4@5000']);
    expect(fifo.peakLevel).toBe(2);
    expect(fifo.level).toBe(0);
  });

  it('makes a consumer wait on an empty FIFO and hands it the next item directly', () => {
    const env = new Environment();
    const fifo = new Fifo<string>(env, 4, 'tokens');
    const got: string[] = [];
    env.process(function* consumer() {
      for (let i = 0; i < 2; i++) got.push(`${yield* fifo.get()}@${env.now}`);
    });
    env.process(function* producer() {
      yield env.timeout(700);
      yield* fifo.put('a');
      yield env.timeout(300);
      yield* fifo.put('b');
    });
    env.run();
    expect(got).toEqual(['a@700', 'b@1000']);
    expect(fifo.peakLevel).toBe(0); // every item went straight to a waiting consumer
  });

  it('serves several blocked producers in the order they blocked, and carries undefined items', () => {
    const env = new Environment();
    const fifo = new Fifo<string | undefined>(env, 1);
    const order: (string | undefined)[] = [];
    for (const item of [undefined, 'p1', 'p2']) {
      env.process(function* () {
        yield* fifo.put(item);
      });
    }
    env.process(function* consumer() {
      yield env.timeout(10);
      for (let i = 0; i < 3; i++) order.push(yield* fifo.get());
    });
    env.run();
    expect(order).toEqual([undefined, 'p1', 'p2']);
  });

  it('tells the story of the README example: a depth-1 FIFO holds a fast producer back', () => {
    const env = new Environment();
    const kernel = env.clock('kernel', 250e6);
    const rows = new Fifo<number>(env, 1, 'rows');
    let producerDonePs = -1;
    env.process(function* producer() {
      for (let row = 0; row < 4; row++) {
        yield kernel.cycles(10);
        yield* rows.put(row);
      }
      producerDonePs = env.now;
    });
    const consumer = env.process(function* consumer() {
      let sum = 0;
      for (let i = 0; i < 4; i++) {
        sum += yield* rows.get();
        yield kernel.cycles(25);
      }
      return sum;
    });
    expect(env.run(consumer)).toBe(6);
    // Row 3 is ready at 160,000 ps but the FIFO frees only when the consumer takes row 2 at 240,000 ps.
    expect([producerDonePs, env.now]).toEqual([240_000, 440_000]);
  });

  it('refuses a depth below one', () => {
    expect(() => new Fifo(new Environment(), 0, 'x')).toThrow("fifo 'x': depth 0 must be a whole number >= 1");
  });
});
