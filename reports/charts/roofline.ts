// Chart 5: the roofline of a device. Attainable operations/s against operational intensity (operations per
// off-chip byte), under the memory ceilings (peak bandwidth x intensity) and the compute ceiling (every DSP
// of the budget doing int8 MACs), with the simulated designs placed on it.
//
// Operations of a token: 2 per int8 multiply-accumulate of the matrix-vector products (hw-models'
// tokenWorkload: one MAC per weight); attention and the float kernels are left out, as rooflines of
// quantized inference usually do. Bytes: the off-chip bytes per token the simulation moved.
import { tokenWorkload } from '../../hw-models/baselines/workload.js';
import type { Device } from '../../hw-models/devices/types.js';
import { operatorCost } from '../../hw-models/operators.js';
import { KIND_COLORS } from '../platforms.js';
import type { FpgaRecord, ReportRecord } from '../records.js';
import { comparedDesigns, comparisonRecords } from '../select.js';
import { asSpec, fmt, frame, type Chart, type Row } from './chart.js';

export interface Roofs {
  device: string;
  clockHz: number;
  computeOpsPerS: number;
  computeLabel: string;
  memory: { label: string; bytesPerS: number }[]; // highest first
}

const OPS_PER_MAC = 2;

/** Vertical distance between the labels of successive designs. */
const LABEL_LINE_PX = 20;

/** Memory ceilings in grays, darkest the highest; the compute ceiling red. */
const CEILING_COLORS = ['#333333', '#777777', '#aaaaaa', '#d62728'];

const si = (x: number, unit: string) => {
  const [scale, prefix] = x >= 1e12 ? [1e12, 'T'] : x >= 1e9 ? [1e9, 'G'] : x >= 1e6 ? [1e6, 'M'] : [1, ''];
  return `${fmt(x / scale, x / scale < 10 ? 2 : 1)} ${prefix}${unit}`;
};

/**
 * The device's ceilings at a clock: all its off-chip channels of each memory type together, and as many
 * channels as the designs use; int8 MACs on every DSP of the budget (a DSP48E2 does two int8 multiplies
 * sharing an operand, hw-models/operators.ts 'mul8').
 */
export function deviceRoofs(device: Device, clockHz: number, channelsUsed: readonly number[]): Roofs {
  const macsPerDspCycle = 1 / operatorCost('mul8', clockHz).dsp;
  const computeOpsPerS = device.budget.dsp * macsPerDspCycle * OPS_PER_MAC * clockHz;
  const memory: Roofs['memory'] = [];
  for (const type of [...new Set(device.memories.map((m) => m.type))]) {
    const channels = device.memories.filter((m) => m.type === type);
    const perChannel = channels[0].peakBandwidthBytesPerS;
    const counts = [...new Set([channels.length, ...channelsUsed.filter((n) => n < channels.length)])].sort((a, b) => b - a);
    for (const n of counts) {
      const bytesPerS = channels.slice(0, n).reduce((sum, c) => sum + c.peakBandwidthBytesPerS, 0);
      const what = n === channels.length ? `all ${n}` : `${n} used`;
      memory.push({ label: `${type.toUpperCase()}, ${what} of ${channels.length} channels: ${si(n === 1 ? perChannel : bytesPerS, 'B/s')} peak`, bytesPerS });
    }
  }
  return {
    device: device.id,
    clockHz,
    computeOpsPerS,
    computeLabel: `int8 MACs on ${fmt(device.budget.dsp, 0)} DSPs × ${macsPerDspCycle} per cycle at ${fmt(clockHz / 1e6, 0)} MHz: ${si(computeOpsPerS, 'op/s')}`,
    memory: memory.sort((a, b) => b.bytesPerS - a.bytesPerS),
  };
}

/** Where a design sits: operations per off-chip byte, and operations per second attained. */
export function rooflinePoint(r: FpgaRecord): { opsPerToken: number; intensityOpsPerByte: number; opsPerS: number } | null {
  if (!r.config || !r.fpga.offChipBytesPerToken) return null;
  const opsPerToken = OPS_PER_MAC * tokenWorkload(r.config, r.tokens).matmulMacs;
  return { opsPerToken, intensityOpsPerByte: opsPerToken / r.fpga.offChipBytesPerToken, opsPerS: opsPerToken * r.tokensPerSecond };
}

const decadeBelow = (x: number) => 10 ** Math.floor(Math.log10(x));
const decadeAbove = (x: number) => 10 ** Math.ceil(Math.log10(x));

