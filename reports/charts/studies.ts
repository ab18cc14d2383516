// What the two study charts share: one line per platform (a design on its device, or a baseline), colored
// by kind of platform, named at its last point so several designs of the same color stay apart.
import { KIND_COLORS, KIND_LABELS } from '../platforms.js';
import type { ReportRecord } from '../records.js';
import type { Row } from './chart.js';

/** A study series: the same platform (and design) across the study's runs. */
export const seriesOf = (r: ReportRecord): string => (r.fpga ? `${r.label} (${r.fpga.device})` : r.label);

export function studyRow(r: ReportRecord): Row {
  return {
    series: seriesOf(r),
    kind: KIND_LABELS[r.kind],
    model: r.model,
    tokens: r.tokens,
    tokensPerSecond: r.tokensPerSecond,
    energyPerTokenJ: r.energyPerTokenJ,
    fits: r.fpga ? r.fpga.fits : null,
  };
}

/** Series names colored by the kind of their platform. */
export function seriesColor(rows: readonly Row[]) {
  const series = [...new Set(rows.map((r) => r.series as string))];
  const kindOf = new Map(rows.map((r) => [r.series as string, r.kind as string]));
  const colorOfKind = Object.fromEntries(Object.entries(KIND_LABELS).map(([k, label]) => [label, KIND_COLORS[k as keyof typeof KIND_COLORS]]));
  return { field: 'series', type: 'nominal', title: 'platform', scale: { domain: series, range: series.map((s) => colorOfKind[kindOf.get(s)!]) } } as const;
}
