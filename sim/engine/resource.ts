// A resource with a fixed number of units (say, the two ports of a BRAM). A process requests a unit, waits
// until it is granted (waiters are served first come, first served), uses it and releases it:
//
//     const request = yield* port.request();
//     yield env.timeout(workPs);
//     port.release(request);

import { check } from '../../kernels/errors.js';
import type { Environment } from './environment.js';
import { SimEvent } from './event.js';
import { RingQueue } from './ring-queue.js';

/** A request for one unit; succeeds, with itself as value, when the unit is granted. */
export class ResourceRequest extends SimEvent<ResourceRequest> {
  granted = false;
  cancelled = false;

  constructor(readonly resource: Resource) {
    super(resource.env);
  }

  override describe(): string {
    return `resource '${this.resource.name}' granted`;
  }
}

export class Resource {
  /** Units granted and not yet released. */
  inUse = 0;
  private readonly waiting = new RingQueue<ResourceRequest>();
  private waitingCount = 0; // excludes cancelled requests still in the queue

  constructor(
    readonly env: Environment,
    readonly capacity: number,
    readonly name = 'resource',
  ) {
    check(Number.isInteger(capacity) && capacity >= 1, `resource '${name}': capacity ${capacity} must be a whole number >= 1`);
  }

  /** Requests waiting for a unit. */
  get queueLength(): number {
    return this.waitingCount;
  }

  request(): ResourceRequest {
    const request = new ResourceRequest(this);
    this.waiting.push(request);
    this.waitingCount++;
    this.grant();
    return request;
  }

  /** Gives a granted unit back, or withdraws a request still waiting. */
  release(request: ResourceRequest): void {
    if (request.resource !== this) throw new Error(`resource '${this.name}': release of another resource's request`);
    if (request.granted) {
      request.granted = false;
      this.inUse--;
      this.grant();
    } else if (!request.cancelled) {
      request.cancelled = true;
      this.waitingCount--;
    } else {
      throw new Error(`resource '${this.name}': request released twice`);
    }
  }

  private grant(): void {
    while (this.inUse < this.capacity) {
      const next = this.waiting.shift();
      if (next === undefined) return;
      if (next.cancelled) continue;
      this.waitingCount--;
      this.inUse++;
      next.granted = true;
      next.succeed(next);
    }
  }
}
