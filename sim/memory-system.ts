// The off-chip side of a design: one channel model per device memory that a bundle uses, and the design's
// m_axi bundles as ports onto them. Flow level (default): a bundle's transfer is one stream on its channel,
// capped by what the loop consumes and by what the port can sustain (beat rate; outstanding bursts over
// the read latency). Burst level: the same transfer split into AXI bursts through a BurstPort.
import type { Device, MemoryChannel } from '../hw-models/devices/types.js';
import type { Environment, SimEvent } from './engine/index.js';
import { secondsToPs } from './engine/index.js';
import { axiReadRateCapBytesPerS, BurstChannel, BurstPort, FlowChannel } from './memory/index.js';
import { memoryOfBundle } from './design/check.js';
import type { Design } from '../kernels/design.js';

export type MemoryMode = 'flow' | 'burst';

interface ChannelState {
  memory: MemoryChannel;
  flow: FlowChannel | null;
  burst: BurstChannel | null;
}

export interface ChannelReport {
  id: string;
  type: string;
  bytes: number;
  busyPs: number;
  peakBandwidthBytesPerS: number;
}

export class MemorySystem {
  private readonly channels = new Map<string, ChannelState>();
  private readonly bundleChannel = new Map<string, ChannelState>();
  private readonly ports = new Map<string, BurstPort>();
  private readonly portCapBytesPerS = new Map<string, number>();

  constructor(
    env: Environment,
    device: Device,
    design: Design,
    mode: MemoryMode,
  ) {
    for (const [name, bundle] of Object.entries(design.bundles)) {
      const memory = memoryOfBundle(design, device, name);
      let state = this.channels.get(memory.id);
      if (!state) {
        const params = { name: memory.id, bandwidthBytesPerS: memory.peakBandwidthBytesPerS, efficiency: memory.efficiency };
        state = {
          memory,
          flow: mode === 'flow' ? new FlowChannel(env, { ...params, latencyPs: secondsToPs(memory.readLatencyS) }) : null,
          burst: mode === 'burst' ? new BurstChannel(env, params) : null,
        };
        this.channels.set(memory.id, state);
      }
      this.bundleChannel.set(name, state);
      const port = {
        bytesPerBeat: bundle.widthBits / 8,
        burstBeats: bundle.maxReadBurstBeats,
        maxOutstanding: bundle.maxOutstandingReads,
        readLatencyPs: secondsToPs(memory.readLatencyS),
        clockHz: Math.round(design.clockHz),
      };
      this.portCapBytesPerS.set(name, axiReadRateCapBytesPerS(port));
      if (state.burst) this.ports.set(name, new BurstPort(env, state.burst, { name, ...port }));
    }
  }

  channelOf(bundle: string): MemoryChannel {
    return this.bundleChannel.get(bundle)!.memory;
  }

  /** Moves bytes through a bundle; the loop behind it consumes at most loopRateBytesPerS. */
  transfer(bundle: string, bytes: number, loopRateBytesPerS: number): SimEvent<undefined> {
    const state = this.bundleChannel.get(bundle)!;
    const whole = Math.ceil(bytes);
    if (state.flow) {
      return state.flow.transfer(whole, { rateCapBytesPerS: Math.min(loopRateBytesPerS, this.portCapBytesPerS.get(bundle)!) });
    }
    return this.ports.get(bundle)!.transfer(whole);
  }

  report(): ChannelReport[] {
    return [...this.channels.values()].map(({ memory, flow, burst }) => ({
      id: memory.id,
      type: memory.type,
      bytes: (flow ?? burst)!.bytesMoved,
      busyPs: (flow ?? burst)!.busyPs,
      peakBandwidthBytesPerS: memory.peakBandwidthBytesPerS,
    }));
  }
}
