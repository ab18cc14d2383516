// Which records each chart shows. A report may hold one design point or a whole sweep, and studies over
// sequence length and model size: the comparison charts show the headline workload (the first FPGA
// record's model and token count) and a handful of designs; the sweep and study charts show the rest.
import { isFpga, type FpgaRecord, type ReportRecord } from './records.js';

export interface Workload {
  model: string;
  tokens: number;
}

/** More FPGA designs than this on a bar chart is a sweep, not a comparison. */
export const MAX_COMPARED_DESIGNS = 4;

export function headlineWorkload(records: readonly ReportRecord[]): Workload | null {
  const first = records.find(isFpga) ?? records[0];
  return first ? { model: first.model, tokens: first.tokens } : null;
}

export const atWorkload = (records: readonly ReportRecord[], w: Workload): ReportRecord[] =>
  records.filter((r) => r.model === w.model && r.tokens === w.tokens);

/** One record per (label, source, model, tokens): studies repeat the headline run and its baselines. */
export function dedupe(records: readonly ReportRecord[]): ReportRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    const key = JSON.stringify([r.label, r.source, r.platform, r.model, r.tokens, r.fpga?.design]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The FPGA designs worth a bar: all of them when few, else the first (the base design), the fastest and
 * the most energy-efficient of those that fit.
 */
export function comparedDesigns(records: readonly ReportRecord[]): FpgaRecord[] {
  const fpga = records.filter(isFpga);
  if (fpga.length <= MAX_COMPARED_DESIGNS) return fpga;
  const feasible = fpga.filter((r) => r.fpga.fits);
  const fastest = feasible.reduce<FpgaRecord | undefined>((a, b) => (!a || b.tokensPerSecond > a.tokensPerSecond ? b : a), undefined);
  const efficient = feasible.reduce<FpgaRecord | undefined>(
    (a, b) => (!a || (b.energyPerTokenJ ?? Infinity) < (a.energyPerTokenJ ?? Infinity) ? b : a),
    undefined,
  );
  return [...new Set([fpga[0], fastest, efficient].filter((r): r is FpgaRecord => r !== undefined))];
}

/** What the comparison charts (throughput, energy, cycles, resources, roofline) show. */
export function comparisonRecords(records: readonly ReportRecord[]): ReportRecord[] {
  const w = headlineWorkload(records);
  if (!w) return [];
  const here = atWorkload(dedupe(records), w);
  return [...comparedDesigns(here), ...here.filter((r) => !isFpga(r))];
}
