// fpgasim synth-model: a seeded random Q8_0 checkpoint of any shape, for simulating models no one trained.
import type { CommandModule } from 'yargs';
import { check } from '../../kernels/errors.js';
import { defaultGroupSize, parseModelShape, MODEL_SHAPES } from '../../kernels/model/shapes.js';
import { synthModel } from '../../kernels/model/synth.js';
import { saveFileAtomically, writeQ8Checkpoint } from '../../kernels/model/write.js';

interface SynthModelArgs {
  shape: string;
  seed: number;
  'group-size': number | undefined;
  out: string;
}

export const synthModelCommand: CommandModule<object, SynthModelArgs> = {
  command: 'synth-model',
  describe: 'Write a seeded random Q8_0 (version 2) llama2.c checkpoint of a given shape',
  builder: (yargs) =>
    yargs
      .option('shape', {
        type: 'string',
        describe: `a preset (${Object.keys(MODEL_SHAPES).join(', ')}) or "dim,hidden_dim,n_layers,n_heads,n_kv_heads,vocab_size,seq_len"`,
        demandOption: true,
      })
      .option('seed', { type: 'number', describe: 'random seed: the same seed gives the same bytes', default: 0 })
      .option('group-size', {
        type: 'number',
        describe: 'values per int8 scale group; must divide dim and hidden_dim',
        defaultDescription: '64, halved until it divides dim and hidden_dim',
      })
      .option('out', { type: 'string', describe: 'checkpoint to write (replaced atomically)', demandOption: true })
      .example('$0 synth-model --shape stories110M --out synth110M.bin', 'a 116 MB model with HLSTransform\'s shape')
      .example('$0 synth-model --shape 16,48,2,4,2,64,32 --seed 7 --group-size 8 --out tiny.bin', 'a tiny GQA model for tests'),
  handler: ({ shape, seed, 'group-size': groupSize, out }) => {
    check(Number.isFinite(seed), `--seed ${seed} is not a number`);
    const config = parseModelShape(shape);
    const model = synthModel(config, { seed, groupSize: groupSize ?? defaultGroupSize(config) });
    const bytes = writeQ8Checkpoint(model);
    saveFileAtomically(out, bytes);
    process.stdout.write(`wrote ${out}: synthetic ${shape} Q8_0 model, seed ${seed}, group size ${model.weights.groupSize}, ${bytes.length} bytes\n`);
  },
};
