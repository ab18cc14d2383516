// The report in a real browser: headless Chromium opens index.html from disk; every chart image loads,
// and the headline table shows the numbers the simulation produced.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_SHAPES } from '../../kernels/model/shapes.js';
import { publishedRecords, recordsFromSimResult } from '../../reports/adapters.js';
import { writeReport, type ReportSummary } from '../../reports/write-report.js';
import { loadDesign } from '../../sim/design/load.js';
import { simulate, type SimResult } from '../../sim/simulate.js';
import { findOrInstallChromium } from './chromium.js';

const browserLookup = findOrInstallChromium();
const skipReason = browserLookup.reason ? ` (skipped: ${browserLookup.reason})` : '';

describe.skipIf(browserLookup.path === null)(`the HTML report in headless Chromium${skipReason}`, () => {
  let browser: Browser;
  let result: SimResult;
  let summary: ReportSummary;
  let page: Awaited<ReturnType<Browser['newPage']>>;

  beforeAll(async () => {
    result = simulate({ design: loadDesign('hlstransform'), config: MODEL_SHAPES.stories110M, modelName: 'stories110M', tokens: 256, mode: 'flow' });
    summary = await writeReport([...recordsFromSimResult(result), ...publishedRecords('stories110M', 256)], mkdtempSync(join(tmpdir(), 'fpgasim-browser-')));
    browser = await chromium.launch({ executablePath: browserLookup.path!, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
    await page.goto(pathToFileURL(summary.indexHtml).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loads every chart image', async () => {
    const images = await page.$$eval('img', (imgs) => imgs.map((img) => ({ src: img.getAttribute('src'), complete: img.complete, width: img.naturalWidth, height: img.naturalHeight })));
    expect(images.map((i) => i.src)).toEqual(summary.charts.map((c) => `${c.id}.png`));
    for (const image of images) expect(image).toMatchObject({ complete: true, width: 1600, height: 900 });
  });

  it('shows the simulated numbers of the design and its baselines in the headline table', async () => {
    const rows = await page.$$eval('#headline tbody tr', (trs) =>
      trs.map((tr) => Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.dataset.field!, td.textContent!]))),
    );
    const design = rows.find((r) => r.platform === 'hlstransform' && r.source === 'simulated')!;
    expect(design).toMatchObject({
      design: 'hlstransform on vu9p-f1',
      model: 'stories110M',
      tokens: '256',
      tokensPerSecond: result.fpga.tokensPerSecond.toFixed(2),
      energyPerTokenJ: result.fpga.energyPerTokenJ.toFixed(4),
      powerW: result.fpga.powerW.toFixed(2),
      fits: result.fpga.fits ? 'yes' : `no: ${result.fpga.overflows.join('; ')}`,
    });
    const cpu = rows.find((r) => r.kind === 'CPU' && r.source === 'baseline model')!;
    expect(cpu.tokensPerSecond).toBe(result.baselines.cpu.tokensPerSecond.toFixed(2));
    const gpu = rows.find((r) => r.kind === 'GPU' && r.source === 'baseline model')!;
    expect(gpu.energyPerTokenJ).toBe(result.baselines.gpu.energyPerTokenJ.toFixed(4));
  });

  it('links each chart to its SVG, vega-lite spec and CSV', async () => {
    const links = await page.$$eval('figcaption a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(summary.charts.flatMap((c) => [`${c.id}.svg`, `${c.id}.vl.json`, `${c.id}.csv`]));
  });
});
