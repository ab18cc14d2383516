// emit-hls, step by step:
//
//   1. check       the design point and model fit what the emitted C++ can express (config.ts)
//   2. copy        the hand-written headers (include/) and testbench (tb/) unchanged
//   3. generate    src/fpgasim_config.h and src/fpgasim_decode.cpp from the design (emit-*.ts)
//   4. golden      each kernel's and whole decode steps' inputs and TypeScript outputs (golden.ts)
//   5. scripts     run_hls.tcl, connectivity.cfg and README.md
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '../errors.js';
import type { Model, Q8Weights } from '../model/types.js';
import { checkHlsConfig, emittedMath, imageStripes, type HlsConfig } from './config.js';
import { deviceImage, imageLayout } from './device-image.js';
import { emitConfigHeader } from './emit-config-header.js';
import { emitReadme } from './emit-readme.js';
import { emitConnectivity, emitRunTcl } from './emit-tcl.js';
import { emitTop } from './emit-top.js';
import { decodeTest, kernelTests, writeGolden } from './golden.js';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface EmitOptions {
  hls: HlsConfig;
  model: Model;
  modelName: string; // how the README and the testbench name the model
  steps: number; // decode steps in the golden data
  seed: number; // for the kernels' random inputs
  outDir: string;
}

export interface EmitResult {
  files: string[]; // relative to outDir
  tests: number;
  goldenBytes: number;
}

export function emitHlsProject(options: EmitOptions): EmitResult {
  const { hls, model, outDir } = options;
  // 1. check
  check(model.weights.kind === 'q8', `${options.modelName}: emit-hls needs a Q8_0 (version 2) model; quantize a float32 one with fpgasim quantize`);
  const q8 = model as Model & { weights: Q8Weights };
  check(
    q8.weights.groupSize === hls.design.groupSize,
    `${options.modelName} has group size ${q8.weights.groupSize} but the design's groupSize is ${hls.design.groupSize}: add --set groupSize=${q8.weights.groupSize}`,
  );
  checkHlsConfig(hls, model.config);
  const files: string[] = [];
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(outDir, path)), { recursive: true });
    writeFileSync(join(outDir, path), text);
    files.push(path);
  };
  const copy = (from: string, to: string) => {
    mkdirSync(dirname(join(outDir, to)), { recursive: true });
    copyFileSync(from, join(outDir, to));
    files.push(to);
  };

  // 2. copy
  for (const header of readdirSync(join(HERE, 'include')).filter((f) => f.endsWith('.h')).sort()) copy(join(HERE, 'include', header), join('include', header));
  copy(join(HERE, 'tb', 'tb.cpp'), join('tb', 'tb.cpp'));

  // 3. generate
  write(join('src', 'fpgasim_config.h'), emitConfigHeader(hls, model.config, options.modelName));
  write(join('src', 'fpgasim_decode.cpp'), emitTop(hls, model.config));

  // 4. golden
  const goldenDir = join(outDir, 'golden');
  rmSync(goldenDir, { recursive: true, force: true });
  const image = deviceImage(q8, imageLayout(model.config, hls.design.groupSize, imageStripes(hls)));
  const tests = [...kernelTests(q8, hls.design.accumulators, emittedMath(hls), options.seed, imageStripes(hls).kvCache), decodeTest(q8, hls.design.accumulators, emittedMath(hls), image, options.steps)];
  const goldenBytes = writeGolden(goldenDir, tests, `fpgasim golden vectors: design ${hls.design.name}, model ${options.modelName}, seed ${options.seed}`);
  files.push(join('golden', 'manifest.txt'));

  // 5. scripts
  write('run_hls.tcl', emitRunTcl(hls));
  write('connectivity.cfg', emitConnectivity(hls));
  write('README.md', emitReadme(hls, model.config, { modelName: options.modelName, steps: options.steps, tests: tests.length, goldenBytes }));
  return { files, tests: tests.length, goldenBytes };
}
