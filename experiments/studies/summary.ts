// The summary of a built-in study's records, as the markdown tables of experiments/RESULTS.md (written by
// `npm run results`, and by experiments/studies/summarize.ts for a sweep's run directory). Each study has its own view (the replication beside the published figures, the frontier's best design
// against the bandwidth bound and HLSTransform, the what-if tables); any other experiment gets the generic
// table of every point.
import { MODEL_SHAPES, parseModelShape } from '../../kernels/model/shapes.js';
import { HLSTRANSFORM_RATIOS, publishedFor } from '../../hw-models/baselines/published.js';
import { loadDesign } from '../../sim/design/load.js';
import { simulate } from '../../sim/simulate.js';
import { isFeasible, type OkRecord, type ResultRecord } from '../record.js';
import { topBy, TOKENS_PER_SECOND, withHeadroom } from '../pareto.js';

/** The frontier's designs must leave routing room: every resource at most this full. */
export const FRONTIER_MAX_UTILIZATION = 0.8;

const fixed = (n: number, digits: number) => n.toFixed(digits);
const percent = (n: number) => `${(100 * n).toFixed(1)}%`;
const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const label = (r: ResultRecord) => Object.values(r.params).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') || '(the design as is)';
const limits = (r: OkRecord) =>
  `${Object.entries(r.kernelShare)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, s]) => `${k} ${percent(s)}`)
    .join(', ')}; busiest channel ${percent(Math.max(...Object.values(r.memoryUtilization)))} of peak`;

function replication(records: ResultRecord[]): string {
  const rows: string[][] = [];
  for (const r of records) {
    if (r.status !== 'ok') continue;
    const fpga = publishedFor('vu9p-hlstransform', r.tokens)[0];
    const gpu = publishedFor('rtx3090', r.tokens).find((p) => p.role === 'fit' || !p.derived) ?? null;
    rows.push([String(r.tokens), 'FPGA tokens/s', fixed(r.tokensPerSecond, 1), fpga ? fixed(fpga.tokensPerSecond, 1) : '-']);
    rows.push([String(r.tokens), 'FPGA J/token', fixed(r.energyPerTokenJ, 4), fpga?.energyPerTokenJ ? fixed(fpga.energyPerTokenJ, 4) : '-']);
    rows.push([String(r.tokens), 'speed / CPU', `${fixed(r.tokensPerSecond / r.baselines.cpu.tokensPerSecond, 2)}x`, fpga ? `${HLSTRANSFORM_RATIOS.fpgaSpeedOverCpu}x` : '-']);
    rows.push([String(r.tokens), 'speed / GPU', `${fixed(r.tokensPerSecond / r.baselines.gpu.tokensPerSecond, 2)}x`, fpga ? `${HLSTRANSFORM_RATIOS.fpgaSpeedOverGpu}x` : gpu ? `GPU measured ${fixed(gpu.tokensPerSecond, 1)} tokens/s` : '-']);
    rows.push([String(r.tokens), 'CPU J/token / FPGA', `${fixed(r.baselines.cpu.energyPerTokenJ / r.energyPerTokenJ, 2)}x`, fpga ? `${HLSTRANSFORM_RATIOS.cpuEnergyOverFpga}x` : '-']);
    rows.push([String(r.tokens), 'GPU J/token / FPGA', `${fixed(r.baselines.gpu.energyPerTokenJ / r.energyPerTokenJ, 2)}x`, fpga ? `${HLSTRANSFORM_RATIOS.gpuEnergyOverFpga}x` : '-']);
    rows.push([String(r.tokens), 'fits the F1 budget', r.fits ? 'yes' : `no: ${r.overflows.join('; ')}`, 'yes (built)']);
  }
  return table(['tokens', 'figure', `simulated (${records[0]?.timing})`, 'published'], rows);
}

