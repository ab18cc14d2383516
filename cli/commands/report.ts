// fpgasim report: charts (vega-lite specs, SVG, PNG, CSV) and an index.html of simulation or sweep results.
// Without --from it makes its own records: the design (HLSTransform) simulated with its CPU and GPU
// baselines, and, unless --no-studies, the small studies the report's last charts draw: sequence length,
// model size, and a sample of a design space (by default the VU9P frontier study's).
import type { CommandModule } from 'yargs';
import { check } from '../../kernels/errors.js';
import { defaultGroupSize, MODEL_SHAPES, parseModelShape } from '../../kernels/model/shapes.js';
import { loadExperiment, parseExperiment, type Experiment } from '../../experiments/experiment.js';
import type { OkRecord } from '../../experiments/record.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluatePoint } from '../../experiments/evaluate.js';
import { enumeratePoints } from '../../experiments/points.js';
import type { Json } from '../../sim/design/fields.js';
import { DESIGNS_DIR, listDesignNames, loadDesign } from '../../sim/design/load.js';
import { simulate, type SimResult } from '../../sim/simulate.js';
import { fpgaRecordFromSweepLine, baselineRecordsFromSweepLine, recordsFromSimResult } from '../../reports/adapters.js';
import { readInputs, withPublished, type Inputs } from '../../reports/inputs.js';
import { writeReport, type ReportSummary } from '../../reports/write-report.js';
import { bandNotes } from '../../experiments/validation/validate.js';

interface ReportArgs {
  from: string[];
  out: string;
  design: string;
  'model-shape': string;
  tokens: number;
  studies: boolean;
  'design-space': string;
}

const SEQUENCE_LENGTHS = [64, 128, 256, 512, 1024];
const MODEL_SIZES = ['stories15M', 'stories42M', 'stories110M', 'llama2-7b'];

/** The design-space chart's default: a Latin-hypercube sample of the VU9P frontier study's space. */
const DESIGN_SPACE_STUDY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'experiments', 'studies', 'vu9p-frontier.json');
const DESIGN_SPACE_POINTS = 150;

export interface DefaultReportOptions {
  design: string; // a built-in design name or a design .json file
  modelShape: string;
  tokens: number;
  studies: boolean;
  /** The experiment whose space the design-space chart samples (its model and tokens become the report's). */
  designSpace?: string;
  log?: (line: string) => void;
  /** The design's simulation when the caller already has it (npm start prints it first). */
  headline?: SimResult;
}

/** Points of an inline experiment on the design, each simulated, as report records labelled by `label`. */
function study(o: DefaultReportOptions, name: string, parameters: Record<string, Json>, mode: 'flow' | 'analytic', label: (line: OkRecord) => string): Inputs {
  return simulated(parseExperiment({ name, design: o.design, model: o.modelShape, tokens: o.tokens, mode, parameters }, `built-in study ${name}`, DESIGNS_DIR), name, mode, label);
}

/** An experiment file's space, sampled, at the report's model and token count. */
function designSpaceStudy(o: DefaultReportOptions, path: string): Inputs {
  const file = loadExperiment(path);
  const resolved = { ...file.resolved, model: o.modelShape, tokens: o.tokens, mode: 'analytic', sample: { method: 'latin-hypercube', count: DESIGN_SPACE_POINTS } };
  const experiment = parseExperiment(resolved, `${path} (sampled for the report)`, dirname(path));
  // a point is named by its experiment and index, as `fpgasim sweep` numbers it: short enough for a bar label
  return simulated(experiment, 'design-space', 'analytic', (line) => `${file.name} #${line.index}`);
}

function simulated(experiment: Experiment, name: string, mode: 'flow' | 'analytic', label: (line: OkRecord) => string): Inputs {
  const lines = enumeratePoints(experiment).points.map((p) => evaluatePoint(experiment, p));
  const records = lines.flatMap((l) => (l.status === 'ok' ? [fpgaRecordFromSweepLine(l, label(l)), ...baselineRecordsFromSweepLine(l)] : []));
  const failed = lines.flatMap((l) => (l.status === 'error' ? [`${name} point ${l.index} (${JSON.stringify(l.params)}): ${l.error}`] : []));
  return { records, notes: [`${name}: ${records.length / 3} of ${lines.length} points simulated (${mode} timing)`, ...failed] };
}

/**
 * What `fpgasim report` shows without --from (and what `npm start` can pass to writeReport): the design
 * simulated (flow timing) with its baselines and the published figures, then, with `studies`, sequence
 * lengths up to the model's seq_len, models of four sizes (each with a group size it can use), and a small
 * sample of a design space (--design-space, analytic timing).
 */
