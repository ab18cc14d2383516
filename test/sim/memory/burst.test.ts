import { describe, expect, it } from 'vitest';
import { Environment } from '../../../sim/engine/index.js';
import { BurstChannel, BurstPort, axiReadRateCapBytesPerS, type BurstPortParams } from '../../../sim/memory/index.js';

// A 16 GB/s channel moves 0.016 B/ps: a 4 KiB burst (64 beats of 64 B) occupies it for 256,000 ps.
const PORT: BurstPortParams = { bytesPerBeat: 64, burstBeats: 64, maxOutstanding: 8, readLatencyPs: 100_000, clockHz: 300e6 };

function readOnce(bytes: number, port: Partial<BurstPortParams>): number {
  const env = new Environment();
  const channel = new BurstChannel(env, { bandwidthBytesPerS: 16e9 });
  const reader = new BurstPort(env, channel, { ...PORT, ...port });
  env.run(reader.transfer(bytes));
  return env.now;
}

describe('BurstPort on a BurstChannel', () => {
  it('streams back-to-back bursts when enough are outstanding: latency + bytes / bandwidth', () => {
    // 4 bursts: the first data at 100,000 ps, then 4 x 256,000 ps of data.
    expect(readOnce(16 << 10, {})).toBe(1_124_000);
    expect(readOnce(4 << 20, {})).toBe(100_000 + 1024 * 256_000);
  });

  it('pays the latency on every burst with one outstanding request', () => {
    expect(readOnce(16 << 10, { maxOutstanding: 1 })).toBe(4 * (100_000 + 256_000));
  });

  it('delivers no faster than the port takes beats: 64 B per cycle at 100 MHz is 6.4 GB/s', () => {
    // Each burst's 64 beats take 640,000 ps at the port; the channel runs ahead.
    expect(readOnce(16 << 10, { clockHz: 100e6 })).toBe(100_000 + 4 * 640_000);
  });

  it('splits a transfer that is not a whole number of bursts, and counts what the channel did', () => {
    const env = new Environment();
    const channel = new BurstChannel(env, { bandwidthBytesPerS: 16e9 });
    const reader = new BurstPort(env, channel, PORT);
    env.run(reader.transfer(4096 + 1024));
    expect(env.now).toBe(100_000 + 256_000 + 64_000);
    expect([channel.bursts, channel.bytesMoved, channel.busyPs]).toEqual([2, 5120, 320_000]);
  });

  it('serves two transfers asked of one port in order', () => {
    const env = new Environment();
    const reader = new BurstPort(env, new BurstChannel(env, { bandwidthBytesPerS: 16e9 }), PORT);
    const ends: number[] = [];
    for (const bytes of [8192, 4096]) reader.transfer(bytes).addCallback(() => ends.push(env.now));
    env.run();
    expect(ends).toEqual([100_000 + 2 * 256_000, 100_000 + 3 * 256_000]);
  });

  it('refuses a port without outstanding requests', () => {
    const env = new Environment();
    expect(() => new BurstPort(env, new BurstChannel(env, { bandwidthBytesPerS: 1e9 }), { ...PORT, name: 'gmem0', maxOutstanding: 0 })).toThrow(
      "port 'gmem0': maxOutstanding 0 must be a whole number >= 1",
    );
  });
});

describe('axiReadRateCapBytesPerS', () => {
  it('is the beat rate when enough bursts are outstanding', () => {
    expect(axiReadRateCapBytesPerS({ ...PORT, clockHz: 250e6 })).toBe(16e9);
  });

  it("is Little's law when the latency needs more outstanding bursts than the port has", () => {
    // 2 x 4096 B per (1,000,000 + 256,000) ps.
    expect(axiReadRateCapBytesPerS({ ...PORT, clockHz: 250e6, maxOutstanding: 2, readLatencyPs: 1_000_000 })).toBeCloseTo(
      8192 / 1.256e-6,
      0,
    );
  });
});
