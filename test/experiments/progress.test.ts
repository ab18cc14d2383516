import { describe, expect, it } from 'vitest';
import { createProgress, formatSeconds } from '../../experiments/progress.js';

describe('sweep progress', () => {
  it('prints a plain line every 5% of the points in a log, with rate and ETA', () => {
    const lines: string[] = [];
    let ms = 0;
    const progress = createProgress({ total: 40, label: 'sweep', tty: false, write: (t) => lines.push(t), now: () => ms });
    for (let done = 1; done <= 40; done++) {
      ms = done * 50; // 20 points/s
      progress.update(done);
    }
    progress.finish(40);
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('sweep: 2/40 points (5%), 20 points/s, ETA 1.9s\n');
    expect(lines[19]).toBe('sweep: 40/40 points (100%), 20 points/s, ETA 0.0s\n');
    expect(lines[20]).toBe('sweep: 40 points in 2.0s\n');
  });

  it('redraws one bar in place on a terminal, at most every 100 ms', () => {
    const writes: string[] = [];
    let ms = 0;
    const progress = createProgress({ total: 10, label: 'sweep', tty: true, write: (t) => writes.push(t), now: () => ms });
    ms = 1000;
    progress.update(5);
    ms = 1050;
    progress.update(6); // too soon: not drawn
    ms = 2000;
    progress.update(10);
    expect(writes).toHaveLength(2);
    expect(writes[0]).toBe(`\rsweep [${'#'.repeat(15)}${'.'.repeat(15)}] 5/10 points (50%), 5.0 points/s, ETA 1.0s\x1b[K`);
    expect(writes[1]).toContain('10/10 points (100%)');
  });

  it('formats durations', () => {
    expect([formatSeconds(3.21), formatSeconds(42), formatSeconds(61.9), formatSeconds(7300), formatSeconds(NaN)]).toEqual(['3.2s', '42s', '1m01s', '2h01m', '?']);
  });
});
