// The readable form of a simulation result: headline, resources, where the time goes, memory, the
// comparison with the CPU and GPU baselines (and the HLSTransform paper's ratios), and the loop table.
import { HLSTRANSFORM_RATIOS } from '../hw-models/baselines/published.js';
import type { SimResult } from '../sim/simulate.js';
import { bandText } from '../experiments/validation/validate.js';
import { formatTable } from './table.js';

const n = (x: number, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const RESOURCE_NAMES = { dsp: 'DSP', bram18: 'BRAM18', uram: 'URAM', lut: 'LUT', ff: 'FF' } as const;

export function formatSimulation(r: SimResult, options: { loops: boolean }): string {
  const f = r.fpga;
  const out: string[] = [];
  out.push(
    `${r.design} on ${r.device} (${r.part}) at ${n(r.clockHz / 1e6)} MHz, ${r.model}, ${r.tokens} tokens, ${r.mode}-level ${r.generated ? 'functional + timing' : 'timing only'}`,
    '',
    `FPGA: ${n(f.tokensPerSecond, 2)} tokens/s, ${n(f.secondsPerToken * 1e3, 3)} ms/token (${n(f.cyclesPerToken)} cycles), ${n(f.powerW, 2)} W, ${n(f.energyPerTokenJ, 4)} J/token (${n((f.energyPerTokenJ / 3600) * 1e3, 4)} mWh)`,
    `Fits ${r.device}: ${f.fits ? 'yes' : `NO — ${f.overflows.join('; ')}`}`,
    `Error band of the kernel model: ${bandText('latency')}; \`fpgasim validate-model\` lists every case`,
    `J/token ${n(f.energyPerTokenBandJ[0], 4)} to ${n(f.energyPerTokenBandJ[1], 4)} with the fitted per-action energies halved or doubled (hw-models/calibration.ts)`,
  );
  if (f.powerWarning) out.push(`Power warning: ${f.powerWarning}`);
  out.push('', 'Resources (used / available to user logic)');
  out.push(
    formatTable(
      ['resource', 'used', 'available', 'utilization', 'error band'],
      Object.entries(RESOURCE_NAMES).map(([key, label]) => {
        const { used, available } = f.resources[key as keyof typeof RESOURCE_NAMES];
        return [label, n(used), n(available), pct(used / available), bandText(key as keyof typeof RESOURCE_NAMES, label)];
      }),
    ),
  );
  out.push('Where the time goes (per token)');
  out.push(
    formatTable(
      ['kernel', 'cycles', 'share'],
      [...f.kernels.map((k) => [k.name, n(k.cycles), pct(k.share)]), ['host (launch, logits copy, sampling)', n(f.host.secondsPerToken * r.clockHz), pct(f.host.share)]],
    ),
  );
  out.push(`Bottleneck: ${f.bottleneck}`, '');
  out.push(
    formatTable(
      ['memory', 'type', 'MB/token', 'of peak bandwidth'],
      f.memory.map((m) => [m.channel, m.type, n(m.bytesPerToken / 1e6, 1), pct(m.utilization)]),
    ),
  );
  for (const { region, report } of f.dataflow) {
    out.push(`DATAFLOW region ${region}, one layer: ${n(report.cycles)} cycles (FIFO depths as emitted)`);
    out.push(formatTable(['task', 'ends at cycle', 'starved (input empty)', 'blocked (output full)'], report.tasks.map((t) => [t.name, n(t.endCycles), n(t.starvedCycles), n(t.blockedCycles)])));
    out.push(formatTable(['FIFO', 'depth', 'peak', 'mean', 'depth so its producer never blocks'], report.fifos.map((q) => [q.name, n(q.depth), n(q.peakLevel), n(q.meanLevel, 2), n(q.depthNeeded)])));
  }
  out.push(comparison(r));
  if (options.loops) {
    out.push('Loops, as a csynth report would list them (one layer; every layer is the same)');
    out.push(
      formatTable(
        ['call', 'loop', 'trip', 'unroll', 'II', 'depth', 'starts', 'cycles', 'why this II'],
        f.loops.map((l) => [
          l.call,
          l.path,
          n(l.trip),
          n(l.unroll),
          l.ii === null ? '-' : n(l.ii),
          n(l.depth),
          n(l.invocations),
          n(l.cyclesPerInvocation * l.invocations),
          l.iiReason ?? 'not pipelined',
        ]),
      ),
    );
  } else {
    out.push('Run with --loops for the per-loop table (trip counts, II, depth, and why each II is what it is).');
  }
  if (f.warnings.length > 0) out.push('', `Warnings (${f.warnings.length}: II violations as Vitis HLS would report them, and extrapolations):`, ...f.warnings.map((w) => `  ${w}`));
  if (r.generated) out.push('', `Generated tokens: ${JSON.stringify(r.generated)}`);
  return `${out.join('\n')}\n`;
}

function comparison(r: SimResult): string {
  const f = r.fpga;
  const { cpu, gpu } = r.baselines;
  const paper = r.design === 'hlstransform' && r.model === 'stories110M';
  const ratio = (x: number) => `${x.toFixed(2)}x`;
  const rows = [
    ['FPGA (simulated)', n(f.tokensPerSecond, 1), n(f.powerW, 1), n(f.energyPerTokenJ, 3), '-', '-'],
    [
      `CPU ${cpu.platform} (model)`,
      n(cpu.tokensPerSecond, 1),
      n(cpu.powerW, 1),
      n(cpu.energyPerTokenJ, 3),
      `${ratio(f.tokensPerSecond / cpu.tokensPerSecond)}${paper ? ` (paper ${HLSTRANSFORM_RATIOS.fpgaSpeedOverCpu}x)` : ''}`,
      `${ratio(cpu.energyPerTokenJ / f.energyPerTokenJ)}${paper ? ` (paper ${HLSTRANSFORM_RATIOS.cpuEnergyOverFpga}x)` : ''}`,
    ],
    [
      `GPU ${gpu.platform} (model)`,
      n(gpu.tokensPerSecond, 1),
      n(gpu.powerW, 1),
      n(gpu.energyPerTokenJ, 3),
      `${ratio(f.tokensPerSecond / gpu.tokensPerSecond)}${paper ? ` (paper ${HLSTRANSFORM_RATIOS.fpgaSpeedOverGpu}x)` : ''}`,
      `${ratio(gpu.energyPerTokenJ / f.energyPerTokenJ)}${paper ? ` (paper ${HLSTRANSFORM_RATIOS.gpuEnergyOverFpga}x)` : ''}`,
    ],
  ];
  return `\nComparison\n${formatTable(['platform', 'tokens/s', 'W', 'J/token', 'FPGA speed / it', 'its J/token / FPGA\'s'], rows)}`;
}
