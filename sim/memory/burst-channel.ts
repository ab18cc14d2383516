// The burst-level model of one off-chip memory channel, to check the flow model on small cases. Bursts are
// served one after another in the order they were requested (FIFO), each occupying the channel for
// bytes / (bandwidth x efficiency); a burst's data starts no earlier than the read latency after its
// request was accepted.
//
// Because service is FIFO and a burst's length is known when it is requested, its window on the channel is
// fixed at acceptance: no event is needed here, the port schedules one per burst for its delivery.

import type { Environment } from '../engine/environment.js';
import { sustainedBytesPerPs, type ChannelParams } from './channel-params.js';

/** A burst's data on the channel: [startPs, endPs), fractional picoseconds (rounded only when scheduled). */
export interface BurstWindow {
  startPs: number;
  endPs: number;
}

export class BurstChannel {
  readonly name: string;
  readonly sustainedBytesPerPs: number;
  bytesMoved = 0;
  /** Time the channel spent moving data. */
  busyPs = 0;
  bursts = 0;
  // Kept fractional so that many bursts in a row do not accumulate rounding.
  private freePs = 0;

  constructor(
    readonly env: Environment,
    params: ChannelParams,
  ) {
    this.name = params.name ?? 'channel';
    this.sustainedBytesPerPs = sustainedBytesPerPs(this.name, params);
  }

  /** Accepts a burst request now; returns when its data will be on the channel. */
  accept(bytes: number, readLatencyPs: number): BurstWindow {
    const startPs = Math.max(this.env.now + readLatencyPs, this.freePs);
    const durationPs = bytes / this.sustainedBytesPerPs;
    this.freePs = startPs + durationPs;
    this.bytesMoved += bytes;
    this.busyPs += durationPs;
    this.bursts++;
    return { startPs, endPs: this.freePs };
  }
}
