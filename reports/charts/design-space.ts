// Chart 6: a sweep's design points, tokens/s against J/token, those that fit the device apart from those
// that do not, and the Pareto front of the feasible points for these two objectives (fpgasim pareto may
// rank by a resource too; a front in three objectives is not a line in two).
import { KIND_COLORS, OVER_BUDGET_COLOR } from '../platforms.js';
import { isFpga, type FpgaRecord, type ReportRecord } from '../records.js';
import { atWorkload, dedupe, headlineWorkload } from '../select.js';
import { asSpec, frame, logScale, needsLog, type Chart, type Row } from './chart.js';

/** Fewer design points than this is a comparison, not a design space. */
export const MIN_SWEEP_POINTS = 3;

const FITS = 'fits';
const DOES_NOT_FIT = 'does not fit';

/** Feasible points no other feasible point beats on both tokens/s (higher) and J/token (lower). */
export function paretoFront(points: readonly FpgaRecord[]): Set<FpgaRecord> {
  const feasible = points.filter((p) => p.fpga.fits && p.energyPerTokenJ !== null);
  const beats = (a: FpgaRecord, b: FpgaRecord) =>
    a.tokensPerSecond >= b.tokensPerSecond && a.energyPerTokenJ! <= b.energyPerTokenJ! && (a.tokensPerSecond > b.tokensPerSecond || a.energyPerTokenJ! < b.energyPerTokenJ!);
  return new Set(feasible.filter((p) => !feasible.some((q) => beats(q, p))));
}

export function designSpaceChart(records: readonly ReportRecord[]): Chart | null {
  const w = headlineWorkload(records);
  if (!w) return null;
  const points = atWorkload(dedupe(records), w).filter(isFpga).filter((r) => r.energyPerTokenJ !== null);
  if (points.length < MIN_SWEEP_POINTS) return null;
  const front = paretoFront(points);
  const rows: Row[] = points.map((p) => ({
    label: p.label,
    device: p.fpga.device,
    tokensPerSecond: p.tokensPerSecond,
    energyPerTokenJ: p.energyPerTokenJ,
    powerW: p.powerW,
    feasibility: p.fpga.fits ? FITS : DOES_NOT_FIT,
    pareto: front.has(p),
    bottleneck: p.fpga.bottleneck,
  }));
  const joules = rows.map((r) => r.energyPerTokenJ as number);
  const speeds = rows.map((r) => r.tokensPerSecond as number);
  const axisScale = (values: number[]) => (needsLog(values) ? logScale(values) : { scale: { zero: false, nice: true } });
  const x = { field: 'energyPerTokenJ', type: 'quantitative', title: 'energy per token (J)', ...axisScale(joules) } as const;
  const y = { field: 'tokensPerSecond', type: 'quantitative', title: 'decode throughput (tokens/s)', ...axisScale(speeds) } as const;
  const feasible = rows.filter((r) => r.feasibility === FITS).length;
  const spec = asSpec({
    ...frame('Design space', [
      `${w.model}, ${w.tokens} tokens: ${rows.length} design points, ${feasible} fit their device; the line is the Pareto front of those that fit`,
      'up and to the left is better',
    ]),
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: 'datum.pareto' }],
        mark: { type: 'line', color: '#222222', strokeWidth: 2, interpolate: 'linear' },
        encoding: { x, y, order: { field: 'energyPerTokenJ', type: 'quantitative' } },
      },
      {
        mark: { type: 'point', size: 110, filled: true, opacity: 0.8 },
        encoding: {
          x,
          y,
          color: { field: 'feasibility', type: 'nominal', title: 'fits the device', scale: { domain: [FITS, DOES_NOT_FIT], range: [KIND_COLORS.fpga, OVER_BUDGET_COLOR] } },
          shape: { field: 'feasibility', type: 'nominal', title: 'fits the device', scale: { domain: [FITS, DOES_NOT_FIT], range: ['circle', 'cross'] } },
          tooltip: [{ field: 'label' }, { field: 'tokensPerSecond', format: '.2f' }, { field: 'energyPerTokenJ', format: '.4f' }, { field: 'powerW', format: '.1f' }, { field: 'feasibility' }, { field: 'bottleneck' }],
        },
      },
      {
        transform: [{ filter: 'datum.pareto' }],
        mark: { type: 'point', size: 260, shape: 'circle', filled: false, color: '#222222', strokeWidth: 2 },
        encoding: { x, y },
      },
    ],
  });
  return { id: 'design-space', title: 'Design space: tokens/s against J/token', spec, rows };
}
