// Report records from what the rest of fpgasim produces: a simulate() result (its FPGA design point and its
// two baselines), a sweep's results.jsonl line (experiments/record.ts), and the published HLSTransform figures.
import type { ModelConfig } from '../kernels/model/types.js';
import { MODEL_SHAPES, parseModelShape } from '../kernels/model/shapes.js';
import { PUBLISHED } from '../hw-models/baselines/published.js';
import type { SimResult } from '../sim/simulate.js';
import type { OkRecord } from '../experiments/record.js';
import { platformShortName } from './platforms.js';
import type { FpgaRecord, PlatformKind, ReportRecord, ResourceKey } from './records.js';

/** The CPU the published figures were measured on (fpgasim's CPU baseline). */
const CPU_PLATFORM = 'xeon-e5-2686v4';

/** The published FPGA figures belong beside the simulated design they describe. */
const PUBLISHED_FPGA: Record<string, { design: string; device: string }> = {
  'vu9p-hlstransform': { design: 'hlstransform', device: 'vu9p-f1' },
};

export function fpgaRecordFromSimResult(r: SimResult): FpgaRecord {
  const f = r.fpga;
  return {
    label: r.design,
    kind: 'fpga',
    platform: r.device,
    source: 'simulated',
    note: `${r.mode} timing at ${r.clockHz / 1e6} MHz`,
    model: r.model,
    config: r.config,
    tokens: r.tokens,
    tokensPerSecond: f.tokensPerSecond,
    energyPerTokenJ: f.energyPerTokenJ,
    powerW: f.powerW,
    fpga: {
      design: r.design,
      device: r.device,
      clockHz: r.clockHz,
      fits: f.fits,
      overflows: f.overflows,
      resources: f.resources as Record<ResourceKey, { used: number; available: number }>,
      kernelCyclesPerToken: f.kernels.map((k) => ({ kernel: k.name, cycles: k.cycles })),
      hostSecondsPerToken: f.host.secondsPerToken,
      offChipBytesPerToken: f.memory.reduce((sum, m) => sum + m.bytesPerToken, 0),
      memoryChannels: f.memory.filter((m) => m.bytesPerToken > 0).map((m) => m.channel),
      bottleneck: f.bottleneck,
    },
  };
}

/** A simulate() result as records: the design point, then its CPU and GPU baselines for the same run. */
export function recordsFromSimResult(r: SimResult): ReportRecord[] {
  return [
    fpgaRecordFromSimResult(r),
    baselineRecord('cpu', r.model, r.config, r.tokens, r.baselines.cpu),
    baselineRecord('gpu', r.model, r.config, r.tokens, r.baselines.gpu),
  ];
}

/** The fields of a sweep's results.jsonl line (experiments/record.ts OkRecord) that a report reads. */
export type SweepLine = Pick<
  OkRecord,
  | 'index'
  | 'params'
  | 'timing'
  | 'model'
  | 'tokens'
  | 'device'
  | 'clockHz'
  | 'tokensPerSecond'
  | 'energyPerTokenJ'
  | 'powerW'
  | 'fits'
  | 'overflows'
  | 'resources'
  | 'bottleneck'
  | 'kernelShare'
  | 'bytesPerToken'
  | 'memoryUtilization'
  | 'baselines'
>;

/** A point of a sweep (one line of results.jsonl) that was simulated, as a design point named `label`. */
export function fpgaRecordFromSweepLine(line: SweepLine, label: string): FpgaRecord {
  const cyclesPerToken = line.clockHz / line.tokensPerSecond;
  const { host, ...kernels } = line.kernelShare;
  const params = Object.entries(line.params).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return {
    label,
    kind: 'fpga',
    platform: line.device,
    source: 'simulated',
    note: `${line.timing} timing at ${line.clockHz / 1e6} MHz${params.length ? `; ${params.join(', ')}` : ''}`,
    model: line.model,
    config: parseModelShape(line.model),
    tokens: line.tokens,
    tokensPerSecond: line.tokensPerSecond,
    energyPerTokenJ: line.energyPerTokenJ,
    powerW: line.powerW,
    fpga: {
      design: label,
      device: line.device,
      clockHz: line.clockHz,
      fits: line.fits,
      overflows: line.overflows,
      resources: line.resources,
      kernelCyclesPerToken: Object.entries(kernels).map(([kernel, share]) => ({ kernel, cycles: share * cyclesPerToken })),
      hostSecondsPerToken: host === undefined ? null : host / line.tokensPerSecond,
      offChipBytesPerToken: line.bytesPerToken,
      memoryChannels: Object.entries(line.memoryUtilization).filter(([, u]) => u > 0).map(([channel]) => channel),
      bottleneck: line.bottleneck,
    },
  };
}

/** The CPU and GPU baselines a sweep line carries (they depend on its model and tokens only). */
export function baselineRecordsFromSweepLine(line: SweepLine): ReportRecord[] {
  const config = parseModelShape(line.model);
  return (['cpu', 'gpu'] as const).map((kind) => {
    const b = line.baselines[kind];
    return baselineRecord(kind, line.model, config, line.tokens, { ...b, powerW: b.energyPerTokenJ * b.tokensPerSecond });
  });
}

function baselineRecord(
  kind: Exclude<PlatformKind, 'fpga'>,
  model: string,
  config: ModelConfig,
  tokens: number,
  p: { platform: string; tokensPerSecond: number; powerW: number; energyPerTokenJ: number },
): ReportRecord {
  return {
    label: platformShortName(p.platform),
    kind,
    platform: p.platform,
    source: 'baseline model',
    note: 'hw-models baseline prediction',
    model,
    config,
    tokens,
    tokensPerSecond: p.tokensPerSecond,
    energyPerTokenJ: p.energyPerTokenJ,
    powerW: p.powerW,
    fpga: null,
  };
}

/** The published figures for a workload (only stories110M has any), labelled like the bars they sit on. */
export function publishedRecords(model: string, tokens: number): ReportRecord[] {
  return PUBLISHED.filter((p) => p.modelShape === model && p.tokens === tokens).map((p) => {
    const fpga = PUBLISHED_FPGA[p.platform];
    const kind = fpga ? 'fpga' : p.platform === CPU_PLATFORM ? 'cpu' : 'gpu';
    return {
      label: fpga ? fpga.design : platformShortName(p.platform),
      kind,
      platform: fpga ? fpga.device : p.platform,
      source: 'published',
      note: p.derived ? "derived from the HLSTransform paper's ratios" : 'measured (HLSTransform release)',
      model,
      config: MODEL_SHAPES[model] ?? null,
      tokens,
      tokensPerSecond: p.tokensPerSecond,
      energyPerTokenJ: p.energyPerTokenJ,
      powerW: p.powerW,
      fpga: null,
    } satisfies ReportRecord;
  });
}
