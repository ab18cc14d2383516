// Off-chip memory channels: FlowChannel (flow level, the default) and BurstChannel + BurstPort (burst level,
// to check it). README.md says when they agree and when they do not.
export { FlowChannel, type FlowChannelParams, type TransferOptions } from './flow-channel.js';
export { BurstChannel, type BurstWindow } from './burst-channel.js';
export { BurstPort, type BurstPortParams } from './burst-port.js';
export { axiReadRateCapBytesPerS } from './axi-rate-cap.js';
export type { ChannelParams } from './channel-params.js';
