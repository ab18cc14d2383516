// fpgasim sweep as a user runs it: a real child process, killed with SIGKILL in the middle and resumed; the
// results must be those of an uninterrupted run, byte for byte, with no point twice.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneErrorLine, runFpgasim } from '../helpers/run-cli.js';
import { PROJECT_ROOT } from '../helpers/models.js';
import { tempDir, tinyExperiment, writeExperiment } from '../experiments/helpers.js';

/** 108 points, event-driven: slow enough (tens of ms a point) to be killed halfway. */
const SLOW = tinyExperiment({ mode: 'flow', parameters: { ...(tinyExperiment().parameters as object), 'accumulators.attentionScore': [1, 2, 4] } });

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l !== '') : []);

/** Starts a sweep, waits until at least `atLeast` results are written, then kills it with SIGKILL. */
async function sweepAndKill(args: string[], results: string, atLeast: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'sweep', ...args], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
  while (lines(results).length < atLeast && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe('fpgasim sweep', () => {
  it('resumes a run killed with SIGKILL mid-way and ends with the uninterrupted run\'s results, no point twice', async () => {
    const dir = tempDir('sweep-kill');
    const experiment = writeExperiment(dir, SLOW);
    const whole = runFpgasim('sweep', experiment, '--out', join(dir, 'whole'), '--jobs', '2');
    expect(whole.status).toBe(0);
    expect(whole.stdout).toContain('108/108 points');

    const killed = join(dir, 'killed');
    const results = join(killed, 'results.jsonl');
    await sweepAndKill([experiment, '--out', killed, '--jobs', '2'], results, 5);
    const survivors = lines(results).length;
    expect(survivors).toBeGreaterThanOrEqual(5);
    expect(survivors).toBeLessThan(108);
    // as if the kill had landed inside a write: an unfinished last line
    appendFileSync(results, '{"index":3,"id":"torn');

    const resumed = runFpgasim('sweep', experiment, '--out', killed, '--jobs', '2');
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toMatch(/dropped an unfinished last line \(\d+ bytes\)/);
    expect(resumed.stderr).toMatch(/resuming: \d+ of 108 points already in/);
    expect(readFileSync(results, 'utf8')).toBe(readFileSync(join(dir, 'whole', 'results.jsonl'), 'utf8'));
    const ids = lines(results).map((l) => JSON.parse(l).id);
    expect(new Set(ids).size).toBe(108);
    expect(lines(results).map((l) => JSON.parse(l).timing)).toEqual(Array(108).fill('flow'));
  });

  it('stops after --limit points and says how to go on; the same command finishes the rest', () => {
    const dir = tempDir('sweep-limit');
    const experiment = writeExperiment(dir, tinyExperiment());
    const out = join(dir, 'out');
    const first = runFpgasim('sweep', experiment, '--out', out, '--limit', '10', '--jobs', '1');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('10/36 points in');
    expect(first.stdout).toContain('(26 to go: run the same command again)');
    const rest = runFpgasim('sweep', experiment, '--out', out, '--jobs', '1');
    expect(rest.stdout).toContain('36/36 points in');
    expect(lines(join(out, 'results.jsonl')).map((l) => JSON.parse(l).index)).toEqual([...Array(36).keys()]);
  });

  it('records a design the checks refuse as an error line and carries on', () => {
    const dir = tempDir('sweep-errors');
    const experiment = writeExperiment(dir, tinyExperiment({ parameters: { clock: ['250 MHz', '600 MHz'] } }));
    const result = runFpgasim('sweep', experiment, '--out', join(dir, 'out'), '--jobs', '1');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 refused designs');
    const [ok, refused] = lines(join(dir, 'out', 'results.jsonl')).map((l) => JSON.parse(l));
    expect(ok).toMatchObject({ index: 0, status: 'ok', timing: 'analytic', params: { clock: '250 MHz' } });
    expect(refused).toEqual({
      index: 1,
      id: refused.id,
      params: { clock: '600 MHz' },
      status: 'error',
      timing: 'analytic',
      error: "clock = 600 MHz is above vu9p-f1's 500 MHz limit",
      internal: false,
    });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown field', { sweeps: 2 }, /unknown field sweeps/],
    ['an empty range', { parameters: { 'accumulators.matvec': { from: 4, to: 1, step: 1 } } }, /parameters\.accumulators\.matvec is an empty range/],
    ['constraints that remove every point', { constraints: [{ atLeast: ['accumulators.matvec', 100] }] }, /the constraints remove every one of the 36 points/],
  ])('refuses %s in one line before it creates anything', (_, change, message) => {
    const dir = tempDir('sweep-bad');
    const out = join(dir, 'out');
    const result = runFpgasim('sweep', writeExperiment(dir, tinyExperiment(change)), '--out', out);
    expect(oneErrorLine(result)).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to mix two experiments, or two shards, in one directory', () => {
    const dir = tempDir('sweep-mix');
    const out = join(dir, 'out');
    expect(runFpgasim('sweep', writeExperiment(dir, tinyExperiment(), 'a.json'), '--out', out, '--limit', '1', '--jobs', '1').status).toBe(0);
    const other = runFpgasim('sweep', writeExperiment(dir, tinyExperiment({ tokens: 9 }), 'b.json'), '--out', out);
    expect(oneErrorLine(other)).toMatch(/out holds results of another experiment \(tiny, hash [0-9a-f]{12}; this one is [0-9a-f]{12}\): use another --out or delete it$/);
    const shard = runFpgasim('sweep', join(dir, 'a.json'), '--out', out, '--shard', '1/2');
    expect(oneErrorLine(shard)).toMatch(/out holds all points of this experiment, not shard 1\/2: use another --out$/);
    expect(oneErrorLine(runFpgasim('sweep', join(dir, 'a.json'), '--out', out, '--shard', '3/2'))).toMatch(/--shard 3\/2 is not allowed \(i\/n with 1 <= i <= n, e\.g\. 2\/8\)/);
  });
});
