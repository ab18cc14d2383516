// Chart 7b: throughput against model size at the headline token count: decode reads every weight once per
// token, so tokens/s falls about in proportion to the weights, until a model no longer fits a platform.
import { tokenWorkload } from '../../hw-models/baselines/workload.js';
import type { ReportRecord } from '../records.js';
import { dedupe, headlineWorkload } from '../select.js';
import { asSpec, frame, logScale, type Chart, type Row } from './chart.js';
import { seriesColor, seriesOf, studyRow } from './studies.js';

export function modelSizeChart(records: readonly ReportRecord[]): Chart | null {
  const w = headlineWorkload(records);
  if (!w) return null;
  // a model shorter than the headline run (stories15M: 256 positions) is compared at its own seq_len
  const runs = dedupe(records).filter((r) => r.config !== null && r.source !== 'published' && r.tokens === Math.min(w.tokens, r.config.seqLen));
  const models = new Map<string, Set<string>>();
  for (const r of runs) models.set(seriesOf(r), (models.get(seriesOf(r)) ?? new Set()).add(r.model));
  const rows: Row[] = runs
    .filter((r) => models.get(seriesOf(r))!.size >= 2)
    .map((r) => ({ ...studyRow(r), weightParams: tokenWorkload(r.config!, r.tokens).weightParams }));
  if (rows.length === 0) return null;
  const params = rows.map((r) => r.weightParams as number);
  const speeds = rows.map((r) => r.tokensPerSecond as number);
  const xScale = logScale(params);
  // SI's G is the B of model sizes (7B)
  const x = { field: 'weightParams', type: 'quantitative', title: 'model size (weight parameters)', ...xScale, axis: { ...xScale.axis, labelExpr: "replace(format(datum.value, '~s'), 'G', 'B')" } } as const;
  const y = { field: 'tokensPerSecond', type: 'quantitative', title: 'decode throughput (tokens/s)', ...logScale(speeds) } as const;
  const color = seriesColor(rows);
  const spec = asSpec({
    ...frame('Throughput against model size', [`${w.tokens} positions decoded (or the model's seq_len if shorter); log-log; hollow points: the design does not fit its device`]),
    data: { values: rows },
    layer: [
      { mark: { type: 'line', strokeWidth: 3 }, encoding: { x, y, color, detail: { field: 'series' }, order: { field: 'weightParams', type: 'quantitative' } } },
      ...[true, false].map((filled) => ({
        transform: [{ filter: filled ? 'datum.fits !== false' : 'datum.fits === false' }],
        mark: { type: 'point', size: 130, strokeWidth: 2.5, filled, opacity: 1, ...(filled ? {} : { fill: 'white' }) },
        encoding: {
          x,
          y,
          color,
          tooltip: [{ field: 'series' }, { field: 'model' }, { field: 'weightParams', format: '.3s' }, { field: 'tokensPerSecond', format: '.2f' }, { field: 'fits' }],
        },
      })),
      {
        // model names along the FPGA line
        transform: [{ filter: "datum.kind === 'FPGA'" }],
        mark: { type: 'text', align: 'left', dx: 10, dy: 14, fontSize: 13 },
        encoding: { x, y, text: { field: 'model' } },
      },
    ],
  });
  return { id: 'model-size', title: 'Throughput against model size', spec, rows };
}
