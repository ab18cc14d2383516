// fpgasim pareto: the Pareto front of a sweep's feasible points (tokens/s up, J/token and a resource's
// utilization down), written to DIR/pareto.json and printed; --top K ranks the best K by one objective.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { check } from '../../kernels/errors.js';
import {
  ENERGY_PER_TOKEN,
  paretoFront,
  rankingObjective,
  RESOURCE_CHOICES,
  resourceObjective,
  TOKENS_PER_SECOND,
  topBy,
  withHeadroom,
  type Objective,
  type ResourceChoice,
} from '../../experiments/pareto.js';
import { isFeasible, type OkRecord } from '../../experiments/record.js';
import { readResults, RESULTS_FILE } from '../../experiments/results-file.js';
import { experimentOfRun, readRunInfo } from '../../experiments/run-dir.js';
import { bestDesignJson } from '../../experiments/save-design.js';
import { bandNotes } from '../../experiments/validation/validate.js';
import { formatTable } from '../table.js';

interface ParetoArgs {
  dir: string;
  resource: ResourceChoice;
  top: number | undefined;
  by: string;
  'save-design': string | undefined;
  'max-utilization': number;
}

const params = (r: OkRecord) => Object.entries(r.params).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');

function table(records: readonly OkRecord[], resource: Objective): string {
  return formatTable(
    ['point', 'tokens/s', 'of bound', 'J/token', 'W', resource.name, 'parameters'],
    records.map((r) => [
      String(r.index),
      r.tokensPerSecond.toFixed(1),
      `${(100 * r.fractionOfBound).toFixed(1)}%`,
      r.energyPerTokenJ.toFixed(4),
      r.powerW.toFixed(1),
      `${(100 * resource.value(r)).toFixed(1)}%`,
      params(r),
    ]),
  );
}

export const paretoCommand: CommandModule<object, ParetoArgs> = {
  command: 'pareto <dir>',
  describe: 'The Pareto front (max tokens/s, min J/token, min a resource) of a sweep\'s feasible points, into DIR/pareto.json',
  builder: (yargs) =>
    yargs
      .positional('dir', { type: 'string', describe: 'a sweep\'s --out directory', demandOption: true })
      .option('resource', { choices: RESOURCE_CHOICES, describe: 'the resource whose utilization is minimized (max: the fullest one)', default: 'max' as ResourceChoice })
      .option('top', { type: 'number', describe: 'also print the best K feasible points by --by' })
      .option('by', { type: 'string', describe: `the objective --top ranks by: tokensPerSecond, energyPerTokenJ, powerW, or a resource (${RESOURCE_CHOICES.join(', ')})`, default: 'tokensPerSecond' })
      .option('max-utilization', { type: 'number', describe: 'count as feasible only points using at most this % of every resource (routing headroom)', default: 100 })
      .option('save-design', { type: 'string', describe: 'write the design of the best feasible point by --by to this .json file' })
      .example('$0 pareto runs/frontier', 'the front, using the fullest resource')
      .example('$0 pareto runs/frontier --resource dsp --top 5 --by energyPerTokenJ', 'DSP as the cost, and the 5 most frugal designs')
      .example('$0 pareto runs/frontier --max-utilization 80 --save-design designs/vu9p-frontier.json', 'keep the fastest design with 20% headroom as a design file'),
  handler: (args) => {
    check(args.top === undefined || (Number.isInteger(args.top) && args.top >= 1), `--top ${args.top} is not allowed (a whole number >= 1)`);
    const info = readRunInfo(args.dir);
    const { records } = readResults(join(args.dir, RESULTS_FILE), { repair: false });
    check(args['max-utilization'] > 0 && args['max-utilization'] <= 100, `--max-utilization ${args['max-utilization']} is not allowed (a percentage in (0, 100])`);
    const feasible = withHeadroom(records.filter(isFeasible), args['max-utilization'] / 100);
    const resource = resourceObjective(args.resource);
    const objectives = [TOKENS_PER_SECOND, ENERGY_PER_TOKEN, resource];
    const front = paretoFront(feasible, objectives);
    const out = {
      experiment: info.experiment.name,
      hash: info.hash,
      objectives: objectives.map((o) => ({ name: o.name, sense: o.sense })),
      points: records.length,
      maxUtilization: args['max-utilization'] / 100,
      feasible: feasible.length,
      front,
    };
    writeFileSync(join(args.dir, 'pareto.json'), `${JSON.stringify(out, null, 2)}\n`);
    const headroom = args['max-utilization'] < 100 ? ` (every resource at most ${args['max-utilization']}%)` : '';
    let text = `${String(info.experiment.name)}: ${feasible.length} feasible${headroom} of ${records.length} points; Pareto front of ${front.length} (tokens/s max, J/token min, ${resource.name} min) in ${join(args.dir, 'pareto.json')}\n\n${table(front, resource)}`;
    if (args.top !== undefined) {
      const by = rankingObjective(args.by);
      text += `\nBest ${args.top} by ${by.name} (${by.sense}):\n${table(topBy(feasible, by, args.top), resource)}`;
    }
    if (args['save-design'] !== undefined) {
      const by = rankingObjective(args.by);
      const [best] = topBy(feasible, by, 1);
      check(best !== undefined, `--save-design: ${args.dir} has no feasible point`);
      const json = bestDesignJson(experimentOfRun(args.dir, info), best, by.name);
      writeFileSync(args['save-design'], `${JSON.stringify(json, null, 2)}\n`);
      text += `\nSaved point ${best.index} (best by ${by.name}) as ${args['save-design']}\n`;
    }
    process.stdout.write(text);
    process.stdout.write(`${bandNotes().join('\n')}\n`);
  },
};