/** Ticks and grid lines on whole decades only: a log axis' minor lines would bury the roofs. */
function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.round(Math.log10(lo)); e <= Math.round(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

export function rooflineChart(records: readonly ReportRecord[], roofs: Roofs): Chart | null {
  const designs = comparedDesigns(comparisonRecords(records)).filter((r) => r.fpga.device === roofs.device);
  const points = designs.flatMap((r) => {
    const p = rooflinePoint(r);
    return p ? [{ r, ...p }] : [];
  });
  if (points.length === 0) return null;
  const lowestRidge = roofs.computeOpsPerS / roofs.memory[0].bytesPerS;
  const highestRidge = roofs.computeOpsPerS / roofs.memory[roofs.memory.length - 1].bytesPerS;
  const xMin = decadeBelow(Math.min(...points.map((p) => p.intensityOpsPerByte)) / 2);
  const xMax = decadeAbove(Math.max(highestRidge, ...points.map((p) => p.intensityOpsPerByte)) * 2);
  const ceilingRows: Row[] = roofs.memory.flatMap((m) => {
    const ridge = roofs.computeOpsPerS / m.bytesPerS;
    return [xMin, ridge, xMax].map((x) => ({ kind: 'ceiling', series: m.label, intensityOpsPerByte: x, opsPerS: Math.min(m.bytesPerS * x, roofs.computeOpsPerS) }));
  });
  const computeRows: Row[] = [lowestRidge, xMax].map((x) => ({ kind: 'ceiling', series: roofs.computeLabel, intensityOpsPerByte: x, opsPerS: roofs.computeOpsPerS }));
  const designRows: Row[] = points.map((p) => ({
    kind: 'design',
    series: p.r.label,
    intensityOpsPerByte: p.intensityOpsPerByte,
    opsPerS: p.opsPerS,
    opsPerToken: p.opsPerToken,
    bytesPerToken: p.r.fpga.offChipBytesPerToken,
    tokensPerSecond: p.r.tokensPerSecond,
    pointLabel: `${p.r.label}: ${si(p.opsPerS, 'op/s')} at ${fmt(p.intensityOpsPerByte, 2)} op/B`,
  }));
  const rows = [...ceilingRows, ...computeRows, ...designRows];
  const yValues = rows.map((r) => r.opsPerS as number);
  const yDomain = [decadeBelow(Math.min(...yValues)), decadeAbove(roofs.computeOpsPerS * 1.5)];
  const x = {
    field: 'intensityOpsPerByte',
    type: 'quantitative',
    title: 'operational intensity (int8 op per off-chip byte)',
    scale: { type: 'log', domain: [xMin, xMax], nice: false },
    axis: { values: decades(xMin, xMax), format: '~g' },
  } as const;
  const y = {
    field: 'opsPerS',
    type: 'quantitative',
    title: 'attainable performance (op/s)',
    scale: { type: 'log', domain: yDomain, nice: false },
    axis: { values: decades(yDomain[0], yDomain[1]), format: '~s' },
  } as const;
  const ceilingSeries = [...roofs.memory.map((m) => m.label), roofs.computeLabel];
  const legend = { orient: 'bottom', direction: 'vertical', labelLimit: 700, symbolStrokeWidth: 3 };
  const spec = asSpec({
    ...frame(`Roofline: ${roofs.device} at ${fmt(roofs.clockHz / 1e6, 0)} MHz`, [
      `${designs[0].model}, ${designs[0].tokens} tokens; op = 2 per int8 MAC of the matrix-vector products; B = off-chip bytes per token`,
    ]),
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'ceiling'" }],
        mark: { type: 'line', strokeWidth: 2.5, clip: true },
        encoding: {
          x,
          y,
          color: { field: 'series', type: 'nominal', title: 'ceiling', scale: { domain: ceilingSeries, range: CEILING_COLORS.slice(-ceilingSeries.length) }, legend },
          strokeDash: { field: 'series', type: 'nominal', title: 'ceiling', scale: { domain: ceilingSeries }, legend },
        },
      },
      {
        transform: [{ filter: "datum.kind === 'design'" }],
        mark: { type: 'point', filled: true, size: 260, color: KIND_COLORS.fpga, opacity: 1 },
        encoding: { x, y, tooltip: [{ field: 'series', title: 'design' }, { field: 'opsPerS', format: '.3s' }, { field: 'intensityOpsPerByte', format: '.2f' }, { field: 'tokensPerSecond', format: '.1f' }] },
      },
      // one label layer per design, each a line lower, so designs close together keep readable labels
      ...designRows.map((row, i) => ({
        transform: [{ filter: { field: 'series', equal: row.series } }, { filter: "datum.kind === 'design'" }],
        mark: { type: 'text', align: 'left', dx: 14, dy: 16 + LABEL_LINE_PX * i, fontSize: 14, color: KIND_COLORS.fpga, fontWeight: 'bold' },
        encoding: { x, y, text: { field: 'pointLabel' } },
      })),
    ],
  });
  return { id: 'roofline', title: `Roofline of ${roofs.device}`, spec, rows };
}
