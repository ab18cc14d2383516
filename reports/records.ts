// The result records every chart reads: one platform (an FPGA design point, a CPU or GPU baseline, or a
// published measurement) running one workload (a model decoding `tokens` positions). Charts depend on this
// type only, never on the simulator; adapters.ts turns simulate() results and sweep lines into records.
// (experiments/record.ts has a ResultRecord too: one line of a sweep's results.jsonl, one input of these.)
import type { ModelConfig } from '../kernels/model/types.js';
import type { RESOURCE_KEYS } from '../hw-models/devices/types.js';

export type PlatformKind = 'fpga' | 'cpu' | 'gpu';

/** simulated: fpgasim's accelerator model; baseline model: hw-models' CPU/GPU predictions; published: a paper. */
export type RecordSource = 'simulated' | 'baseline model' | 'published';

export type ResourceKey = (typeof RESOURCE_KEYS)[number];

export interface ReportRecord {
  label: string; // what charts call it: a design name, or a platform's short name
  kind: PlatformKind;
  platform: string; // the FPGA device id, or the baseline platform id
  source: RecordSource;
  note: string; // how the figure came about (timing mode, 'derived from the paper's ratios', ...)
  model: string; // a model shape name or file
  config: ModelConfig | null; // the model's shape, when known
  tokens: number; // positions decoded in the run
  tokensPerSecond: number;
  energyPerTokenJ: number | null;
  powerW: number | null;
  fpga: FpgaDetail | null; // FPGA design points only
}

export interface FpgaDetail {
  design: string;
  device: string;
  clockHz: number;
  fits: boolean;
  overflows: string[];
  resources: Partial<Record<ResourceKey, { used: number; available: number }>>;
  kernelCyclesPerToken: { kernel: string; cycles: number }[]; // empty when the source does not say
  hostSecondsPerToken: number | null;
  offChipBytesPerToken: number | null; // summed over the memory channels
  memoryChannels: string[]; // the off-chip channels the design reads and writes ('DDR[0]'); empty when unknown
  bottleneck: string;
}

export type FpgaRecord = ReportRecord & { kind: 'fpga'; fpga: FpgaDetail };

export const isFpga = (r: ReportRecord): r is FpgaRecord => r.kind === 'fpga' && r.fpga !== null;

/** Joules to milliwatt-hours (1 mWh = 3.6 J). */
export const joulesToMWh = (j: number): number => j / 3.6;
