import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { EventHeap, type Scheduled } from '../../../sim/engine/heap.js';
import { RingQueue } from '../../../sim/engine/ring-queue.js';

const order = (a: Scheduled, b: Scheduled) => a.timePs - b.timePs || a.priority - b.priority || a.seq - b.seq;

describe('EventHeap', () => {
  it('pops the least (time, priority, seq) every time, across interleaved pushes and pops', () => {
    const rng = seedrandom('heap');
    const heap = new EventHeap<Scheduled>();
    const reference: Scheduled[] = []; // what the heap holds, kept sorted the slow way
    let seq = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 40; i++) {
        const item = { timePs: Math.floor(rng() * 20), priority: Math.floor(rng() * 3), seq: seq++ };
        heap.push(item);
        reference.push(item);
      }
      reference.sort(order);
      for (let i = 0; i < 30; i++) expect(heap.pop()).toBe(reference.shift());
    }
    while (reference.length > 0) expect(heap.pop()).toBe(reference.shift());
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
  });
});

describe('RingQueue', () => {
  it('keeps first-in first-out order across growth and wrap-around', () => {
    const queue = new RingQueue<number>();
    const out: number[] = [];
    let next = 0;
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 7 + round; i++) queue.push(next++);
      for (let i = 0; i < 5; i++) out.push(queue.shift() as number);
    }
    expect(queue.peek()).toBe(out.length);
    while (queue.length > 0) out.push(queue.shift() as number);
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
    expect(queue.shift()).toBeUndefined();
  });
});
