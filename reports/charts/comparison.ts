// The shared shape of the two comparison charts (throughput, energy): one bar per platform at the headline
// workload, FPGA designs first, then the CPU and the GPU, with the published figures as markers on them.
import { KIND_LABELS, PUBLISHED_COLOR, kindColorScale } from '../platforms.js';
import type { ReportRecord } from '../records.js';
import { comparisonRecords, headlineWorkload } from '../select.js';
import type { Row } from './chart.js';

export type Metric = 'tokensPerSecond' | 'energyPerTokenJ';

const KIND_ORDER = { fpga: 0, cpu: 1, gpu: 2 } as const;

/** How each kind of figure is marked: bars for what fpgasim computed, shapes for what a paper printed. */
export const FIGURE = {
  simulated: 'simulated (fpgasim)',
  model: 'baseline model',
  measured: 'measured (release logs)',
  derived: 'derived (paper ratios)',
} as const;

function figureOf(r: ReportRecord): string {
  if (r.source === 'simulated') return FIGURE.simulated;
  if (r.source === 'baseline model') return FIGURE.model;
  return r.note.startsWith('derived') ? FIGURE.derived : FIGURE.measured;
}

export interface ComparisonData {
  rows: Row[];
  order: string[]; // x-axis labels, left to right
  subtitle: string;
}

/** Rows of `metric` for the headline workload, or null when there is nothing to compare. */
export function comparisonData(records: readonly ReportRecord[], metric: Metric): ComparisonData | null {
  const w = headlineWorkload(records);
  if (!w) return null;
  const shown = comparisonRecords(records).filter((r) => r.source !== 'published');
  const published = records.filter((r) => r.source === 'published' && r.model === w.model && r.tokens === w.tokens);
  const rows: Row[] = [...shown, ...published]
    .filter((r) => r[metric] !== null)
    .map((r) => ({
      label: r.label,
      platform: r.platform,
      kind: KIND_LABELS[r.kind],
      figure: figureOf(r),
      published: r.source === 'published',
      [metric]: r[metric],
      model: r.model,
      tokens: r.tokens,
      note: r.note,
    }));
  if (!rows.some((r) => !r.published)) return null;
  const order = [...new Set([...shown, ...published].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]).map((r) => r.label))];
  return { rows, order, subtitle: `${w.model}, ${w.tokens} tokens decoded, batch 1` };
}

/** Labels longer than this, with more bars than this, go on two or more lines (one word per line). */
const LONG_LABEL_CHARS = 12;
const CROWDED_BARS = 4;

function labelAxis(order: string[]) {
  const crowded = order.length > CROWDED_BARS;
  return { labelAngle: 0, labelFontSize: 14, labelLimit: 220, ...(crowded ? { labelExpr: `length(datum.label) > ${LONG_LABEL_CHARS} ? split(datum.label, ' ') : datum.label` } : {}) };
}

/** Bars for computed figures, colored by platform kind; on a log axis they start at the axis' bottom. */
export function barLayer(metric: Metric, order: string[], y: object, base: number) {
  return {
    transform: [{ filter: '!datum.published' }],
    mark: { type: 'bar', width: { band: 0.6 } },
    encoding: {
      x: { field: 'label', type: 'nominal', sort: order, title: null, axis: labelAxis(order) },
      y: { field: metric, ...y },
      y2: { datum: base },
      color: { field: 'kind', type: 'nominal', title: 'platform', scale: kindColorScale },
      tooltip: [{ field: 'label' }, { field: 'figure' }, { field: metric, format: ',.4~g' }, { field: 'note' }],
    },
  } as const;
}

/** Where published markers sit across a bar's band: at its right edge, clear of the value label on top. */
const PUBLISHED_BAND_POSITION = 0.8;

/** The published figures as black markers at the bars' right edges, shape telling measured from derived. */
export function publishedLayers(metric: Metric, order: string[], y: object, text: object) {
  const x = { field: 'label', type: 'nominal', sort: order, bandPosition: PUBLISHED_BAND_POSITION } as const;
  return [
    {
      transform: [{ filter: 'datum.published' }],
      mark: { type: 'point', filled: true, size: 220, color: PUBLISHED_COLOR, opacity: 1 },
      encoding: {
        x,
        y: { field: metric, ...y },
        shape: {
          field: 'figure',
          type: 'nominal',
          title: 'published (He et al., 2024)',
          scale: { domain: [FIGURE.measured, FIGURE.derived], range: ['diamond', 'triangle-up'] },
        },
        tooltip: [{ field: 'label' }, { field: 'figure' }, { field: metric, format: ',.4~g' }, { field: 'note' }],
      },
    },
    {
      transform: [{ filter: 'datum.published' }],
      mark: { type: 'text', align: 'left', dx: 12, fontSize: 13, color: PUBLISHED_COLOR },
      encoding: { x, y: { field: metric, ...y }, text },
    },
  ] as const;
}

/** The value printed above each bar. */
export function valueLabelLayer(metric: Metric, order: string[], y: object, text: object) {
  return {
    transform: [{ filter: '!datum.published' }],
    mark: { type: 'text', dy: -10, fontSize: 14, fontWeight: 'bold' },
    encoding: {
      x: { field: 'label', type: 'nominal', sort: order },
      y: { field: metric, ...y },
      text,
    },
  } as const;
}
