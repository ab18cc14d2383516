// fpgasim emit-hls: a design point as a Vitis HLS project (C++ kernels, testbench, golden vectors, Tcl).
import { basename } from 'node:path';
import type { CommandModule } from 'yargs';
import { check } from '../../kernels/errors.js';
import { emitHlsProject } from '../../kernels/hls/project.js';
import { imageLayout } from '../../kernels/hls/device-image.js';
import { loadModel } from '../../kernels/model/read.js';
import { MODEL_SHAPES, parseModelShape } from '../../kernels/model/shapes.js';
import { synthModel } from '../../kernels/model/synth.js';
import type { Model, ModelConfig } from '../../kernels/model/types.js';
import { loadDevice } from '../../hw-models/devices/load.js';
import { checkDesignAgainst } from '../../sim/design/check.js';
import { listDesignNames, loadDesign } from '../../sim/design/load.js';
import { hlsConfigOf } from '../../sim/hls-config.js';

/** Largest device-memory image emit-hls writes golden data for (the bytes the host would copy to the card). */
const MAX_IMAGE_BYTES = 2 ** 30;

interface EmitHlsArgs {
  design: string;
  'model-shape': string | undefined;
  model: string | undefined;
  out: string;
  set: string[];
  tokens: number;
  seed: number;
}

function imageBytes(config: ModelConfig, groupSize: number): number {
  const layout = imageLayout(config, groupSize);
  return layout.weightsQElements + 4 * (layout.weightsSElements + layout.normElements + config.vocabSize * config.dim);
}

export const emitHlsCommand: CommandModule<object, EmitHlsArgs> = {
  command: 'emit-hls',
  describe: 'Write a design point as a Vitis HLS project: kernel C++, testbench, golden vectors, run_hls.tcl, connectivity.cfg',
  builder: (yargs) =>
    yargs
      .option('design', { type: 'string', describe: `a built-in design (${listDesignNames().join(', ')}) or a design .json file`, default: 'hlstransform' })
      .option('model-shape', { type: 'string', describe: `synthesize a seeded model of this shape for the golden data: ${Object.keys(MODEL_SHAPES).join(', ')}, or "dim,hidden,layers,heads,kv_heads,vocab,seq_len"` })
      .option('model', { type: 'string', describe: 'a Q8_0 (version 2) checkpoint whose weights the golden data uses' })
      .option('out', { type: 'string', describe: 'directory to write the project into', demandOption: true })
      .option('set', { type: 'string', array: true, describe: 'override a design field: path=value (repeatable)', default: [] })
      .option('tokens', { type: 'number', describe: 'decode steps in the golden data (greedy from BOS)', default: 3 })
      .option('seed', { type: 'number', describe: 'seed of the synthetic model and of the kernels\' random inputs', default: 0 })
      .conflicts('model', 'model-shape')
      .example('$0 emit-hls --model-shape stories15M --set groupSize=32 --out hls15M', 'HLSTransform\'s design; stories15M needs group size 32 (dim 288)')
      .example('$0 emit-hls --design my-design.json --model stories260K_q80_gs4.bin --set groupSize=4 --tokens 8 --out hls260K', 'a design file and a real model'),
  handler: (args) => {
    check(args.model !== undefined || args['model-shape'] !== undefined, 'give the model: --model-shape NAME (a seeded synthetic model) or --model FILE');
    check(Number.isInteger(args.seed), `--seed ${args.seed} is not a whole number`);
    const design = loadDesign(args.design, args.set);
    const device = loadDevice(design.device);
    const designSource = `${listDesignNames().includes(args.design) ? `designs/${args.design}.json` : args.design}${args.set.map((s) => ` --set ${s}`).join('')}`;

    let model: Model;
    let modelName: string;
    if (args.model !== undefined) {
      model = loadModel(args.model);
      modelName = basename(args.model);
      checkDesignAgainst(design, device, model.config);
    } else {
      const shape = args['model-shape'] as string;
      const config = parseModelShape(shape);
      checkDesignAgainst(design, device, config);
      const bytes = imageBytes(config, design.groupSize);
      check(
        bytes <= MAX_IMAGE_BYTES,
        `--model-shape ${shape}: its weights take ${(bytes / 2 ** 30).toFixed(1)} GiB in device memory, over emit-hls's 1 GiB limit for golden data; emit a smaller shape (the C++ is the same for any size)`,
      );
      process.stdout.write(`synthesizing a seeded ${shape} model (seed ${args.seed}, group size ${design.groupSize}) ...\n`);
      model = synthModel(config, { seed: args.seed, groupSize: design.groupSize });
      modelName = `synthetic ${shape} (seed ${args.seed})`;
    }
    process.stdout.write(`emitting design ${design.name} for ${modelName} into ${args.out}, golden data for ${args.tokens} decode steps ...\n`);
    if (design.math === 'vitis-hls') process.stdout.write('note: the design names Vitis\'s hls_math (priced as such); the emitted C++ calls fpgasim\'s glibc-compatible functions instead, bit-exact with the simulator\n');
    const result = emitHlsProject({ hls: hlsConfigOf(design, device, designSource), model, modelName, steps: args.tokens, seed: args.seed, outDir: args.out });
    process.stdout.write(
      `wrote ${args.out}: ${result.files.length} files, ${result.tests} golden tests (${result.goldenBytes.toLocaleString('en-US')} bytes); ` +
        `check it with: fpgasim validate-hls ${args.out}\n`,
    );
  },
};
