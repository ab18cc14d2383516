import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { fanInCycles, runDataflow, streamingTask, type DataflowTask } from '../../sim/dataflow.js';

describe('a DATAFLOW region on the engine', () => {
  it('a fast producer into a slow consumer through a FIFO of depth 1: back-pressure blocks the producer', () => {
    // the producer makes an item every 2 cycles, the consumer takes 5 per item: 4 items
    const report = runDataflow({
      fifos: [{ name: 'rows', depth: 1 }],
      tasks: [streamingTask('producer', 4, 2, [], ['rows']), streamingTask('consumer', 4, 5, ['rows'], [])],
    });
    // item 1 made at 2 goes straight to the waiting consumer (busy 2..7); item 2 (at 4) fills the FIFO; item
    // 3, made at 6, waits until the consumer takes item 2 at 7; item 4, made at 9, until it takes item 3 at 12
    const [producer, consumer] = report.tasks;
    expect(producer.endCycles).toBe(12);
    expect(producer.blockedCycles).toBe(1 + 3);
    expect(consumer.starvedCycles).toBe(2); // waiting for item 1
    expect(consumer.endCycles).toBe(2 + 4 * 5);
    expect(report.cycles).toBe(22);
    // one item in the FIFO from 4 to 17, none before or after; unbounded, items 2 and 3 would wait together
    expect(report.fifos[0]).toMatchObject({ name: 'rows', depth: 1, peakLevel: 1, depthNeeded: 2 });
    expect(report.fifos[0].meanLevel).toBeCloseTo(13 / 22, 12);
  });

  it('a deeper FIFO frees the producer and leaves the region no faster: the consumer sets the pace', () => {
    const run = (depth: number) =>
      runDataflow({ fifos: [{ name: 'rows', depth }], tasks: [streamingTask('producer', 4, 2, [], ['rows']), streamingTask('consumer', 4, 5, ['rows'], [])] });
    expect(run(2).cycles).toBe(run(1).cycles);
    expect(run(1).tasks[0].blockedCycles).toBe(4);
    expect(run(2).tasks[0].blockedCycles).toBe(0);
  });

  it('names a deadlock: a producer writing all of one FIFO before the other, read in the other order', () => {
    const writer: DataflowTask = {
      name: 'writer',
      body: function* (ports) {
        for (let i = 0; i < 4; i++) yield* ports.put('a');
        for (let i = 0; i < 4; i++) yield* ports.put('b');
      },
    };
    const reader: DataflowTask = {
      name: 'reader',
      body: function* (ports) {
        for (let i = 0; i < 4; i++) {
          yield* ports.get('b');
          yield* ports.get('a');
        }
      },
    };
    const region = (depth: number) => ({ fifos: [{ name: 'a', depth }, { name: 'b', depth }], tasks: [writer, reader] });
    expect(() => runDataflow(region(2))).toThrow("dataflow deadlock at cycle 0: task 'writer' waits to put into 'a' (full, 2/2); task 'reader' waits to get from 'b' (empty, 0/2)");
    // deep enough, the same tasks finish
    const deep = runDataflow(region(4));
    expect(deep.fifos.map((f) => f.depthNeeded)).toEqual([4, 2]);
    expect(deep.tasks.map((t) => t.blockedCycles)).toEqual([0, 0]);
  });

  it('refuses a FIFO depth below 1 and a FIFO nobody declared, in one line', () => {
    expect(() => runDataflow({ fifos: [{ name: 'x', depth: 0 }], tasks: [] })).toThrow("FIFO 'x': depth 0 must be a whole number >= 1");
    expect(() => runDataflow({ fifos: [{ name: 'x', depth: 1 }], tasks: [streamingTask('t', 1, 1, ['y'], [])] })).toThrow(
      "dataflow task 't' uses FIFO 'y', which the region does not declare (x)",
    );
  });

  it('agrees with the closed form of producers streaming into one consumer, on seeded random regions', () => {
    const rng = seedrandom('dataflow-fan-in');
    for (let i = 0; i < 40; i++) {
      const items = 1 + Math.floor(rng() * 60);
      const producers = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => Math.round((0.5 + rng() * 8) * 4) / 4);
      const consumer = Math.round((0.5 + rng() * 8) * 4) / 4;
      const depth = 1 + Math.floor(rng() * 4);
      const fifos = producers.map((_, p) => ({ name: `f${p}`, depth }));
      const report = runDataflow({
        fifos,
        tasks: [...producers.map((c, p) => streamingTask(`p${p}`, items, c, [], [`f${p}`])), streamingTask('consumer', items, consumer, fifos.map((f) => f.name), [])],
      });
      expect(report.cycles, `items ${items}, producers ${producers}, consumer ${consumer}, depth ${depth}`).toBeCloseTo(fanInCycles(items, producers, consumer), 9);
    }
  });
});