export function defaultReportInputs(o: DefaultReportOptions): Inputs {
  const log = o.log ?? (() => {});
  const design = loadDesign(o.design);
  const config = parseModelShape(o.modelShape);
  const headline = o.headline ?? simulate({ design, config, modelName: o.modelShape, tokens: o.tokens, mode: 'flow' });
  log(`simulated ${design.name} on ${headline.device}, ${o.modelShape}, ${o.tokens} tokens: ${headline.fpga.tokensPerSecond.toFixed(2)} tokens/s`);
  const inputs: Inputs[] = [{ records: recordsFromSimResult(headline), notes: [`${design.name} on ${headline.device} (${headline.part}), ${o.modelShape}, ${o.tokens} tokens, flow timing`] }];
  if (o.studies) {
    const lengths = SEQUENCE_LENGTHS.filter((t) => t <= config.seqLen);
    inputs.push(study(o, 'sequence-length', { tokens: lengths }, 'flow', () => design.name));
    const models = Object.fromEntries(
      MODEL_SIZES.map((m) => {
        const shape = MODEL_SHAPES[m];
        return [m, { model: m, tokens: Math.min(o.tokens, shape.seqLen), groupSize: design.groupSize <= shape.dim && shape.dim % design.groupSize === 0 && shape.hiddenDim % design.groupSize === 0 ? design.groupSize : defaultGroupSize(shape) }];
      }),
    );
    inputs.push(study(o, 'model-size', { model: { choices: models } }, 'flow', () => design.name));
    inputs.push(designSpaceStudy(o, o.designSpace ?? DESIGN_SPACE_STUDY));
    log(`studies: ${inputs.slice(1).map((i) => i.notes[0]).join('; ')}`);
  }
  return withPublished({ records: inputs.flatMap((i) => i.records), notes: inputs.flatMap((i) => i.notes) });
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report',
  describe: 'Charts (vega-lite, SVG, PNG, CSV) and an HTML report of simulation or sweep results',
  builder: (yargs) =>
    yargs
      .option('from', {
        type: 'string',
        array: true,
        describe: 'results to report: fpgasim simulate --json output files and/or sweep directories (results.jsonl); default: simulate --design',
        default: [],
      })
      .option('out', { type: 'string', describe: 'directory to write the report into (created)', default: 'fpgasim-report' })
      .option('design', { type: 'string', describe: `without --from: the design to simulate (${listDesignNames().join(', ')}, or a .json file)`, default: 'hlstransform' })
      .option('model-shape', { type: 'string', describe: `without --from: the model shape (${Object.keys(MODEL_SHAPES).join(', ')})`, default: 'stories110M' })
      .option('tokens', { type: 'number', describe: 'without --from: positions to decode', default: 256 })
      .option('design-space', {
        type: 'string',
        describe: `without --from: the experiment whose space the design-space chart samples (${DESIGN_SPACE_POINTS} Latin-hypercube points at the report's model and tokens)`,
        default: DESIGN_SPACE_STUDY,
        defaultDescription: 'experiments/studies/vu9p-frontier.json',
      })
      .option('studies', { type: 'boolean', describe: 'without --from: also run the sequence-length, model-size and design-space studies (--no-studies: only the design)', default: true })
      .example('$0 report --out report', 'simulate HLSTransform and its baselines, run the small studies, chart everything')
      .example('$0 simulate --json --set clock="300 MHz" > fast.json && $0 report --from fast.json --out report-300', 'chart one simulation')
      .example('$0 sweep experiments/studies/vu9p-frontier.json --out runs/frontier && $0 report --from runs/frontier --out report-frontier', 'chart a sweep'),
  handler: async (args) => {
    check(Number.isInteger(args.tokens) && args.tokens >= 1, `--tokens ${args.tokens} is not allowed (a whole number >= 1)`);
    const log = (line: string) => process.stderr.write(`${line}\n`);
    const started = performance.now();
    const inputs =
      args.from.length > 0 ? readInputs(args.from) : defaultReportInputs({ design: args.design, modelShape: args['model-shape'], tokens: args.tokens, studies: args.studies, designSpace: args['design-space'], log });
    const summary = await writeReport(inputs.records, args.out, {
      generatedBy: `fpgasim report ${args.from.length > 0 ? args.from.map((f) => `--from ${f}`).join(' ') : `--design ${args.design} --model-shape ${args['model-shape']} --tokens ${args.tokens}${args.studies ? '' : ' --no-studies'}`}`,
      notes: [...inputs.notes, ...bandNotes()],
      log,
    });
    process.stdout.write(describeReport(summary, (performance.now() - started) / 1000));
  },
};

function describeReport(summary: ReportSummary, seconds: number): string {
  const missing = summary.missing.length ? `; not drawn: ${summary.missing.map((m) => m.id).join(', ')}` : '';
  return `wrote ${summary.charts.length} charts (${summary.charts.length * 4} files) and ${summary.indexHtml} in ${seconds.toFixed(1)} s${missing}\n`;
}
