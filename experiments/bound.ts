// The bandwidth bound of a decode step: no design can make a token faster than the device's off-chip
// memories, all channels at their peak, can deliver the bytes a token must read:
//
//   every weight matrix once (int8 values and their float32 group scales), the norm weights, one row of
//   the embedding table, and the key/value cache of every earlier position (2 x layers x kv_dim x 4 bytes
//   per position; averaged over the run, positions 0..tokens-1 read 1..tokens rows).
//
// Writes (one new cache row, the logits) and re-reads are left out: they are what a design may add, not
// what the token must cost. Sweeps report each point's speed as a fraction of this bound.
import type { ModelConfig } from '../kernels/model/types.js';
import type { Device } from '../hw-models/devices/types.js';
import { bytesPerRole } from '../sim/design/check.js';
import type { Design } from '../kernels/design.js';

export interface BandwidthBound {
  tokensPerSecond: number;
  bytesPerToken: number;
  peakBandwidthBytesPerS: number; // every memory channel of the device
}

export function bandwidthBound(config: ModelConfig, design: Design, device: Device, tokens: number): BandwidthBound {
  const roles = bytesPerRole(config, design);
  const kvDim = (config.dim * config.nKvHeads) / config.nHeads;
  const meanPositionsRead = (tokens + 1) / 2;
  const bytesPerToken =
    (roles.get('weights') ?? 0) + (roles.get('norm') ?? 0) + (roles.get('embedding') ?? 0) / config.vocabSize + 2 * config.nLayers * kvDim * 4 * meanPositionsRead;
  const peakBandwidthBytesPerS = device.memories.reduce((sum, m) => sum + m.peakBandwidthBytesPerS, 0);
  return { tokensPerSecond: peakBandwidthBytesPerS / bytesPerToken, bytesPerToken, peakBandwidthBytesPerS };
}
