// The parameters every off-chip channel model shares, checked once.

import { check } from '../../kernels/errors.js';

export interface ChannelParams {
  name?: string;
  /** Peak bandwidth of the channel, e.g. 17.07e9 for one DDR4-2133 64-bit channel. */
  bandwidthBytesPerS: number;
  /** The fraction of the peak a long stream really gets (refresh, bank conflicts, turnarounds); 0 < e <= 1. */
  efficiency?: number;
}

/** The sustained bandwidth bandwidth x efficiency, in bytes per picosecond (the engine's time unit). */
export function sustainedBytesPerPs(name: string, params: ChannelParams): number {
  const efficiency = params.efficiency ?? 1;
  check(
    Number.isFinite(params.bandwidthBytesPerS) && params.bandwidthBytesPerS > 0,
    `channel '${name}': bandwidthBytesPerS ${params.bandwidthBytesPerS} must be a positive number`,
  );
  check(efficiency > 0 && efficiency <= 1, `channel '${name}': efficiency ${efficiency} must be in (0, 1]`);
  return (params.bandwidthBytesPerS * efficiency) / 1e12;
}

export function checkBytes(name: string, bytes: number): void {
  check(Number.isInteger(bytes) && bytes >= 0, `channel '${name}': transfer of ${bytes} bytes must be a whole number >= 0`);
}
