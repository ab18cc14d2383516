// fpgasim's command line: one file per command in cli/commands, registered here.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.js';
import { reportFailure } from './failure.js';

const cli = yargs(hideBin(process.argv))
  .scriptName('fpgasim')
  .usage('fpgasim <command> [options]\n\nSimulate int8 Llama 2 FPGA accelerators before you synthesize them.')
  .strict()
  .demandCommand(1, 'Name a command; `fpgasim --help` lists them.')
  .recommendCommands()
  .wrap(Math.min(110, process.stdout.columns || 110))
  .fail((message, error) => {
    reportFailure(error ?? new Error(message), !error);
  })
  .help()
  .alias('h', 'help')
  .version(false);

for (const command of commands) cli.command(command);

try {
  await cli.parseAsync();
} catch (error) {
  reportFailure(error, false);
}
