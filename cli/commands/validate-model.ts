// fpgasim validate-model: every case of the validation corpus predicted, beside its public csynth figures.
import type { CommandModule } from 'yargs';
import { FIGURES, validateModel, type GroupSummary, type Validation } from '../../experiments/validation/validate.js';
import { formatTable } from '../table.js';

interface ValidateModelArgs {
  json: boolean;
}

export const validateModelCommand: CommandModule<object, ValidateModelArgs> = {
  command: 'validate-model',
  describe: 'Predict every public Vitis HLS case of the validation corpus and print the error of each figure, fitted and held-out cases apart',
  builder: (yargs) =>
    yargs
      .option('json', { type: 'boolean', describe: 'print every case and both summaries as one JSON object', default: false })
      .example('$0 validate-model', 'the table and the medians')
      .epilog('Cases: experiments/validation/cases (each cites its repository, commit and report). The fitting cases are those named by hw-models/calibration.ts; all others are held out.'),
  handler: (args) => {
    const v = validateModel();
    if (args.json) process.stdout.write(`${JSON.stringify({ ...v, cases: v.cases.map(({ estimate: _estimate, ...rest }) => rest) })}\n`);
    else process.stdout.write(formatValidation(v));
  },
};

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(3));
const pct = (e: number | null | undefined) => (typeof e === 'number' ? `${e >= 0 ? '+' : ''}${(100 * e).toFixed(0)}%` : '-');

function formatSummary(name: string, s: GroupSummary): string {
  const cells = FIGURES.map((f) => (s.medianAbsError[f] ? `${f} ${(100 * s.medianAbsError[f]!.median).toFixed(1)}% (n=${s.medianAbsError[f]!.n})` : `${f} -`));
  const ii = s.iiExact ? `; II exact on ${s.iiExact.exact} of ${s.iiExact.of} pipelined loops` : '';
  return `${name} (${s.cases} cases): median |error| ${cells.join(', ')}${ii}`;
}

function formatValidation(v: Validation): string {
  const rows = v.cases.map((c) => [
    c.id,
    c.group,
    ...FIGURES.map((f) => (c.figures[f] ? `${num(c.figures[f]!.predicted)} / ${num(c.figures[f]!.reported)} ${pct(c.figures[f]!.error)}` : '-')),
    c.loops.length ? `${c.loops.filter((l) => l.exact).length}/${c.loops.length}` : '-',
  ]);
  return [
    'predicted / reported (error) per figure; latency in cycles (worst case); dynamicPower in W (post-route report_power, vectorless)',
    '',
    formatTable(['case', 'group', ...FIGURES, 'II exact'], rows),
    formatSummary('fitting cases', v.fit),
    formatSummary('held-out cases', v.heldOut),
    '',
  ].join('\n');
}
