// fpgasim simulate: what a design point does on its FPGA — tokens/s, J/token, fit, and why.
import type { CommandModule } from 'yargs';
import { check } from '../../kernels/errors.js';
import { loadModel } from '../../kernels/model/read.js';
import { MODEL_SHAPES, parseModelShape } from '../../kernels/model/shapes.js';
import { Sampler } from '../../kernels/sampling/sampler.js';
import { loadTokenizer } from '../../kernels/text/tokenizer.js';
import { listDesignNames, loadDesign } from '../../sim/design/load.js';
import { simulate, type SimulateOptions } from '../../sim/simulate.js';
import { formatSimulation } from '../simulate-report.js';
import { errorBands } from '../../experiments/validation/validate.js';

interface SimulateArgs {
  design: string;
  'model-shape': string;
  model: string | undefined;
  tokenizer: string | undefined;
  prompt: string;
  tokens: number;
  'timing-only': boolean;
  set: string[];
  mode: 'flow' | 'burst' | 'analytic';
  loops: boolean;
  json: boolean;
}

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: 'simulate',
  describe: 'Simulate a design point decoding tokens: tokens/s, power, J/token, resources, where the cycles go',
  builder: (yargs) =>
    yargs
      .option('design', { type: 'string', describe: `a built-in design (${listDesignNames().join(', ')}) or a design .json file`, default: 'hlstransform' })
      .option('model-shape', {
        type: 'string',
        describe: `model shape for timing only: ${Object.keys(MODEL_SHAPES).join(', ')}, or "dim,hidden,layers,heads,kv_heads,vocab,seq_len"`,
        default: 'stories110M',
      })
      .option('model', { type: 'string', describe: 'a Q8_0 checkpoint: also execute the kernels (bit-exact) and report the generated tokens' })
      .option('tokenizer', { type: 'string', describe: 'with --model: tokenizer.bin, to encode --prompt (default prompt: BOS only)' })
      .option('prompt', { type: 'string', describe: 'with --model and --tokenizer: the prompt to force before greedy decoding', default: '' })
      .option('tokens', { type: 'number', describe: 'positions to decode (1..seq_len)', default: 256 })
      .option('timing-only', { type: 'boolean', describe: 'with --model: use only its shape, skip the arithmetic', default: false })
      .option('set', { type: 'string', array: true, describe: 'override a design field: path=value (repeatable)', default: [] })
      .option('mode', { choices: ['flow', 'burst', 'analytic'] as const, describe: 'timing: flow-level events (default), burst-level events (detailed, small cases), or the closed form used by sweeps', default: 'flow' as const })
      .option('loops', { type: 'boolean', describe: 'print the per-loop table (trip, II, depth, why each II is what it is)', default: false })
      .option('json', { type: 'boolean', describe: 'print the whole result as one JSON object', default: false })
      .example('$0 simulate', 'the HLSTransform design, stories110M, 256 tokens, against the CPU and GPU')
      .example('$0 simulate --set clock="300 MHz" --set kernels.matvec.partition.w.q.factor=64 --loops', 'what if: faster clock, wider row buffer')
      .example('$0 simulate --model-shape llama2-7b --tokens 128 --json', 'a bigger model, as JSON')
      .example('$0 simulate --model stories260K_q80_gs4.bin --tokenizer tok512.bin --prompt "Once upon a time" --tokens 32 --set groupSize=4', 'execute the kernels while timing them'),
  handler: (args) => {
    const design = loadDesign(args.design, args.set);
    const functional = args.model !== undefined && !args['timing-only'];
    const model = args.model !== undefined ? loadModel(args.model) : null;
    const config = model ? model.config : parseModelShape(args['model-shape']);
    check(Number.isInteger(args.tokens), '--tokens must be a whole number of positions (1..seq_len)');
    const options: SimulateOptions = { design, config, modelName: args.model ?? args['model-shape'], tokens: args.tokens, mode: args.mode };
    if (functional && model) {
      const tokenizer = args.tokenizer ? loadTokenizer(args.tokenizer, config.vocabSize) : null;
      check(tokenizer || args.prompt === '', '--prompt needs --tokenizer to encode it');
      const promptTokens = tokenizer ? tokenizer.encode(args.prompt, { bos: true }) : [1];
      check(promptTokens.length <= args.tokens, `--prompt is ${promptTokens.length} tokens, more than --tokens ${args.tokens}`);
      options.functional = { model, promptTokens, sampler: new Sampler({ vocabSize: config.vocabSize, temperature: 0, topp: 0, seed: 1 }) };
    }
    const result = simulate(options);
    if (args.json) process.stdout.write(`${JSON.stringify({ ...result, errorBands: errorBands() })}\n`);
    else process.stdout.write(formatSimulation(result, { loops: args.loops }));
  },
};
