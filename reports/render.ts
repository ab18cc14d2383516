// A vega-lite spec to pictures, headless:
//   1. vega-lite compiles the spec to a vega spec
//   2. a vega View with no renderer lays it out and writes SVG
//   3. resvg draws the SVG into a PNG at PNG_SCALE, with the font files of fonts.ts
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { FpgasimError } from '../kernels/errors.js';
import { chartFont } from './fonts.js';
import { loadFontMetrics } from './font-metrics.js';

/** Slide-ready: an 800 x 450 chart becomes a 1600 x 900 PNG. */
export const PNG_SCALE = 2;

export interface Rendered {
  svg: string;
  png: Buffer;
  widthPx: number; // of the PNG
  heightPx: number;
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
}

interface VegaTextMetrics {
  textMetrics: { width: (item: TextItem, text: unknown) => number; estimateWidth: (item: TextItem, text: string) => number };
}

let measuring = false;

/**
 * Vega measures text with a canvas it does not have here; give it the widths of the font resvg will draw
 * with (vl-convert does the same). Characters the font lacks fall back to vega's own guess.
 */
function measureTextWithChartFont(): void {
  if (measuring) return;
  const [regular, bold] = chartFont().files.map(loadFontMetrics);
  const { textMetrics } = vega as unknown as VegaTextMetrics; // exported by vega-scenegraph, absent from vega's types
  textMetrics.width = (item: TextItem, text: unknown) => {
    const line = text == null ? '' : String(text).trim();
    const sizePx = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const isBold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    const measured = (isBold && bold ? bold : regular).widthPx(line, sizePx);
    return measured ?? textMetrics.estimateWidth(item, line);
  };
  measuring = true;
}

export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  measureTextWithChartFont();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function resvgOptions(scale: number): ResvgRenderOptions {
  const font = chartFont();
  return {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: false, fontFiles: font.files, defaultFontFamily: font.family, sansSerifFamily: font.family },
    logLevel: 'off',
  };
}

let fontChecked = false;

/** resvg skips text it cannot shape without a word; draw two letters once to be sure the font really works. */
function checkFontDrawsText(): void {
  if (fontChecked) return;
  const { family, files } = chartFont();
  const probe = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="24"><text x="4" y="18" font-family="${family}" font-size="16">Ag</text></svg>`;
  const pixels = new Resvg(probe, resvgOptions(1)).render().pixels;
  let inked = false;
  for (let i = 3; i < pixels.length && !inked; i += 4) inked = pixels[i] !== 0;
  if (!inked) throw new FpgasimError(`font ${files[0]} (${family}) draws no text in resvg; install another (Debian: apt-get install fonts-dejavu-core)`);
  fontChecked = true;
}

export function svgToPng(svg: string, scale = PNG_SCALE): Omit<Rendered, 'svg'> {
  checkFontDrawsText();
  const image = new Resvg(svg, resvgOptions(scale)).render();
  return { png: image.asPng(), widthPx: image.width, heightPx: image.height };
}

export async function renderChart(spec: TopLevelSpec, scale = PNG_SCALE): Promise<Rendered> {
  const svg = await specToSvg(spec);
  return { svg, ...svgToPng(svg, scale) };
}
