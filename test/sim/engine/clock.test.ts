import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../../kernels/errors.js';
import { Environment } from '../../../sim/engine/index.js';

describe('ClockDomain', () => {
  it('has a 4000 ps period at 250 MHz and counts cycles exactly', () => {
    const env = new Environment();
    const kernel = env.clock('kernel', 250e6);
    expect(kernel.periodPs).toBe(4000);
    let end = -1;
    env.process(function* loop() {
      yield kernel.cycles(1000);
      end = env.now;
    });
    env.run();
    expect(end).toBe(4_000_000);
  });

  it('rounds each edge of a 300 MHz clock from the exact time, without drift', () => {
    const env = new Environment();
    const clk = env.clock('fast', 300e6);
    expect(clk.periodPs).toBe(3333);
    expect([0, 1, 2, 3, 4, 5].map((n) => clk.edgeTimePs(n))).toEqual([0, 3333, 6667, 10000, 13333, 16667]);
    // Cycle by cycle lands on the same edges as one long wait: a million cycles is exactly 3.333... ms.
    const edges: number[] = [];
    env.process(function* stepper() {
      for (let i = 0; i < 6; i++) {
        yield clk.cycles(1);
        edges.push(env.now);
      }
      yield clk.cycles(1_000_000 - 6);
      edges.push(env.now);
    });
    env.run();
    expect(edges).toEqual([3333, 6667, 10000, 13333, 16667, 20000, 3_333_333_333]);
  });

  it('rounds ties up and stays exact for huge cycle counts of odd frequencies', () => {
    const env = new Environment();
    const tie = env.clock('tie', 8e11); // a 1.25 ps period: edges at 1.25 -> 1, 2.5 -> 3 (a tie), 3.75 -> 4
    expect([1, 2, 3, 4, 6].map((n) => tie.edgeTimePs(n))).toEqual([1, 3, 4, 5, 8]);
    const odd = env.clock('odd', 299_999_999);
    // 1e12 * 1e9 / 299999999 = 3333333344444.44... ps; n * 1e12 is beyond 2^53, so the exact slow path.
    expect(odd.edgeTimePs(1e9)).toBe(3333333344444);
    expect(odd.edgeIndexAt(3333333344444)).toBe(1e9);
    expect(odd.edgeIndexAt(3333333344443)).toBe(1e9 - 1);
  });

  it('finds the next edge from between two edges, and from on an edge', () => {
    const env = new Environment();
    const clk = env.clock('k', 300e6);
    const seen: number[] = [];
    env.process(function* sampler() {
      yield env.timeout(5000); // between edges 3333 and 6667
      yield clk.nextEdge();
      seen.push(env.now);
      yield clk.nextEdge(); // from on an edge: one full period
      seen.push(env.now);
      yield env.timeout(1);
      yield clk.cycles(2); // the rest of this cycle, then one more
      seen.push(env.now);
      yield clk.cycles(0);
      seen.push(env.now);
    });
    env.run();
    expect(seen).toEqual([6667, 10000, 16667, 16667]);
  });

  it('keeps two domains on their own edges', () => {
    const env = new Environment();
    const kernel = env.clock('kernel', 250e6); // 4000 ps
    const axi = env.clock('axi', 300e6); // 3333.33 ps
    const log: string[] = [];
    env.process(function* compute() {
      for (let i = 0; i < 3; i++) {
        yield kernel.cycles(1);
        log.push(`kernel@${env.now}`);
      }
    });
    env.process(function* memory() {
      for (let i = 0; i < 3; i++) {
        yield axi.cycles(1);
        log.push(`axi@${env.now}`);
      }
    });
    env.run();
    expect(log).toEqual(['axi@3333', 'kernel@4000', 'axi@6667', 'kernel@8000', 'axi@10000', 'kernel@12000']);
    expect(env.clock('kernel', 250e6)).toBe(kernel); // the same domain on second use
  });

  it('refuses frequencies that are not a whole number of Hz or above 1 THz, and a clash', () => {
    const env = new Environment();
    env.clock('kernel', 250e6);
    expect(() => env.clock('kernel', 300e6)).toThrow("clock 'kernel': already at 250000000 Hz, asked for 300000000 Hz");
    expect(() => env.clock('frac', 1.5)).toThrow(FpgasimError);
    expect(() => env.clock('thz', 2e12)).toThrow('a period of at least 1 ps');
    expect(() => env.clock('neg', -5)).toThrow("clock 'neg': frequency -5 Hz");
  });
});