function frontier(records: ResultRecord[]): string {
  const feasible = withHeadroom(records.filter(isFeasible), FRONTIER_MAX_UTILIZATION);
  const best = topBy(feasible, TOKENS_PER_SECOND, 1)[0];
  const base = loadDesign('hlstransform');
  const hls = simulate({ design: base, config: MODEL_SHAPES.stories110M, modelName: 'stories110M', tokens: best.tokens, mode: 'analytic' }).fpga.tokensPerSecond;
  const clocks = [...new Set(records.map((r) => String(r.params.clock)))];
  const rows = clocks.map((clock) => {
    const b = topBy(
      feasible.filter((r) => r.params.clock === clock),
      TOKENS_PER_SECOND,
      1,
    )[0];
    return [clock, fixed(b.tokensPerSecond, 1), percent(b.fractionOfBound), `${fixed(b.tokensPerSecond / hls, 2)}x`, fixed(b.energyPerTokenJ, 4), percent(Math.max(...Object.values(b.utilization))), `point ${b.index}`, limits(b)];
  });
  return [
    `${records.length} points, ${records.filter(isFeasible).length} fit, ${feasible.length} with every resource at most ${percent(FRONTIER_MAX_UTILIZATION)}.`,
    `Bound: ${fixed(best.bound.peakBandwidthBytesPerS / 1e9, 2)} GB/s over ${fixed(best.bound.bytesPerToken / 1e6, 2)} MB a token must read = ${fixed(best.bound.tokensPerSecond, 1)} tokens/s; HLSTransform (analytic) ${fixed(hls, 1)} tokens/s.`,
    '',
    table(['clock', 'tokens/s', 'of bound', 'x HLSTransform', 'J/token', 'fullest resource', 'best point', 'where the time goes'], rows),
    '',
    `Best: point ${best.index}, ${JSON.stringify(best.params)}; ${best.bottleneck}.`,
  ].join('\n');
}

function points(records: ResultRecord[], withBound: boolean): string {
  const rows = records.map((r) =>
    r.status === 'ok'
      ? [
          label(r),
          r.device,
          fixed(r.tokensPerSecond, 1),
          ...(withBound ? [percent(r.fractionOfBound)] : []),
          fixed(r.energyPerTokenJ, 4),
          r.fits ? 'yes' : `no (${r.overflows.map((o) => o.split(':')[0]).join(', ')})`,
          `${fixed(r.baselines.cpu.tokensPerSecond, 1)} / ${fixed(r.baselines.cpu.energyPerTokenJ, 3)}`,
          `${fixed(r.baselines.gpu.tokensPerSecond, 1)} / ${fixed(r.baselines.gpu.energyPerTokenJ, 3)}`,
          limits(r),
        ]
      : [label(r), '-', '-', ...(withBound ? ['-'] : []), '-', `refused: ${r.error}`, '-', '-', '-'],
  );
  return table(['point', 'device', 'tokens/s', ...(withBound ? ['of bound'] : []), 'J/token', 'fits', 'CPU tokens/s / J', 'GPU tokens/s / J', 'where the time goes'], rows);
}

function sequenceLength(records: ResultRecord[]): string {
  const rows = records.map((r) => {
    if (r.status !== 'ok') return [label(r), '-', '-', '-', '-', `refused: ${r.error}`];
    const c = parseModelShape(r.model);
    const kvBytes = 2 * c.nLayers * ((c.dim * c.nKvHeads) / c.nHeads) * 4 * ((r.tokens + 1) / 2);
    return [r.model, String(r.tokens), fixed(r.tokensPerSecond, 1), percent(r.kernelShare.attention ?? 0), percent(kvBytes / r.bound.bytesPerToken), fixed(r.energyPerTokenJ, 4)];
  });
  return table(['model', 'tokens', 'tokens/s', 'attention share of time', 'KV cache share of bytes read', 'J/token'], rows);
}

const VIEWS: Record<string, (records: ResultRecord[]) => string> = {
  'hlstransform-replication': replication,
  'vu9p-frontier': frontier,
  'memory-what-ifs': (records) => points(records, true),
  'model-scaling': (records) => points(records, true),
  'sequence-length': sequenceLength,
};

/** A study's heading and its tables; hash: the experiment's (its first 12 digits are shown). */
export function summarizeStudy(name: string, records: ResultRecord[], hash: string): string {
  const view = VIEWS[name] ?? ((r: ResultRecord[]) => points(r, true));
  return `### ${name} (${records.length} points, ${records[0]?.timing ?? '-'} timing, experiment ${hash.slice(0, 12)})\n\n${view(records)}`;
}
