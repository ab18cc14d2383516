// An m_axi port: the adapter Vitis HLS builds for it, and how long a read burst takes on a memory channel.
//
// Adapter resources are ESTIMATES of Vitis HLS csynth reports for an m_axi interface with default depths
// (read and write data buffers of up to 512 entries each, i.e. one BRAM18 per 36 bits of width per
// direction once the port is wider than 32 bits; a 32-bit port buffers in 2 BRAM18), plus address/response
// logic that grows with the data width. They are not from a datasheet: check against csynth for the port
// widths a design uses.
import { check } from '../kernels/errors.js';
import type { MemoryChannel } from './devices/types.js';

export const MAXI_WIDTHS_BITS = [32, 64, 128, 256, 512, 1024] as const;

export interface MaxiAdapterCost {
  lut: number;
  ff: number;
  bram18: number;
}

export function maxiAdapterCost(bits: number): MaxiAdapterCost {
  check((MAXI_WIDTHS_BITS as readonly number[]).includes(bits), `m_axi width ${bits} bits is not allowed (allowed: ${MAXI_WIDTHS_BITS.join(', ')})`);
  return {
    lut: 600 + 2.5 * bits,
    ff: 900 + 4 * bits,
    bram18: 2 * Math.ceil(bits / 36),
  };
}

/**
 * Seconds from issuing a read burst of `beats` beats on `channel` to its last beat, with nothing else on the
 * channel: the channel's read latency, then the beats at the slower of the port (one beat per kernel cycle)
 * and the channel's sustained bandwidth.
 */
export function burstReadS(channel: MemoryChannel, beats: number, portBits: number, clockHz: number): number {
  check(Number.isInteger(beats) && beats >= 1 && beats <= 256, `burst of ${beats} beats is not allowed (allowed: 1 to 256, AXI4)`);
  check(clockHz > 0, `clock ${clockHz} Hz is not allowed (allowed: above 0 Hz)`);
  const bytes = (beats * portBits) / 8;
  const portBytesPerS = (portBits / 8) * clockHz;
  const channelBytesPerS = channel.peakBandwidthBytesPerS * channel.efficiency;
  return channel.readLatencyS + bytes / Math.min(portBytesPerS, channelBytesPerS);
}
