// Chart 7a: throughput against the number of positions decoded, for the headline model: attention reads
// a KV cache that grows with every token, so long runs slow down, on the FPGA as on the CPU and GPU.
import type { ReportRecord } from '../records.js';
import { dedupe, headlineWorkload } from '../select.js';
import { asSpec, frame, logScale, needsLog, type Chart } from './chart.js';
import { seriesColor, seriesOf, studyRow } from './studies.js';

export function sequenceLengthChart(records: readonly ReportRecord[]): Chart | null {
  const w = headlineWorkload(records);
  if (!w) return null;
  const runs = dedupe(records).filter((r) => r.model === w.model && r.source !== 'published');
  const lengths = new Map<string, Set<number>>();
  for (const r of runs) lengths.set(seriesOf(r), (lengths.get(seriesOf(r)) ?? new Set()).add(r.tokens));
  const rows = runs.filter((r) => lengths.get(seriesOf(r))!.size >= 2).map(studyRow);
  if (rows.length === 0) return null;
  const speeds = rows.map((r) => r.tokensPerSecond as number);
  const x = { field: 'tokens', type: 'quantitative', title: 'sequence length (positions decoded)', scale: { type: 'log', base: 2, nice: false }, axis: { values: [...new Set(rows.map((r) => r.tokens as number))] } } as const;
  const y = { field: 'tokensPerSecond', type: 'quantitative', title: 'decode throughput (tokens/s)', ...(needsLog(speeds) ? logScale(speeds) : { scale: { domainMin: 0, nice: true } }) } as const;
  const color = seriesColor(rows);
  const spec = asSpec({
    ...frame(`Throughput against sequence length: ${w.model}`, ['average over the run: step t attends over t positions, so the KV cache read grows with the run']),
    data: { values: rows },
    layer: [
      { mark: { type: 'line', strokeWidth: 3, point: { size: 90, filled: true, opacity: 1 } }, encoding: { x, y, color, detail: { field: 'series' }, tooltip: [{ field: 'series' }, { field: 'tokens' }, { field: 'tokensPerSecond', format: '.2f' }, { field: 'energyPerTokenJ', format: '.4f' }] } },
      {
        // the series' name over its shortest run
        transform: [{ joinaggregate: [{ op: 'min', field: 'tokens', as: 'firstTokens' }], groupby: ['series'] }, { filter: 'datum.tokens === datum.firstTokens' }],
        mark: { type: 'text', align: 'left', dx: 4, dy: -16, fontSize: 13, fontWeight: 'bold' },
        encoding: { x, y, color, text: { field: 'series' } },
      },
    ],
  });
  return { id: 'sequence-length', title: 'Throughput against sequence length', spec, rows };
}
