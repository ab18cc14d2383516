// Chart 1: decode throughput of the FPGA design(s) beside the CPU and GPU baselines, published figures marked.
import type { ReportRecord } from '../records.js';
import { asSpec, frame, logDomain, logTicks, needsLog, type Chart } from './chart.js';
import { barLayer, comparisonData, publishedLayers, valueLabelLayer } from './comparison.js';

export function throughputChart(records: readonly ReportRecord[]): Chart | null {
  const data = comparisonData(records, 'tokensPerSecond');
  if (!data) return null;
  const values = data.rows.map((r) => r.tokensPerSecond as number);
  const log = needsLog(values);
  const domain = log ? logDomain(values) : null;
  const y = {
    type: 'quantitative',
    title: 'decode throughput (tokens/s)',
    scale: domain ? { type: 'log', domain } : { type: 'linear', domainMin: 0, nice: true },
    axis: domain ? { values: logTicks(domain) } : {},
  };
  const text = { field: 'tokensPerSecond', type: 'quantitative', format: ',.1f' };
  const spec = asSpec({
    ...frame('Decode throughput', [data.subtitle, 'higher is better; markers: figures published for the same run']),
    data: { values: data.rows },
    layer: [
      barLayer('tokensPerSecond', data.order, y, domain ? domain[0] : 0),
      valueLabelLayer('tokensPerSecond', data.order, y, text),
      ...publishedLayers('tokensPerSecond', data.order, y, text),
    ],
  });
  return { id: 'throughput', title: 'Decode throughput (tokens/s)', spec, rows: data.rows };
}
