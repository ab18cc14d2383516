// The headline numbers of a report: for each platform at the headline workload (published figures
// included), tokens/s, J/token, W and whether it fits, with which design, device and model produced them and how (simulated, modelled, published).
import { KIND_LABELS } from './platforms.js';
import type { ReportRecord } from './records.js';
import { comparisonRecords } from './select.js';

export interface HeadlineRow {
  platform: string;
  kind: string;
  source: string;
  design: string; // 'hlstransform on vu9p-f1', or '' for baselines
  model: string;
  tokens: number;
  tokensPerSecond: string;
  energyPerTokenJ: string;
  powerW: string;
  fits: string;
  note: string;
}

const number = (x: number | null, digits: number) => (x === null ? '' : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }));

/** Digits shown: tokens/s 2 decimals, J/token 4, W 2. */
export const HEADLINE_DIGITS = { tokensPerSecond: 2, energyPerTokenJ: 4, powerW: 2 } as const;

export function headlineRows(records: readonly ReportRecord[]): HeadlineRow[] {
  return comparisonRecords(records).map((r) => ({
    platform: r.label,
    kind: KIND_LABELS[r.kind],
    source: r.source,
    design: r.fpga ? `${r.fpga.design} on ${r.fpga.device}` : '',
    model: r.model,
    tokens: r.tokens,
    tokensPerSecond: number(r.tokensPerSecond, HEADLINE_DIGITS.tokensPerSecond),
    energyPerTokenJ: number(r.energyPerTokenJ, HEADLINE_DIGITS.energyPerTokenJ),
    powerW: number(r.powerW, HEADLINE_DIGITS.powerW),
    fits: r.fpga ? (r.fpga.fits ? 'yes' : `no: ${r.fpga.overflows.join('; ')}`) : '',
    note: r.note,
  }));
}
