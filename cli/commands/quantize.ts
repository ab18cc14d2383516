// fpgasim quantize: a llama2.c float32 checkpoint -> version-2 Q8_0, byte-identical to llama2.c's export.py.
import type { CommandModule } from 'yargs';
import { check } from '../../kernels/errors.js';
import { quantizeModel } from '../../kernels/model/quantize-checkpoint.js';
import { loadModel } from '../../kernels/model/read.js';
import { defaultGroupSize } from '../../kernels/model/shapes.js';
import { saveFileAtomically, writeQ8Checkpoint } from '../../kernels/model/write.js';

interface QuantizeArgs {
  input: string;
  output: string;
  'group-size': number | undefined;
}

export const quantizeCommand: CommandModule<object, QuantizeArgs> = {
  command: 'quantize <input> <output>',
  describe: "Convert a llama2.c float32 checkpoint to version-2 Q8_0, byte for byte as llama2.c's export.py",
  builder: (yargs) =>
    yargs
      .positional('input', { type: 'string', describe: 'legacy float32 checkpoint (llama2.c run.c format)', demandOption: true })
      .positional('output', { type: 'string', describe: 'Q8_0 checkpoint to write (replaced atomically)', demandOption: true })
      .option('group-size', {
        type: 'number',
        describe: 'values per int8 scale group; must divide dim and hidden_dim',
        defaultDescription: '64, halved until it divides dim and hidden_dim',
      })
      .example('$0 quantize stories15M.bin stories15M_q80.bin', 'group size 32 (the default for dim 288, hidden_dim 768)')
      .example('$0 quantize stories260K.bin stories260K_q80_gs4.bin --group-size 4', 'the same bytes as export.py --version 2 --group-size 4'),
  handler: ({ input, output, 'group-size': groupSize }) => {
    const model = loadModel(input);
    check(model.weights.kind === 'f32', `${input}: already a Q8_0 (version 2) checkpoint; quantize takes a legacy float32 one`);
    const chosenGroupSize = groupSize ?? defaultGroupSize(model.config);
    const bytes = writeQ8Checkpoint(quantizeModel({ config: model.config, weights: model.weights }, chosenGroupSize));
    saveFileAtomically(output, bytes);
    process.stdout.write(`wrote ${output}: Q8_0, group size ${chosenGroupSize}, ${bytes.length} bytes\n`);
  },
};
