// Every chart rendered once to SVG and PNG: the PNG decodes, is slide-sized at 2x, has something drawn,
// and has text in it (a rendering with the text taken out must differ); the font is found or refused
// clearly, and vega's layout measures text with the font resvg draws.
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { FpgasimError } from '../../kernels/errors.js';
import { loadDevice } from '../../hw-models/devices/load.js';
import type { Chart } from '../../reports/charts/chart.js';
import { cyclesChart } from '../../reports/charts/cycles.js';
import { designSpaceChart } from '../../reports/charts/design-space.js';
import { energyChart } from '../../reports/charts/energy.js';
import { modelSizeChart } from '../../reports/charts/model-size.js';
import { resourcesChart } from '../../reports/charts/resources.js';
import { deviceRoofs, rooflineChart } from '../../reports/charts/roofline.js';
import { sequenceLengthChart } from '../../reports/charts/sequence-length.js';
import { throughputChart } from '../../reports/charts/throughput.js';
import { chartFont, findChartFont } from '../../reports/fonts.js';
import { loadFontMetrics } from '../../reports/font-metrics.js';
import { renderChart, svgToPng, type Rendered } from '../../reports/render.js';
import { CLOCK_HZ, comparison, studies, sweep } from './fixtures.js';
import { decodePng, inkedPixels, type DecodedPng } from './png.js';

const charts: Chart[] = [
  throughputChart(comparison())!,
  energyChart(comparison())!,
  cyclesChart(comparison())!,
  resourcesChart(comparison())!,
  rooflineChart(comparison(), deviceRoofs(loadDevice('vu9p-f1'), CLOCK_HZ, [1]))!,
  designSpaceChart(sweep())!,
  sequenceLengthChart(studies())!,
  modelSizeChart(studies())!,
];

const rendered = new Map<string, { out: Rendered; image: DecodedPng; textless: DecodedPng }>();

beforeAll(async () => {
  for (const chart of charts) {
    const out = await renderChart(chart.spec);
    const textless = decodePng(svgToPng(out.svg.replace(/<text\b[^>]*>[\s\S]*?<\/text>/g, '')).png);
    rendered.set(chart.id, { out, image: decodePng(out.png), textless });
  }
});

describe.each(charts.map((c) => [c.id, c] as const))('%s rendered', (id, chart) => {
  it('is an SVG with its title and axis titles as text', () => {
    const { svg } = rendered.get(id)!.out;
    expect(svg.startsWith('<svg')).toBe(true);
    const title = (chart.spec as { title: { text: string } }).title.text;
    expect(svg).toContain(`>${title.replace(/&/g, '&amp;')}</text>`);
    expect(svg).toMatch(/\((tokens\/s|J|ms|op\/s|weight parameters|positions decoded)\)<\/text>|used \/ available/);
  });

  it('is a 1600 x 900 PNG (800 x 450 at 2x) with something drawn', () => {
    const { out, image } = rendered.get(id)!;
    expect([out.widthPx, out.heightPx]).toEqual([1600, 900]);
    expect([image.width, image.height]).toEqual([1600, 900]);
    expect(inkedPixels(image)).toBeGreaterThan(0.01 * 1600 * 900);
  });

  it('has text in the PNG: taking the text out of the SVG changes the picture', () => {
    const { image, textless } = rendered.get(id)!;
    expect(Buffer.from(textless.rgba).equals(Buffer.from(image.rgba))).toBe(false);
    // titles, labels and legends are thousands of dark pixels
    expect(inkedPixels(image) - inkedPixels(textless)).toBeGreaterThan(5_000);
  });
});

describe('rendering', () => {
  it('gives the same PNG bytes for the same spec', async () => {
    const again = await renderChart(charts[0].spec);
    expect(again.png.equals(rendered.get(charts[0].id)!.out.png)).toBe(true);
  });
});

describe('fonts', () => {
  it('refuses, in one line, to render without a font', () => {
    const empty = mkdtempSync(join(tmpdir(), 'fpgasim-nofont-'));
    expect(() => findChartFont([empty])).toThrow(FpgasimError);
    expect(() => findChartFont([empty])).toThrow(/^no font for chart text: .* install one \(Debian: apt-get install fonts-dejavu-core\)/);
  });

  it('finds a font file in a folder given to it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fpgasim-font-'));
    const regular = chartFont().files[0];
    symlinkSync(regular, join(dir, regular.split('/').pop()!));
    expect(findChartFont([dir])).toEqual({ family: chartFont().family, files: [join(dir, regular.split('/').pop()!)] });
  });

  it("measures text as wide as resvg draws it (within 4 px of the glyphs' box at 20 px)", () => {
    const { family, files } = chartFont();
    const metrics = loadFontMetrics(files[0]);
    for (const text of ['Decode throughput', 'energy per token (mWh)', 'Xeon E5-2686 v4']) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="40"><text x="10" y="30" font-family="${family}" font-size="20">${text}</text></svg>`;
      const box = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: files, defaultFontFamily: family } }).getBBox()!;
      // the advance widths include the side bearings of the first and last glyph; the box does not
      expect(Math.abs(metrics.widthPx(text, 20)! - box.width)).toBeLessThan(4);
    }
  });
});
