// fpgasim report as a user runs it: from a simulate --json file, by default (simulating the design itself),
// and its refusals, each one line.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { SimResult } from '../../sim/simulate.js';
import { oneErrorLine, runFpgasim } from '../helpers/run-cli.js';
import { PROJECT_ROOT } from '../helpers/models.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'fpgasim-report-'));

describe('fpgasim report --from a simulate --json file', () => {
  const dir = tmp();
  const simulated = runFpgasim('simulate', '--json', '--tokens', '64');
  const resultFile = join(dir, 'result.json');
  writeFileSync(resultFile, simulated.stdout);
  const result = JSON.parse(simulated.stdout) as SimResult;
  const out = join(dir, 'report');
  const run = runFpgasim('report', '--from', resultFile, '--out', out);

  it('writes spec, SVG, PNG and CSV of each chart one simulation can make, and index.html', () => {
    expect(run.status).toBe(0);
    const charts = ['throughput', 'energy', 'cycles', 'resources', 'roofline'];
    expect(readdirSync(out).sort()).toEqual([...charts.flatMap((c) => [`${c}.csv`, `${c}.png`, `${c}.svg`, `${c}.vl.json`]), 'index.html'].sort());
    expect(run.stdout).toMatch(new RegExp(`^wrote 5 charts \\(20 files\\) and ${join(out, 'index.html').replace(/[.]/g, '\\.')} in \\d+\\.\\d s; not drawn: design-space, sequence-length, model-size\\n$`));
    expect(run.stderr).toContain('throughput: throughput.png 1600x900 px');
  });

  it("puts the result's numbers in the CSV and the headline table", () => {
    const csv = readFileSync(join(out, 'throughput.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('label,platform,kind,figure,published,tokensPerSecond,model,tokens,note');
    expect(csv[1]).toBe(`hlstransform,vu9p-f1,FPGA,simulated (fpgasim),false,${result.fpga.tokensPerSecond},stories110M,64,flow timing at 250 MHz`);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain(`<td data-field="tokensPerSecond" class="num">${result.fpga.tokensPerSecond.toFixed(2)}</td>`);
    expect(html).toContain(`fpgasim report --from ${resultFile}`);
  });
});

describe('fpgasim report without --from', () => {
  it('simulates the HLSTransform design and its baselines (--no-studies: no study charts)', () => {
    const out = join(tmp(), 'r');
    const run = runFpgasim('report', '--no-studies', '--tokens', '32', '--out', out);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^simulated hlstransform on vu9p-f1, stories110M, 32 tokens: \d+\.\d\d tokens\/s$/m);
    expect(existsSync(join(out, 'roofline.png'))).toBe(true);
    expect(existsSync(join(out, 'design-space.png'))).toBe(false);
  });
});

describe('fpgasim report refusals', () => {
  it('names a --from that does not exist', () => {
    expect(oneErrorLine(runFpgasim('report', '--from', 'no-such-results.json', '--out', tmp()))).toBe(
      'fpgasim: --from no-such-results.json does not exist (a simulate --json file, a sweep directory, or a results.jsonl)',
    );
  });

  it('refuses to draw charts without a font instead of dropping their text', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'r.json'), runFpgasim('simulate', '--json', '--tokens', '8').stdout);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'report', '--from', join(dir, 'r.json'), '--out', join(dir, 'out')], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, FPGASIM_FONT_DIRS: join(dir, 'no-fonts-here') },
    });
    expect(oneErrorLine(run)).toMatch(/^fpgasim: no font for chart text: none of DejaVuSans\.ttf, .* run npm install \(it brings DejaVu Sans in dejavu-fonts-ttf\), install one \(Debian: apt-get install fonts-dejavu-core\) or name its folder in FPGASIM_FONT_DIRS$/);
  });
});
