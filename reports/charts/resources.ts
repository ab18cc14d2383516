// Chart 4: the resources a design uses against what its device leaves to user logic (on F1 and Alveo the
// region outside the shell), one group of bars per resource, the budget drawn at 100%.
import { OVER_BUDGET_COLOR, KIND_COLORS } from '../platforms.js';
import type { ResourceKey, ReportRecord } from '../records.js';
import { comparedDesigns, comparisonRecords } from '../select.js';
import { asSpec, fmt, frame, type Chart, type Row } from './chart.js';

export const RESOURCE_LABELS: Record<ResourceKey, string> = { dsp: 'DSP', bram18: 'BRAM18', uram: 'URAM', lut: 'LUT', ff: 'FF' };

/** 4,890 or 510k: short enough to sit above a bar of a group. */
const compact = (n: number) => (n < 10_000 ? fmt(n, 0) : `${fmt(n / 1000, 0)}k`);

const WITHIN = 'within budget';
const OVER = 'over budget';

/** Designs in shades of the FPGA blue (several designs are still all FPGAs). */
const DESIGN_COLORS = [KIND_COLORS.fpga, '#9ecae9', '#2f4b7c', '#72b7b2'];

export function resourcesChart(records: readonly ReportRecord[]): Chart | null {
  const designs = comparedDesigns(comparisonRecords(records)).filter((r) => Object.keys(r.fpga.resources).length > 0);
  if (designs.length === 0) return null;
  // designs on one device share its budget: the axis says what is available, the bars what is used
  const sameBudget = new Set(designs.map((d) => d.fpga.device)).size === 1;
  const rows: Row[] = designs.flatMap((r) =>
    (Object.keys(RESOURCE_LABELS) as ResourceKey[]).flatMap((key) => {
      const use = r.fpga.resources[key];
      if (!use) return [];
      const utilization = use.available > 0 ? use.used / use.available : use.used > 0 ? Infinity : 0;
      return [
        {
          design: r.label,
          device: r.fpga.device,
          resource: RESOURCE_LABELS[key],
          used: use.used,
          available: use.available,
          utilization,
          status: utilization > 1 ? OVER : WITHIN,
          resourceAxis: `${RESOURCE_LABELS[key]} of ${fmt(use.available, 0)}`,
          usedLabel: sameBudget ? compact(use.used) : `${compact(use.used)} / ${compact(use.available)}`,
        },
      ];
    }),
  );
  const devices = [...new Set(designs.map((d) => d.fpga.device))].join(', ');
  const top = Math.max(1.2, ...rows.map((r) => (r.utilization as number) * 1.15).filter(Number.isFinite));
  const axisLabels = [...new Set(rows.map((r) => (sameBudget ? r.resourceAxis : r.resource) as string))];
  const x = { field: sameBudget ? 'resourceAxis' : 'resource', type: 'nominal', title: null, sort: axisLabels, axis: { labelAngle: 0, labelFontSize: 14 } } as const;
  const y = { field: 'utilization', type: 'quantitative', title: 'used / available to user logic', axis: { format: '.0%' }, scale: { domain: [0, top], nice: false } } as const;
  const order = designs.map((d) => d.label);
  const xOffset = { field: 'design', type: 'nominal', sort: order } as const;
  const over = `datum.status === '${OVER}'`;
  const labelFontSize = designs.length > 2 ? 11 : 13;
  const spec = asSpec({
    ...frame('Resources against the device budget', [
      `${devices}: the budget is what the platform leaves to user logic (the axis says how much); labels: used; red: over budget`,
      designs.map((d) => `${d.label} ${d.fpga.fits ? 'fits' : `does not fit (${d.fpga.overflows.join('; ')})`}`).join('; '),
    ]),
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', width: { band: 0.8 }, strokeWidth: 3 },
        encoding: {
          x,
          xOffset,
          y,
          color: { field: 'design', type: 'nominal', title: 'design', sort: order, scale: { domain: order, range: DESIGN_COLORS } },
          stroke: { condition: { test: over, value: OVER_BUDGET_COLOR }, value: null },
          tooltip: [{ field: 'design' }, { field: 'resource' }, { field: 'used', format: ',' }, { field: 'available', format: ',' }, { field: 'utilization', format: '.1%' }],
        },
      },
      {
        mark: { type: 'text', fontSize: labelFontSize, dy: -9 },
        encoding: { x, xOffset, y, text: { field: 'usedLabel' }, color: { condition: { test: over, value: OVER_BUDGET_COLOR }, value: '#222222' } },
      },
      {
        data: { values: [{ budget: 1 }] },
        layer: [
          { mark: { type: 'rule', color: OVER_BUDGET_COLOR, strokeDash: [8, 5], strokeWidth: 2 }, encoding: { y: { field: 'budget', type: 'quantitative' } } },
          {
            mark: { type: 'text', color: OVER_BUDGET_COLOR, align: 'right', baseline: 'bottom', dy: -4, fontSize: 13, x: { expr: 'width' }, text: 'budget (100%)' },
            encoding: { y: { field: 'budget', type: 'quantitative' } },
          },
        ],
      },
    ],
  });
  return { id: 'resources', title: 'Resources used against the budget', spec, rows };
}
