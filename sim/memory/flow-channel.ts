// The flow-level model of one off-chip memory channel (the simulator's default). Each transfer is a stream:
// it waits the channel's first-access latency, then flows at a rate that the channel shares max-min fairly
// among the streams active on it (water-filling): a stream capped by its own port below the fair share
// keeps its cap, and the bandwidth it leaves is split equally among the rest.
//
// Rates change only when a stream arrives or leaves. Then every active stream's progress is brought up to
// date, the rates are recomputed, and one wake-up is scheduled for the earliest completion, so a run costs
// O(streams) events per arrival or departure, never an event per byte or per cycle.

import { check } from '../../kernels/errors.js';
import type { Environment } from '../engine/environment.js';
import type { SimEvent } from '../engine/event.js';
import { ceilPs } from '../engine/time.js';
import { checkBytes, sustainedBytesPerPs, type ChannelParams } from './channel-params.js';

export interface FlowChannelParams extends ChannelParams {
  /** Time from a transfer's request to its first byte (the channel's read latency), whole ps. */
  latencyPs?: number;
}

export interface TransferOptions {
  /** The most this stream can take, whatever the channel could give (e.g. 64 B per cycle of its loop). */
  rateCapBytesPerS?: number;
}

interface Stream {
  bytes: number;
  remainingBytes: number;
  capBytesPerPs: number;
  rateBytesPerPs: number;
  finishPs: number; // when it ends at the current rates
  done: SimEvent<undefined>;
}

export class FlowChannel {
  readonly name: string;
  readonly sustainedBytesPerPs: number;
  readonly latencyPs: number;
  /** Bytes of completed transfers (for DRAM energy). */
  bytesMoved = 0;
  /** Time during which at least one stream was flowing (for utilization). */
  busyPs = 0;
  transfersCompleted = 0;
  // Active streams, ordered by cap (ties: arrival) so water-filling is one pass.
  private readonly active: Stream[] = [];
  private updatedPs = 0;
  private wakeupPs = -1; // time of the scheduled wake-up that is still current, -1 when none
  private wakeupGeneration = 0; // wake-ups of older generations were superseded and do nothing

  constructor(
    readonly env: Environment,
    params: FlowChannelParams,
  ) {
    this.name = params.name ?? 'channel';
    this.sustainedBytesPerPs = sustainedBytesPerPs(this.name, params);
    this.latencyPs = params.latencyPs ?? 0;
    check(
      Number.isInteger(this.latencyPs) && this.latencyPs >= 0,
      `channel '${this.name}': latencyPs ${this.latencyPs} must be a whole number >= 0`,
    );
  }

  /** Streams flowing now. */
  get activeStreams(): number {
    return this.active.length;
  }

  /** Moves bytes over the channel; the event succeeds when the last byte has arrived. */
  transfer(bytes: number, options: TransferOptions = {}): SimEvent<undefined> {
    checkBytes(this.name, bytes);
    const capBytesPerS = options.rateCapBytesPerS ?? Infinity;
    check(capBytesPerS > 0, `channel '${this.name}': rateCapBytesPerS ${capBytesPerS} must be positive`);
    const stream: Stream = {
      bytes,
      remainingBytes: bytes,
      capBytesPerPs: capBytesPerS / 1e12,
      rateBytesPerPs: 0,
      finishPs: Infinity,
      done: this.env.event(`channel '${this.name}': ${bytes} B transferred`),
    };
    if (this.latencyPs === 0) this.admit(stream);
    else this.env.timeout(this.latencyPs).addCallback(() => this.admit(stream));
    return stream.done;
  }

  private admit(stream: Stream): void {
    if (stream.bytes === 0) {
      this.complete(stream);
      return;
    }
    this.advance();
    let at = this.active.length;
    while (at > 0 && this.active[at - 1].capBytesPerPs > stream.capBytesPerPs) at--;
    this.active.splice(at, 0, stream); // a handful of streams per channel: cheap
    this.reshare();
  }

  // Brings every stream's progress and the busy time up to now, at the rates they have had since.
  private advance(): void {
    const elapsedPs = this.env.now - this.updatedPs;
    this.updatedPs = this.env.now;
    if (elapsedPs === 0 || this.active.length === 0) return;
    this.busyPs += elapsedPs;
    for (const stream of this.active) stream.remainingBytes -= stream.rateBytesPerPs * elapsedPs;
  }

  // Water-filling over streams sorted by cap, then one wake-up for the earliest completion.
  private reshare(): void {
    const now = this.env.now;
    let leftBytesPerPs = this.sustainedBytesPerPs;
    let earliestPs = Infinity;
    for (let i = 0; i < this.active.length; i++) {
      const stream = this.active[i];
      const fairShare = leftBytesPerPs / (this.active.length - i);
      stream.rateBytesPerPs = Math.min(stream.capBytesPerPs, fairShare);
      leftBytesPerPs -= stream.rateBytesPerPs;
      stream.finishPs = now + Math.max(0, ceilPs(stream.remainingBytes / stream.rateBytesPerPs));
      earliestPs = Math.min(earliestPs, stream.finishPs);
    }
    if (earliestPs === Infinity || earliestPs === this.wakeupPs) return;
    this.wakeupPs = earliestPs;
    const generation = ++this.wakeupGeneration;
    this.env.timeout(earliestPs - now).addCallback(() => {
      if (generation === this.wakeupGeneration) this.wakeUp();
    });
  }

  private wakeUp(): void {
    this.wakeupPs = -1;
    this.advance();
    const now = this.env.now;
    let kept = 0;
    for (const stream of this.active) {
      if (stream.finishPs <= now) this.complete(stream);
      else this.active[kept++] = stream;
    }
    this.active.length = kept;
    this.reshare();
  }

  private complete(stream: Stream): void {
    this.bytesMoved += stream.bytes;
    this.transfersCompleted++;
    stream.done.succeed(undefined);
  }
}
