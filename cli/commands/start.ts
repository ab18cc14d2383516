// npm start: the main job on built-in defaults, with no network and no model files. It simulates the
// HLSTransform design (stories110M, 256 tokens) against the CPU and GPU baselines, prints the comparison,
// then writes the report (charts and index.html, with the small studies) and says where it is.
import type { CommandModule } from 'yargs';
import { MODEL_SHAPES } from '../../kernels/model/shapes.js';
import { loadDesign } from '../../sim/design/load.js';
import { simulate } from '../../sim/simulate.js';
import { writeReport } from '../../reports/write-report.js';
import { bandNotes } from '../../experiments/validation/validate.js';
import { formatSimulation } from '../simulate-report.js';
import { defaultReportInputs } from './report.js';

interface StartArgs {
  out: string;
}

const DESIGN = 'hlstransform';
const MODEL = 'stories110M';
const TOKENS = 256;

export const startCommand: CommandModule<object, StartArgs> = {
  command: 'start',
  describe: 'The main job (npm start): simulate HLSTransform against the CPU and GPU, print the comparison, write the report',
  builder: (yargs) =>
    yargs
      .option('out', { type: 'string', describe: 'where to write the report', default: 'out/report' })
      .example('$0 start', `${DESIGN}, ${MODEL}, ${TOKENS} tokens; the report goes to out/report/index.html`),
  handler: async ({ out }) => {
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const headline = simulate({ design: loadDesign(DESIGN), config: MODEL_SHAPES[MODEL], modelName: MODEL, tokens: TOKENS, mode: 'flow' });
    process.stdout.write(formatSimulation(headline, { loops: false }));
    log('\nwriting the report (the design, its baselines, and small sequence-length, model-size and design-space studies)...');
    const inputs = defaultReportInputs({ design: DESIGN, modelShape: MODEL, tokens: TOKENS, studies: true, log, headline });
    const summary = await writeReport(inputs.records, out, { generatedBy: 'npm start (fpgasim start)', notes: [...inputs.notes, ...bandNotes()], log });
    process.stdout.write(`\nReport: ${summary.indexHtml} (${summary.charts.length} charts as SVG, PNG, vega-lite and CSV)\n`);
  },
};
