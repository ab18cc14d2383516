// fpgasim import-csynth: a real Vitis HLS synthesis report beside the simulator's estimate of each figure.
import type { CommandModule } from 'yargs';
import { MODEL_SHAPES, parseModelShape } from '../../kernels/model/shapes.js';
import { listDesignNames, loadDesign } from '../../sim/design/load.js';
import { compareCsynth, type Comparison } from '../../experiments/csynth/compare.js';
import { readCsynthReport } from '../../experiments/csynth/parse.js';
import { simulateSteps } from '../../experiments/csynth/simulated.js';
import { formatTable } from '../table.js';

interface ImportCsynthArgs {
  report: string;
  design: string;
  'model-shape': string;
  set: string[];
  json: boolean;
}

export const importCsynthCommand: CommandModule<object, ImportCsynthArgs> = {
  command: 'import-csynth <report>',
  describe: 'Compare a Vitis HLS csynth.xml with the simulator: clock, latency, loops, resources, and the error of each',
  builder: (yargs) =>
    yargs
      .positional('report', { type: 'string', describe: 'the csynth.xml of a synthesis run (solution/syn/report/csynth.xml, or a <module>_csynth.xml)', demandOption: true })
      .option('design', { type: 'string', describe: `the design the HLS code was emitted from: ${listDesignNames().join(', ')}, or a design .json file`, default: 'hlstransform' })
      .option('model-shape', {
        type: 'string',
        describe: `the model shape it was emitted for: ${Object.keys(MODEL_SHAPES).join(', ')}, or "dim,hidden,layers,heads,kv_heads,vocab,seq_len"`,
        default: 'stories110M',
      })
      .option('set', { type: 'string', array: true, describe: 'override a design field: path=value (repeatable)', default: [] })
      .option('json', { type: 'boolean', describe: 'print the comparison as one JSON object (rows of figure, reported, simulated, relativeError, note)', default: false })
      .example('$0 import-csynth proj/solution1/syn/report/csynth.xml', 'the HLSTransform design for stories110M against its synthesis report')
      .example('$0 import-csynth csynth.xml --design my-design.json --model-shape stories42M --json', 'another design, as JSON')
      .example('$0 import-csynth fpgasim_matvec_csynth.xml --set kernels.matvec.partition.w.q.factor=64', 'one kernel\'s report against a what-if design'),
  handler: (args) => {
    const report = readCsynthReport(args.report);
    const design = loadDesign(args.design, args.set);
    const comparison = compareCsynth(report, simulateSteps(design, parseModelShape(args['model-shape']), args['model-shape']));
    process.stdout.write(args.json ? `${JSON.stringify(comparison)}\n` : formatComparison(comparison));
  },
};

function formatComparison(c: Comparison): string {
  const { report: r, simulated: s } = c;
  const out = [
    `${r.source}: ${r.top} on ${r.part}${r.vitisVersion ? `, Vitis HLS ${r.vitisVersion}` : ''}${r.clockUncertaintyNs !== null ? `, clock uncertainty ${r.clockUncertaintyNs} ns` : ''}`,
    `simulated: ${s.design} on ${s.device} (${s.part}) at ${+(s.clockHz / 1e6).toFixed(3)} MHz, ${s.model} (seq_len ${s.seqLen})`,
    `(decode step: the FPGA's cycles for one token, the host's share left out; first and last position: 0 and ${s.seqLen - 1})`,
    ...c.warnings.map((w) => `warning: ${w}`),
    '',
    formatTable(
      ['figure', 'reported', 'simulated', 'error', 'simulated as'],
      c.rows.map((row) => [row.figure, row.reported === null ? 'undef' : formatNumber(row.reported), row.simulated === null ? '-' : formatNumber(row.simulated), formatError(row.relativeError), row.note]),
    ),
  ];
  if (c.unmatchedLoops.length > 0) out.push('Loops with no simulator counterpart:', ...c.unmatchedLoops.map((u) => `  ${u}`), '');
  const median = c.summary.medianAbsRelativeError;
  out.push(
    `${c.summary.compared} figures compared, median |error| ${median === null ? '-' : `${(100 * median).toFixed(1)}%`}; ${c.unmatchedLoops.length} loop${c.unmatchedLoops.length === 1 ? '' : 's'} unmatched`,
  );
  return `${out.join('\n')}\n`;
}

/** Cycle counts as whole numbers with separators; small figures (clock periods in ns) with up to 3 decimals. */
function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: Math.abs(n) >= 1000 ? 0 : 3 });
}

function formatError(e: number | null): string {
  return e === null ? '-' : `${e >= 0 ? '+' : ''}${(100 * e).toFixed(1)}%`;
}
