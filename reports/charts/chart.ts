// What every chart builder returns, and the frame they share: slide size (800 x 450 px, rendered at 2x for
// PNG), title and subtitle, fonts large enough to read on a projected slide.
import type { TopLevelSpec } from 'vega-lite';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface Chart {
  id: string; // file stem of its outputs: <id>.vl.json, <id>.svg, <id>.png, <id>.csv
  title: string;
  spec: TopLevelSpec;
  rows: Row[]; // the chart's data as one table (written as CSV)
}

export const SLIDE_WIDTH_PX = 800;
export const SLIDE_HEIGHT_PX = 450;

/** Families the renderer can load (reports/fonts.ts), in order of preference; the browser uses them too. */
export const CHART_FONT = 'DejaVu Sans, Liberation Sans, Noto Sans, sans-serif';

/**
 * The top-level fields every chart shares. 'fit' with 'padding' makes the whole picture, axes and legend
 * included, exactly the slide size, so every PNG has the same dimensions.
 */
export function frame(title: string, subtitle: string | string[]) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: SLIDE_WIDTH_PX,
    height: SLIDE_HEIGHT_PX,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 16,
    background: 'white',
    title: { text: title, subtitle, anchor: 'start', fontSize: 20, subtitleFontSize: 13, subtitleColor: '#555555', offset: 12 },
    config: {
      font: CHART_FONT,
      axis: { labelFontSize: 13, titleFontSize: 14, titlePadding: 10 },
      legend: { labelFontSize: 13, titleFontSize: 13, symbolSize: 140, labelLimit: 300, titleLimit: 340, orient: 'bottom', direction: 'horizontal', columnPadding: 16 },
      view: { stroke: null },
    },
  } as const;
}

/**
 * The builders assemble specs from small typed-as-const pieces that vega-lite's deep union types cannot
 * check; the tests compile and render every chart instead.
 */
export const asSpec = (spec: object): TopLevelSpec => spec as TopLevelSpec;

export const fmt = (x: number, digits: number): string =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const ROUND_STEPS = [1, 2, 5, 10];

/** The nearest 1-2-5 number at or below x (down) or at or above it (up). */
function roundLog(x: number, direction: 'down' | 'up'): number {
  const decade = 10 ** Math.floor(Math.log10(x));
  const steps = ROUND_STEPS.map((s) => s * decade);
  return direction === 'down' ? Math.max(...steps.filter((s) => s <= x * (1 + 1e-12))) : Math.min(...steps.filter((s) => s >= x * (1 - 1e-12)));
}

/** Domain [lo, hi] for a log axis: 1-2-5 numbers around the data, with headroom above for value labels. */
export function logDomain(values: number[]): [number, number] {
  const positive = values.filter((v) => v > 0);
  return [roundLog(Math.min(...positive), 'down'), roundLog(Math.max(...positive) * 1.3, 'up')];
}

/** Tick values of a log axis: 1, 2 and 5 times each power of ten within the domain (no unlabelled minor lines). */
export function logTicks([lo, hi]: [number, number]): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const step of ROUND_STEPS.slice(0, 3)) {
      const tick = step * 10 ** e;
      if (tick >= lo * (1 - 1e-9) && tick <= hi * (1 + 1e-9)) ticks.push(tick);
    }
  }
  return ticks;
}

/** A log y or x scale over values and its axis ticks, for a positional channel. */
export function logScale(values: number[]) {
  const domain = logDomain(values);
  return { scale: { type: 'log', domain, nice: false }, axis: { values: logTicks(domain) } } as const;
}

/** A log scale when the values span more than this factor; small bars vanish on a linear axis beyond it. */
export const LOG_SPREAD = 8;

export function needsLog(values: number[]): boolean {
  const positive = values.filter((v) => v > 0);
  return positive.length > 1 && Math.max(...positive) / Math.min(...positive) > LOG_SPREAD;
}
