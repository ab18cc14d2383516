// The rate an m_axi port can sustain on its own, for the flow model's per-stream cap: the port's beat rate,
// and Little's law on its outstanding bursts (each burst slot is busy for the read latency plus the time to
// take the burst's beats, so at most maxOutstanding bursts move per that time). With too few outstanding
// requests for the latency, the second bound is the one that holds; the burst model shows the same.

import { PS_PER_S } from '../engine/time.js';
import type { BurstPortParams } from './burst-port.js';

export function axiReadRateCapBytesPerS(port: Omit<BurstPortParams, 'name'>): number {
  const beatRateBytesPerS = port.bytesPerBeat * port.clockHz;
  const burstBytes = port.bytesPerBeat * port.burstBeats;
  const burstSlotPs = port.readLatencyPs + (port.burstBeats * PS_PER_S) / port.clockHz;
  const outstandingBytesPerS = (port.maxOutstanding * burstBytes * PS_PER_S) / burstSlotPs;
  return Math.min(beatRateBytesPerS, outstandingBytesPerS);
}
