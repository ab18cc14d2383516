// fpgasim generate: llama2.c's `run` — decode text from a checkpoint with the project's bit-exact kernels.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { Transformer } from '../../kernels/forward.js';
import { generate } from '../../kernels/generate.js';
import { check } from '../../kernels/errors.js';
import { loadModel } from '../../kernels/model/read.js';
import { Sampler } from '../../kernels/sampling/sampler.js';
import { checkMathLibrary, DEFAULT_MATH, MATH_LIBRARIES } from '../../kernels/math/library.js';
import { loadTokenizer, Utf8Stream } from '../../kernels/text/tokenizer.js';

interface GenerateArgs {
  model: string;
  tokenizer: string;
  prompt: string;
  steps: number | undefined;
  temperature: number;
  topp: number;
  seed: string;
  math: string;
  json: boolean;
  'dump-logits': string | undefined;
}

export const generateCommand: CommandModule<object, GenerateArgs> = {
  command: 'generate',
  describe: 'Generate text from a llama2.c checkpoint (Q8_0 version 2, or legacy float32) as llama2.c does',
  builder: (yargs) =>
    yargs
      .option('model', { type: 'string', describe: 'llama2.c checkpoint (.bin)', demandOption: true })
      .option('tokenizer', { type: 'string', describe: 'llama2.c tokenizer.bin whose vocabulary matches the model', demandOption: true })
      .option('prompt', { type: 'string', describe: 'text to start from', default: '' })
      .option('steps', {
        type: 'number',
        describe: 'positions to run, prompt included (1..seq_len); stops early when the model produces BOS',
        defaultDescription: 'min(256, seq_len)',
      })
      .option('temperature', { type: 'number', describe: '0 = greedy (argmax); higher = more random', default: 1.0 })
      .option('topp', { type: 'number', describe: 'top-p (nucleus) threshold in [0, 1]; 0 or 1 = plain sampling', default: 0.9 })
      .option('seed', { type: 'string', describe: 'xorshift64* seed, an unsigned 64-bit integer', default: '42' })
      .option('math', {
        type: 'string',
        describe: `the exp/sin/cos/pow of the kernels (${MATH_LIBRARIES.join(', ')}): glibc gives llama2.c's logits on glibc, binary32 the project's cheaper binary32 functions`,
        default: DEFAULT_MATH,
      })
      .option('json', { type: 'boolean', describe: 'print one JSON object: tokens, text, steps, tokensPerSecond', default: false })
      .option('dump-logits', { type: 'string', describe: 'write every position\'s logits as raw float32 little-endian rows of vocab_size values' })
      .example('$0 generate --model stories260K_q80_gs4.bin --tokenizer tok512.bin --prompt "Once upon a time" --steps 64 --temperature 0', 'greedy decoding, as llama2.c runq')
      .example('$0 generate --model model.bin --tokenizer tokenizer.bin --temperature 0.8 --topp 0.9 --seed 7 --json', 'sampled, as JSON'),
  handler: (args) => {
    const model = loadModel(args.model);
    const tokenizer = loadTokenizer(args.tokenizer, model.config.vocabSize);
    const steps = args.steps ?? Math.min(256, model.config.seqLen);
    check(Number.isInteger(steps) && steps >= 1 && steps <= model.config.seqLen, `--steps ${steps} is not allowed (1..${model.config.seqLen}, the model's seq_len)`);
    const sampler = new Sampler({ vocabSize: model.config.vocabSize, temperature: args.temperature, topp: args.topp, seed: args.seed });
    checkMathLibrary(args.math, '--math');
    const transformer = new Transformer(model, undefined, { math: args.math });
    const prompt = tokenizer.encode(args.prompt, { bos: true });
    check(prompt.length <= steps, `--prompt is ${prompt.length} tokens, more than --steps ${steps}; raise --steps`);

    const logitsFile = args['dump-logits'] === undefined ? null : openSync(args['dump-logits'], 'w');
    const stream = new Utf8Stream();
    let text = '';
    let firstStepAt = 0;
    let timedSteps = 0;
    try {
      const tokens = generate(transformer, sampler, prompt, steps, {
        onLogits: (pos, logits) => {
          if (logitsFile !== null) writeSync(logitsFile, new Uint8Array(logits.buffer, logits.byteOffset, logits.byteLength));
          // as llama2.c, time from the end of the first step, so model loading and warm-up are not counted
          if (pos === 0) firstStepAt = performance.now();
          else timedSteps++;
        },
        onToken: (prev, next) => {
          const piece = stream.push(tokenizer.decode(prev, next));
          text += piece;
          if (!args.json) process.stdout.write(piece);
        },
      });
      const tail = stream.end();
      text += tail;
      const seconds = (performance.now() - firstStepAt) / 1000;
      const tokensPerSecond = timedSteps > 0 ? timedSteps / seconds : 0;
      if (args.json) {
        process.stdout.write(`${JSON.stringify({ tokens, text, steps: tokens.length - 1, tokensPerSecond })}\n`);
      } else {
        process.stdout.write(`${tail}\n`);
        process.stderr.write(`achieved tok/s: ${tokensPerSecond.toFixed(2)}\n`);
      }
    } finally {
      if (logitsFile !== null) closeSync(logitsFile);
    }
  },
};
