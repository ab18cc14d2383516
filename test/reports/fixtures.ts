// Small fixed records for the chart tests: two designs (one over its DSP budget), the CPU and GPU
// baselines, the published figures, a seeded sweep, and two little studies.
import seedrandom from 'seedrandom';
import { MODEL_SHAPES } from '../../kernels/model/shapes.js';
import { publishedRecords } from '../../reports/adapters.js';
import type { FpgaRecord, PlatformKind, ReportRecord } from '../../reports/records.js';

export const MODEL = 'stories110M';
export const TOKENS = 256;
export const CLOCK_HZ = 250e6;

export function design(label: string, over: Partial<FpgaRecord> = {}, fits = true): FpgaRecord {
  return {
    label,
    kind: 'fpga',
    platform: 'vu9p-f1',
    source: 'simulated',
    note: 'flow timing at 250 MHz',
    model: MODEL,
    config: MODEL_SHAPES[MODEL],
    tokens: TOKENS,
    tokensPerSecond: 64,
    energyPerTokenJ: 0.15,
    powerW: 9.6,
    fpga: {
      design: label,
      device: 'vu9p-f1',
      clockHz: CLOCK_HZ,
      fits,
      overflows: fits ? [] : ['DSP: 9,000 used, 5,640 available (160%)'],
      resources: {
        dsp: { used: fits ? 4890 : 9000, available: 5640 },
        bram18: { used: 496, available: 3360 },
        uram: { used: 0, available: 800 },
        lut: { used: 509840, available: 895000 },
        ff: { used: 746960, available: 1790000 },
      },
      kernelCyclesPerToken: [
        { kernel: 'matvec', cycles: 3_000_000 },
        { kernel: 'attention', cycles: 500_000 },
        { kernel: 'rmsnorm', cycles: 100_000 },
      ],
      hostSecondsPerToken: 0.0001, // 25,000 cycles at 250 MHz
      offChipBytesPerToken: 126_000_000,
      memoryChannels: ['DDR[0]'],
      bottleneck: 'matvec',
    },
    ...over,
  };
}

export function baselineRecord(kind: Exclude<PlatformKind, 'fpga'>, tokensPerSecond: number, energyPerTokenJ: number, over: Partial<ReportRecord> = {}): ReportRecord {
  const [label, platform] = kind === 'cpu' ? ['Xeon E5-2686 v4', 'xeon-e5-2686v4'] : ['RTX 3090', 'rtx3090'];
  return {
    label,
    kind,
    platform,
    source: 'baseline model',
    note: 'hw-models baseline prediction',
    model: MODEL,
    config: MODEL_SHAPES[MODEL],
    tokens: TOKENS,
    tokensPerSecond,
    energyPerTokenJ,
    powerW: tokensPerSecond * energyPerTokenJ,
    fpga: null,
    ...over,
  };
}

/** alpha (fits, 64 tokens/s), beta (over its DSP budget, 80 tokens/s), CPU, GPU, and the published points. */
export function comparison(): ReportRecord[] {
  return [
    design('alpha'),
    design('beta', { tokensPerSecond: 80, energyPerTokenJ: 0.12 }, false),
    baselineRecord('cpu', 23, 1.84),
    baselineRecord('gpu', 107, 1.22),
    ...publishedRecords(MODEL, TOKENS),
  ];
}

/** 12 seeded design points, every third one over budget. */
export function sweep(): FpgaRecord[] {
  const rng = seedrandom('report sweep');
  return Array.from({ length: 12 }, (_, i) => {
    const tokensPerSecond = 20 + Math.round(rng() * 100);
    return design(`p${i}`, { tokensPerSecond, energyPerTokenJ: Math.round((0.05 + 4 / tokensPerSecond + rng() * 0.05) * 1e4) / 1e4 }, i % 3 !== 2);
  });
}

/** alpha and the CPU at 256 (the headline run, first), 128 and 64 tokens; alpha and the CPU on stories15M too. */
export function studies(): ReportRecord[] {
  const out: ReportRecord[] = [];
  for (const [i, tokens] of [256, 128, 64].entries()) {
    out.push(design('alpha', { tokens, tokensPerSecond: 64 + 3 * i }), baselineRecord('cpu', 23 + i, 1.8, { tokens }));
  }
  const small = { model: 'stories15M', config: MODEL_SHAPES.stories15M, tokens: 256 };
  out.push(design('alpha', { ...small, tokensPerSecond: 400 }), baselineRecord('cpu', 170, 0.25, small));
  return out;
}
