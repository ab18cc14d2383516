// fpgasim estimate: a csynth-like report of one kernel a user describes as data (sim/spec/README.md).
import type { CommandModule } from 'yargs';
import { RESOURCE_KEYS } from '../../hw-models/devices/types.js';
import { estimateKernel, RESOURCE_LABELS, type KernelEstimate } from '../../sim/spec/estimate.js';
import { loadKernelSpec } from '../../sim/spec/load.js';
import { bandText, errorBands } from '../../experiments/validation/validate.js';
import { formatTable } from '../table.js';

interface EstimateArgs {
  spec: string;
  json: boolean;
}

export const estimateCommand: CommandModule<object, EstimateArgs> = {
  command: 'estimate <spec>',
  describe: 'Schedule and size one HLS kernel described as JSON: latency, every loop\'s II and why, resources against the part',
  builder: (yargs) =>
    yargs
      .positional('spec', { type: 'string', describe: 'a kernel spec .json (format and a worked example: sim/spec/README.md)', demandOption: true })
      .option('json', { type: 'boolean', describe: 'print the estimate as one JSON object, with the validation error bands', default: false })
      .example('$0 estimate experiments/validation/cases/hlsfactory_base_mvt.json', 'a corpus case (its "spec" field is read)')
      .example('$0 estimate my-kernel.json --json', 'as JSON'),
  handler: (args) => {
    const estimate = estimateKernel(loadKernelSpec(args.spec));
    if (args.json) process.stdout.write(`${JSON.stringify({ ...estimate, errorBands: errorBands() })}\n`);
    else process.stdout.write(formatEstimate(estimate));
  },
};

export function formatEstimate(e: KernelEstimate): string {
  const { min, avg, max } = e.latencyCycles;
  const out = [
    `${e.name} on ${e.part} at ${+(e.clockHz / 1e6).toFixed(3)} MHz (math: ${e.math})`,
    `latency ${min === max ? `${max}` : `${min} / ${avg} / ${max} (best / average / worst)`} cycles, interval ${e.intervalCycles} cycles; ${bandText('latency')}`,
    '',
    formatTable(
      ['loop', 'trip', 'unroll', 'II', 'iteration latency', 'latency', 'why'],
      e.loops.map((l) => [l.path, String(l.trip), String(l.unroll), l.ii === null ? '-' : String(l.ii), String(l.depth), String(l.cyclesPerInvocation), l.pipelined ? `${l.how}; II: ${l.iiReason}` : l.how]),
    ),
    formatTable(
      ['resource', 'used', 'available', 'utilization', 'error band'],
      RESOURCE_KEYS.map((k) => [RESOURCE_LABELS[k], String(e.resources[k].used), String(e.resources[k].available), `${((100 * e.resources[k].used) / e.resources[k].available).toFixed(1)}%`, bandText(k)]),
    ),
  ];
  if (e.iiViolations.length) out.push('II violations:', ...e.iiViolations.map((v) => `  ${v}`), '');
  out.push(e.fits ? 'fits the part' : `does not fit: ${e.overflows.join('; ')}`, '');
  return out.join('\n');
}
