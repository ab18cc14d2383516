// fpgasim merge: combine the output directories of a sharded sweep into one, checking that every shard is
// there, complete, and that no point is in two of them.
import type { CommandModule } from 'yargs';
import { mergeRuns } from '../../experiments/merge.js';

interface MergeArgs {
  dirs: string[];
  out: string;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs..>',
  describe: 'Merge the results directories of the shards of a sweep (all i/n of them) into one, in canonical order',
  builder: (yargs) =>
    yargs
      .positional('dirs', { type: 'string', array: true, describe: 'the shards\' --out directories', demandOption: true })
      .option('out', { type: 'string', describe: 'the merged results directory', demandOption: true })
      .example('$0 merge runs/frontier-1 runs/frontier-2 runs/frontier-3 --out runs/frontier', 'three shards of 3')
      .example('$0 merge runs/frontier-* --out runs/frontier', 'every shard, by shell glob'),
  handler: (args) => {
    const summary = mergeRuns(args.dirs, args.out);
    process.stdout.write(`${summary.experiment}: ${summary.points} points from ${summary.shards} director${summary.shards === 1 ? 'y' : 'ies'} merged into ${args.out}\n`);
  },
};
