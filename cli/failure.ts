// How the CLI ends on an error: a user's mistake (a FpgasimError, or a yargs usage message) is one line
// naming what is wrong, exit 1 (usage: exit 2); anything else is a bug and keeps its stack.
import { FpgasimError } from '../kernels/errors.js';

export function reportFailure(error: unknown, isUsage: boolean): never {
  if (isUsage) {
    process.stderr.write(`fpgasim: ${(error as Error).message}\nRun with --help for the allowed options.\n`);
    process.exit(2);
  }
  if (error instanceof FpgasimError) {
    process.stderr.write(`fpgasim: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`fpgasim: internal error (please report): ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(70);
}
