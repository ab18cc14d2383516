// Chart 3: where the time of one token goes, kernel by kernel, as one stacked bar per design. Time rather
// than cycles, so designs at different clocks compare; the cycles are in the data and the tooltip.
import type { ReportRecord } from '../records.js';
import { comparedDesigns, comparisonRecords } from '../select.js';
import { asSpec, frame, type Chart, type Row } from './chart.js';

export const HOST = 'host (launch, logits, sampling)';

/** Kernel colors: distinct from each other and from the platform colors (FPGA blue means a platform). */
const KERNEL_PALETTE = ['#6a3d9a', '#e6ab02', '#1b9e77', '#d95f02', '#e7298a', '#66a61e', '#a6761d', '#7570b3', '#17becf', '#b15928'];
const HOST_COLOR = '#999999';

/** Parts at least this share of a bar get their name written inside. */
const INSIDE_LABEL_SHARE = 0.25;

export function cyclesChart(records: readonly ReportRecord[]): Chart | null {
  const designs = comparedDesigns(comparisonRecords(records)).filter((r) => r.fpga.kernelCyclesPerToken.length > 0);
  if (designs.length === 0) return null;
  const rows: Row[] = designs.flatMap((r) => {
    const { clockHz, kernelCyclesPerToken, hostSecondsPerToken } = r.fpga;
    const parts = kernelCyclesPerToken.map((k) => ({ kernel: k.kernel, cycles: k.cycles }));
    if (hostSecondsPerToken !== null) parts.push({ kernel: HOST, cycles: hostSecondsPerToken * clockHz });
    const total = parts.reduce((sum, p) => sum + p.cycles, 0);
    return parts.map((p) => ({
      design: r.label,
      kernel: p.kernel,
      cyclesPerToken: p.cycles,
      msPerToken: (p.cycles / clockHz) * 1e3,
      share: p.cycles / total,
      clockMHz: clockHz / 1e6,
    }));
  });
  // kernels in the legend and the stack from the largest to the smallest, summed over the designs
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(row.kernel as string, (totals.get(row.kernel as string) ?? 0) + (row.msPerToken as number));
  const kernelOrder = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)!);
  const rank = Object.fromEntries(kernelOrder.map((k, i) => [k, i]));
  const palette = [...KERNEL_PALETTE];
  const colors = kernelOrder.map((k) => (k === HOST ? HOST_COLOR : palette.shift() ?? HOST_COLOR));
  for (const row of rows) row.stackOrder = rank[row.kernel as string];
  const x = { field: 'msPerToken', type: 'quantitative', stack: 'zero', title: 'time per token (ms)' } as const;
  const y = { field: 'design', type: 'nominal', title: null, sort: designs.map((d) => d.label), axis: { labelFontSize: 14, labelLimit: 200 } } as const;
  const spec = asSpec({
    ...frame('Where the time of a token goes', [`${designs[0].model}, ${designs[0].tokens} tokens decoded; per-kernel busy time, sequential unless the design overlaps kernels`]),
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', height: { band: designs.length === 1 ? 0.4 : 0.7 } },
        encoding: {
          x,
          y,
          color: {
            field: 'kernel',
            type: 'nominal',
            title: 'kernel',
            sort: kernelOrder,
            scale: { domain: kernelOrder, range: colors },
            legend: { orient: 'right', direction: 'vertical' },
          },
          order: { field: 'stackOrder', type: 'quantitative' },
          tooltip: [{ field: 'design' }, { field: 'kernel' }, { field: 'cyclesPerToken', format: ',.0f' }, { field: 'msPerToken', format: '.3f' }, { field: 'share', format: '.1%' }],
        },
      },
      {
        // the share of the big parts, written inside them
        transform: [{ filter: `datum.share >= ${INSIDE_LABEL_SHARE}` }, { calculate: "datum.kernel + ' ' + format(datum.share, '.0%')", as: 'partLabel' }],
        mark: { type: 'text', color: 'white', fontSize: 14, fontWeight: 'bold' },
        encoding: { x: { ...x, bandPosition: 0.5 }, y, order: { field: 'stackOrder', type: 'quantitative' }, text: { field: 'partLabel' } },
      },
      {
        // the whole bar's time and cycles at its end
        transform: [
          { aggregate: [{ op: 'sum', field: 'msPerToken', as: 'totalMs' }, { op: 'sum', field: 'cyclesPerToken', as: 'totalCycles' }], groupby: ['design'] },
          { calculate: "format(datum.totalMs, '.2f') + ' ms (' + format(datum.totalCycles / 1e6, '.2f') + ' M cycles)'", as: 'totalLabel' },
        ],
        mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -8, fontSize: 14 },
        encoding: { x: { field: 'totalMs', type: 'quantitative' }, y: { ...y, bandPosition: 0.15 }, text: { field: 'totalLabel' } },
      },
    ],
  });
  return { id: 'cycles', title: 'Where the time of a token goes (ms per kernel)', spec, rows };
}
