// A binary min-heap of scheduled events ordered by (time, priority, sequence number). The sequence number
// is unique and increases with every schedule, so the order is total and every run is reproducible.
import { BinaryHeap } from '../../kernels/binary-heap.js';

export interface Scheduled {
  timePs: number;
  priority: number; // lower runs first among events at the same time
  seq: number; // order of scheduling: earlier runs first among equal time and priority
}

function before(a: Scheduled, b: Scheduled): boolean {
  if (a.timePs !== b.timePs) return a.timePs < b.timePs;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

export class EventHeap<T extends Scheduled> extends BinaryHeap<T> {
  constructor() {
    super(before);
  }
}
