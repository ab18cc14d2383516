// npm start (fpgasim start) on a fresh checkout: the HLSTransform comparison, then the whole report.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFpgasim } from '../helpers/run-cli.js';

describe('fpgasim start', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'fpgasim-start-')), 'report');
  const run = runFpgasim('start', '--out', out);

  it('prints the HLSTransform comparison with the paper\'s ratios beside the simulated ones', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^hlstransform on vu9p-f1 \(xcvu9p-flgb2104-2-i\) at 250 MHz, stories110M, 256 tokens/);
    expect(run.stdout).toMatch(/FPGA: \d+\.\d\d tokens\/s/);
    for (const paper of ['paper 2.46x', 'paper 0.53x', 'paper 12.75x', 'paper 8.25x']) expect(run.stdout).toContain(paper);
  });

  it('writes every chart of the report and says where index.html is', () => {
    expect(run.stdout).toContain(`Report: ${join(out, 'index.html')} (8 charts`);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    const pngs = readdirSync(out).filter((f) => f.endsWith('.png'));
    expect(pngs.sort()).toEqual(['cycles', 'design-space', 'energy', 'model-size', 'resources', 'roofline', 'sequence-length', 'throughput'].map((c) => `${c}.png`));
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('npm start (fpgasim start)');
  });
});
