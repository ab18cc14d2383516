// Chart 2: energy per token of the FPGA design(s) beside the CPU and GPU baselines, in joules (left axis)
// and milliwatt-hours (right axis), on a log axis when the platforms differ by more than LOG_SPREAD.
import { joulesToMWh, type ReportRecord } from '../records.js';
import { asSpec, frame, logDomain, logTicks, needsLog, type Chart, type Row } from './chart.js';
import { barLayer, comparisonData, publishedLayers, valueLabelLayer } from './comparison.js';

export function energyChart(records: readonly ReportRecord[]): Chart | null {
  const data = comparisonData(records, 'energyPerTokenJ');
  if (!data) return null;
  const rows: Row[] = data.rows.map((r) => ({ ...r, energyPerTokenMWh: joulesToMWh(r.energyPerTokenJ as number) }));
  const joules = rows.map((r) => r.energyPerTokenJ as number);
  const log = needsLog(joules);
  // Both axes show the same bars, so their domains must be the same interval in two units.
  const domainJ: [number, number] = log ? logDomain(joules) : [0, Math.max(...joules) * 1.15];
  const scale = (domain: number[]) => ({ type: log ? 'log' : 'linear', domain, nice: false });
  const ticks = (domain: [number, number]) => (log ? { values: logTicks(domain) } : {});
  const y = { type: 'quantitative', title: 'energy per token (J)', scale: scale(domainJ), axis: ticks(domainJ) };
  const domainMWh = domainJ.map(joulesToMWh) as [number, number];
  const text = { field: 'energyPerTokenJ', type: 'quantitative', format: '.3r' };
  const spec = asSpec({
    ...frame(`Energy per token${log ? ' (log scale)' : ''}`, [data.subtitle, 'lower is better; 1 mWh = 3.6 J; markers: figures published for the same run']),
    data: { values: rows },
    layer: [
      {
        layer: [barLayer('energyPerTokenJ', data.order, y, domainJ[0]), valueLabelLayer('energyPerTokenJ', data.order, y, text), ...publishedLayers('energyPerTokenJ', data.order, y, text)],
      },
      {
        // invisible marks that only carry the right-hand axis in mWh
        mark: { type: 'tick', opacity: 0 },
        encoding: {
          x: { field: 'label', type: 'nominal', sort: data.order },
          y: {
            field: 'energyPerTokenMWh',
            type: 'quantitative',
            title: 'energy per token (mWh)',
            scale: scale(domainMWh),
            axis: { orient: 'right', grid: false, ...ticks(domainMWh) },
          },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  });
  return { id: 'energy', title: 'Energy per token (J, mWh)', spec, rows };
}
