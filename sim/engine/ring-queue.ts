// A first-in first-out queue on a growable ring buffer: push and shift are O(1), with no Array.shift
// (which moves every element) on the hot paths of FIFOs and resource waiters.

export class RingQueue<T> {
  private buffer: (T | undefined)[] = new Array(8);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count === this.buffer.length) this.grow();
    this.buffer[(this.head + this.count) & (this.buffer.length - 1)] = item;
    this.count++;
  }

  /** The oldest item, or undefined when empty. */
  peek(): T | undefined {
    return this.count === 0 ? undefined : this.buffer[this.head];
  }

  /** Removes and returns the oldest item, or undefined when empty. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.buffer[this.head];
    this.buffer[this.head] = undefined; // let the item be collected
    this.head = (this.head + 1) & (this.buffer.length - 1);
    this.count--;
    return item;
  }

  // Capacity stays a power of two so the wrap-around is a mask.
  private grow(): void {
    const old = this.buffer;
    const bigger: (T | undefined)[] = new Array(old.length * 2);
    for (let i = 0; i < this.count; i++) bigger[i] = old[(this.head + i) & (old.length - 1)];
    this.buffer = bigger;
    this.head = 0;
  }
}
