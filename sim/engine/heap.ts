// A binary min-heap of scheduled events ordered by (time, priority, sequence number). The sequence number
// is unique and increases with every schedule, so the order is total and every run is reproducible.

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

export class EventHeap<T extends Scheduled> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    // Sift the last item down from the root into the hole the top left.
    const n = items.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(items[right], items[left]) ? right : left;
      if (!before(items[child], last)) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = last;
    return top;
  }
}
