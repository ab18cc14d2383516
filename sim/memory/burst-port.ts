// An AXI master port (m_axi) reading through a BurstChannel. A transfer is split into bursts of up to
// bytesPerBeat x burstBeats bytes; the port keeps up to maxOutstanding bursts in flight and issues the
// next when one has been delivered. The port takes at most bytesPerBeat per cycle of its clock, so a burst
// is delivered when the channel has sent it and the port has taken every beat:
//
//     delivered = max(channel end, max(channel start, previous burst delivered) + beats x period)
//
// Data the port has not taken yet waits in the interconnect; it does not hold the channel, so a slow port
// leaves the channel to others, as a capped stream does in the flow model.
//
// Not modelled: the address channel (one request per cycle), the 4 KiB boundary rule, write responses.
// Transfers on one port are served in the order they were asked for.

import { check } from '../../kernels/errors.js';
import type { Environment } from '../engine/environment.js';
import type { SimEvent } from '../engine/event.js';
import { RingQueue } from '../engine/ring-queue.js';
import { PS_PER_S, ceilPs } from '../engine/time.js';
import type { BurstChannel } from './burst-channel.js';
import { checkBytes } from './channel-params.js';

export interface BurstPortParams {
  name?: string;
  /** AXI data width / 8, e.g. 64 for a 512-bit port. */
  bytesPerBeat: number;
  /** Beats per burst, e.g. 64 (Vitis max_read_burst_length). */
  burstBeats: number;
  /** Bursts in flight at once (Vitis num_read_outstanding). */
  maxOutstanding: number;
  /** From a burst's request to its first data, whole ps. */
  readLatencyPs: number;
  /** The port's clock (the kernel clock). */
  clockHz: number;
}

interface PortTransfer {
  bytesToIssue: number;
  burstsInFlight: number;
  done: SimEvent<undefined>;
}

export class BurstPort {
  readonly name: string;
  private readonly burstBytes: number;
  private readonly beatPs: number;
  private readonly queue = new RingQueue<PortTransfer>();
  private inFlight = 0;
  private deliveredPs = 0; // when the port took the last beat of the last burst issued (fractional)

  constructor(
    readonly env: Environment,
    readonly channel: BurstChannel,
    readonly params: BurstPortParams,
  ) {
    this.name = params.name ?? 'm_axi';
    for (const field of ['bytesPerBeat', 'burstBeats', 'maxOutstanding', 'clockHz'] as const) {
      const value = params[field];
      check(Number.isInteger(value) && value >= 1, `port '${this.name}': ${field} ${value} must be a whole number >= 1`);
    }
    check(
      Number.isInteger(params.readLatencyPs) && params.readLatencyPs >= 0,
      `port '${this.name}': readLatencyPs ${params.readLatencyPs} must be a whole number >= 0`,
    );
    this.burstBytes = params.bytesPerBeat * params.burstBeats;
    this.beatPs = PS_PER_S / params.clockHz;
  }

  /** Reads bytes through the port; the event succeeds when the last beat has arrived. */
  transfer(bytes: number): SimEvent<undefined> {
    checkBytes(this.name, bytes);
    const done = this.env.event<undefined>(`port '${this.name}': ${bytes} B transferred`);
    if (bytes === 0) return done.succeed(undefined);
    this.queue.push({ bytesToIssue: bytes, burstsInFlight: 0, done });
    this.issue();
    return done;
  }

  private issue(): void {
    while (this.inFlight < this.params.maxOutstanding) {
      const transfer = this.queue.peek();
      if (transfer === undefined) return;
      const bytes = Math.min(this.burstBytes, transfer.bytesToIssue);
      transfer.bytesToIssue -= bytes;
      if (transfer.bytesToIssue === 0) this.queue.shift();
      transfer.burstsInFlight++;
      this.inFlight++;
      const window = this.channel.accept(bytes, this.params.readLatencyPs);
      const beats = Math.ceil(bytes / this.params.bytesPerBeat);
      this.deliveredPs = Math.max(window.endPs, Math.max(window.startPs, this.deliveredPs) + beats * this.beatPs);
      const now = this.env.now;
      this.env.timeout(Math.max(0, ceilPs(this.deliveredPs - now))).addCallback(() => this.delivered(transfer));
    }
  }

  private delivered(transfer: PortTransfer): void {
    this.inFlight--;
    transfer.burstsInFlight--;
    if (transfer.bytesToIssue === 0 && transfer.burstsInFlight === 0) transfer.done.succeed(undefined);
    this.issue();
  }
}
