// fpgasim validate-hls: prove with g++ that an emitted project computes, bit for bit, what the TypeScript
// kernels computed (and does so without memory errors or undefined behaviour).
import type { CommandModule } from 'yargs';
import { FpgasimError } from '../../kernels/errors.js';
import { validateHlsProject } from '../../kernels/hls/validate.js';

interface ValidateHlsArgs {
  dir: string;
  tokens: number | undefined;
  cxxflags: string;
  sanitize: boolean;
}

export const validateHlsCommand: CommandModule<object, ValidateHlsArgs> = {
  command: 'validate-hls <dir>',
  describe: 'Compile an emit-hls project with g++, run its testbench on the golden vectors, and require bit-exact results',
  builder: (yargs) =>
    yargs
      .positional('dir', { type: 'string', describe: 'the directory emit-hls wrote', demandOption: true })
      .option('tokens', { type: 'number', describe: 'decode steps to check (default: every step in the golden data)' })
      .option('cxxflags', { type: 'string', describe: 'extra g++ flags after the contract flags, so they can override them (write --cxxflags="-O0 ...": the value starts with a dash)', default: '' })
      .option('sanitize', { type: 'boolean', describe: 'also compile and run once under -fsanitize=address,undefined (--no-sanitize skips it)', default: true })
      .example('$0 validate-hls hls15M', 'g++ -O2 with -ffp-contract=off, then ASan/UBSan')
      .example('$0 validate-hls hls15M --tokens 1 --no-sanitize', 'one decode step, no sanitizers')
      .example('$0 validate-hls hls15M --cxxflags="-ffp-contract=fast -mfma"', 'see fused multiply-adds break bit-exactness'),
  handler: async (args) => {
    const log = (line: string) => process.stdout.write(`${line}\n`);
    const result = await validateHlsProject(args.dir, {
      steps: args.tokens,
      extraFlags: args.cxxflags.split(/\s+/).filter((flag) => flag !== ''),
      sanitize: args.sanitize,
      log,
    });
    log(
      `compared ${result.kernels} kernels and ${result.decodeSteps} decode steps: ${result.tensors} tensors, ` +
        `${result.bytes.toLocaleString('en-US')} bytes, ${result.mismatches} mismatched elements`,
    );
    if (!result.bitExact) {
      throw new FpgasimError(`not bit-exact: ${result.mismatches} mismatched elements, the first at ${result.firstMismatch}`);
    }
    log('bit-exact');
    if (typeof result.sanitizer === 'object') throw new FpgasimError(`sanitizer finding: ${result.sanitizer.finding}`);
    log(result.sanitizer === 'clean' ? 'sanitizers (address, undefined): no findings' : 'sanitizers: skipped (--no-sanitize)');
  },
};
