// What report --from reads: a sweep directory written the way fpgasim sweep writes it, simulate --json files,
// and the refusals; the CSV and HTML a report is written as.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorRecord } from '../../experiments/record.js';
import type { SweepLine } from '../../reports/adapters.js';
import { PUBLISHED } from '../../hw-models/baselines/published.js';
import { toCsv } from '../../reports/csv.js';
import { headlineRows } from '../../reports/headline.js';
import { reportHtml } from '../../reports/html.js';
import { readInputs } from '../../reports/inputs.js';
import { comparison } from './fixtures.js';

function line(index: number, tokensPerSecond: number, fits: boolean): SweepLine & { status: 'ok' } {
  return {
    index,
    params: { clock: `${200 + 50 * index} MHz` },
    status: 'ok',
    timing: 'analytic',
    model: 'stories110M',
    tokens: 256,
    device: 'vu9p-f1',
    clockHz: 250e6,
    tokensPerSecond,
    energyPerTokenJ: 0.1,
    powerW: 0.1 * tokensPerSecond,
    fits,
    overflows: fits ? [] : ['DSP: over'],
    resources: { dsp: { used: 2820, available: 5640 } },
    bottleneck: 'matvec',
    kernelShare: { matvec: 0.75, attention: 0.2, host: 0.05 },
    bytesPerToken: 1.2e8,
    memoryUtilization: { 'DDR[0]': 0.4, 'DDR[1]': 0 },
    baselines: { cpu: { platform: 'xeon-e5-2686v4', tokensPerSecond: 23, energyPerTokenJ: 1.84 }, gpu: { platform: 'rtx3090', tokensPerSecond: 107, energyPerTokenJ: 1.22 } },
  };
}

function sweepDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fpgasim-sweep-'));
  const failed: ErrorRecord = { index: 2, id: 'id2', params: { clock: '300 MHz' }, status: 'error', timing: 'analytic', error: 'clock too fast', internal: false };
  writeFileSync(join(dir, 'results.jsonl'), [line(0, 50, true), line(1, 80, false), failed].map((r) => `${JSON.stringify(r)}\n`).join(''));
  writeFileSync(join(dir, 'experiment.json'), JSON.stringify({ hash: 'h', shard: null, points: 3, shardPoints: 3, experiment: { name: 'clocks' } }));
  return dir;
}

describe('report --from a sweep directory', () => {
  const { records, notes } = readInputs([sweepDir()]);
  const fpga = records.filter((r) => r.kind === 'fpga' && r.source === 'simulated');

  it('names each point after its experiment and index, and keeps its parameters in the note', () => {
    expect(fpga.map((r) => r.label)).toEqual(['clocks #0', 'clocks #1']);
    expect(fpga[0].note).toBe('analytic timing at 250 MHz; clock=200 MHz');
    expect(fpga.map((r) => r.fpga!.fits)).toEqual([true, false]);
  });

  it('turns time shares into cycles per token and the host share into seconds', () => {
    const cyclesPerToken = 250e6 / 50;
    expect(fpga[0].fpga!.kernelCyclesPerToken).toEqual([
      { kernel: 'matvec', cycles: 0.75 * cyclesPerToken },
      { kernel: 'attention', cycles: 0.2 * cyclesPerToken },
    ]);
    expect(fpga[0].fpga!.hostSecondsPerToken).toBeCloseTo(0.05 / 50, 15);
    expect(fpga[0].fpga!.memoryChannels).toEqual(['DDR[0]']);
  });

  it('keeps one CPU and one GPU baseline, with power from energy x rate, and adds the published figures', () => {
    const cpu = records.filter((r) => r.kind === 'cpu' && r.source === 'baseline model');
    expect(cpu).toHaveLength(1);
    expect(cpu[0].powerW).toBeCloseTo(23 * 1.84, 12);
    expect(records.filter((r) => r.source === 'published').map((r) => r.platform)).toEqual(['rtx3090', 'xeon-e5-2686v4', 'vu9p-f1']);
  });

  it('says which points could not be simulated', () => {
    expect(notes[1]).toMatch(/^1 point of clocks could not be simulated/);
  });
});

describe('report --from refusals', () => {
  it('names a missing path, a directory without results and a file that is not a simulation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fpgasim-from-'));
    expect(() => readInputs([join(dir, 'nope.json')])).toThrow(/^--from .*nope\.json does not exist/);
    mkdirSync(join(dir, 'empty'));
    expect(() => readInputs([join(dir, 'empty')])).toThrow(/holds no results\.jsonl: not the output of fpgasim sweep/);
    writeFileSync(join(dir, 'other.json'), '{"design": "x"}');
    expect(() => readInputs([join(dir, 'other.json')])).toThrow(/result 1 is not a simulation result/);
  });
});

describe('CSV', () => {
  it('quotes what needs quoting, writes numbers in full and leaves missing cells empty', () => {
    expect(toCsv([{ a: 'x, "y"', b: 0.1 + 0.2 }, { b: null, c: true }])).toBe('a,b,c\r\n"x, ""y""",0.30000000000000004,\r\n,,true\r\n');
  });
});

describe('index.html', () => {
  it('tabulates the headline numbers and escapes what it shows', () => {
    const rows = headlineRows(comparison());
    expect(rows.map((r) => [r.platform, r.tokensPerSecond, r.energyPerTokenJ, r.fits])).toEqual([
      ['alpha', '64.00', '0.1500', 'yes'],
      ['beta', '80.00', '0.1200', 'no: DSP: 9,000 used, 5,640 available (160%)'],
      ['Xeon E5-2686 v4', '23.00', '1.8400', ''],
      ['RTX 3090', '107.00', '1.2200', ''],
      // the published figures, as hw-models holds them
      ...PUBLISHED.filter((p) => p.tokens === 256).map((p) => [
        { rtx3090: 'RTX 3090', 'xeon-e5-2686v4': 'Xeon E5-2686 v4', 'vu9p-hlstransform': 'hlstransform' }[p.platform],
        p.tokensPerSecond.toFixed(2),
        p.energyPerTokenJ!.toFixed(4),
        '',
      ]),
    ]);
    const html = reportHtml({ title: 'a <b>', generatedBy: 'test', notes: [], headline: rows, charts: [{ id: 'energy', title: 'E', files: { png: 'energy.png', svg: 'energy.svg', spec: 'energy.vl.json', csv: 'energy.csv' } }], missing: [] });
    expect(html).toContain('<title>a &lt;b&gt;</title>');
    expect(html).toContain('<td data-field="tokensPerSecond" class="num">64.00</td>');
    expect(html).toContain('<img src="energy.png" width="800" height="450" alt="E">');
  });
});
