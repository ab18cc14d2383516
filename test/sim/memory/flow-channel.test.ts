import { describe, expect, it } from 'vitest';
import { Environment, type SimEvent } from '../../../sim/engine/index.js';
import { FlowChannel } from '../../../sim/memory/index.js';

// A channel of 10 GB/s moves 0.01 B/ps: 1e6 B alone take 1e8 ps (100 us).
const TEN_GB_PER_S = 10e9;

/** Starts each transfer at its time and returns when each one completed. */
function run(channel: FlowChannel, transfers: { atPs: number; bytes: number; capBytesPerS?: number }[]): number[] {
  const env = channel.env;
  const ends: number[] = [];
  transfers.forEach(({ atPs, bytes, capBytesPerS }, i) => {
    env.process(function* () {
      yield env.timeout(atPs);
      yield* channel.transfer(bytes, { rateCapBytesPerS: capBytesPerS });
      ends[i] = env.now;
    }, `stream${i}`);
  });
  env.run();
  return ends;
}

describe('FlowChannel', () => {
  it('moves one stream at the full sustained bandwidth, after the first-access latency', () => {
    const channel = new FlowChannel(new Environment(), { bandwidthBytesPerS: TEN_GB_PER_S, latencyPs: 50_000 });
    expect(run(channel, [{ atPs: 0, bytes: 1e6 }])).toEqual([100_050_000]);
    expect([channel.bytesMoved, channel.busyPs, channel.transfersCompleted]).toEqual([1e6, 1e8, 1]);
  });

  it('applies the efficiency: 4 MiB on a 17.07 GB/s x 0.9 DDR4 channel', () => {
    const channel = new FlowChannel(new Environment(), { bandwidthBytesPerS: 17.07e9, efficiency: 0.9 });
    // 4194304 B / 15.363 GB/s = 273013343.748 ps, rounded up to the next whole picosecond.
    expect(run(channel, [{ atPs: 0, bytes: 4 << 20 }])).toEqual([273_013_344]);
  });

  it('gives two equal streams half each', () => {
    const channel = new FlowChannel(new Environment(), { bandwidthBytesPerS: TEN_GB_PER_S });
    expect(run(channel, [{ atPs: 0, bytes: 1e6 }, { atPs: 0, bytes: 1e6 }])).toEqual([2e8, 2e8]);
    expect(channel.busyPs).toBe(2e8);
  });

  it('lets a capped stream keep its cap and gives the rest to an uncapped one (water-filling)', () => {
    const channel = new FlowChannel(new Environment(), { bandwidthBytesPerS: TEN_GB_PER_S });
    // A is capped at 2 GB/s, B takes the other 8 GB/s and ends at 1e6 / 0.008 = 1.25e8 ps; A stays capped
    // after B leaves: 1e6 B at 2 GB/s end at 5e8 ps.
    const ends = run(channel, [
      { atPs: 0, bytes: 1e6, capBytesPerS: 2e9 },
      { atPs: 0, bytes: 1e6 },
    ]);
    expect(ends).toEqual([5e8, 1.25e8]);
    expect([channel.bytesMoved, channel.busyPs]).toEqual([2e6, 5e8]);
  });

  it('fills three streams level by level: caps 1 and 4 GB/s kept, the third gets the 5 GB/s left', () => {
    const channel = new FlowChannel(new Environment(), { bandwidthBytesPerS: TEN_GB_PER_S });
    // Sized so that each ends at 1e8 ps exactly when its rate is 1, 4 and 5 GB/s.
    const ends = run(channel, [
      { atPs: 0, bytes: 5e5 },
      { atPs: 0, bytes: 4e5, capBytesPerS: 4e9 },
      { atPs: 0, bytes: 1e5, capBytesPerS: 1e9 },
    ]);
    expect(ends).toEqual([1e8, 1e8, 1e8]);
  });

  it('reshares when a stream arrives and when one leaves mid-transfer', () => {
    const channel = new FlowChannel(new Environment(), { bandwidthBytesPerS: TEN_GB_PER_S });
    // A alone until 5e7 ps (5e5 B done); then both at 5 GB/s: A's other 5e5 B end at 1.5e8 ps; B has
    // 5e5 B left then and runs alone at 10 GB/s until 2e8 ps.
    expect(run(channel, [{ atPs: 0, bytes: 1e6 }, { atPs: 5e7, bytes: 1e6 }])).toEqual([1.5e8, 2e8]);
    expect(channel.busyPs).toBe(2e8);
  });

  it('counts busy time only while data flows', () => {
    const channel = new FlowChannel(new Environment(), { bandwidthBytesPerS: TEN_GB_PER_S, latencyPs: 1000 });
    expect(run(channel, [{ atPs: 0, bytes: 1e4 }, { atPs: 1e7, bytes: 1e4 }])).toEqual([1_001_000, 11_001_000]);
    expect(channel.busyPs).toBe(2e6);
    expect(channel.env.now).toBe(11_001_000);
  });

  it('completes an empty transfer after the latency', () => {
    const channel = new FlowChannel(new Environment(), { bandwidthBytesPerS: TEN_GB_PER_S, latencyPs: 700 });
    expect(run(channel, [{ atPs: 0, bytes: 0 }])).toEqual([700]);
  });

  it('spends a handful of events on a long transfer, not one per byte', () => {
    let events = 0;
    const env = new Environment({ trace: () => events++ });
    const channel = new FlowChannel(env, { bandwidthBytesPerS: TEN_GB_PER_S, latencyPs: 100 });
    const transfers: SimEvent<undefined>[] = [];
    for (let i = 0; i < 4; i++) transfers.push(channel.transfer(1 << 30, { rateCapBytesPerS: (i + 1) * 1e9 }));
    env.run(env.allOf(transfers));
    // 4 latency timeouts, at most one wake-up per arrival or departure (8), 4 completions, 1 allOf.
    expect(events).toBeLessThanOrEqual(17);
    expect(channel.bytesMoved).toBe(4 * 2 ** 30);
  });

  it('refuses impossible parameters with one clear line', () => {
    const env = new Environment();
    expect(() => new FlowChannel(env, { name: 'ddr0', bandwidthBytesPerS: 1e9, efficiency: 1.2 })).toThrow(
      "channel 'ddr0': efficiency 1.2 must be in (0, 1]",
    );
    expect(() => new FlowChannel(env, { bandwidthBytesPerS: -1 })).toThrow('bandwidthBytesPerS -1 must be a positive number');
    const channel = new FlowChannel(env, { name: 'hbm3', bandwidthBytesPerS: 1e9 });
    expect(() => channel.transfer(1.5)).toThrow("channel 'hbm3': transfer of 1.5 bytes must be a whole number >= 0");
    expect(() => channel.transfer(8, { rateCapBytesPerS: 0 })).toThrow('rateCapBytesPerS 0 must be positive');
  });
});
