// Every command of the CLI, in the order `fpgasim --help` lists them.
import type { CommandModule } from 'yargs';
import { baselinesCommand } from './baselines.js';
import { devicesCommand } from './devices.js';
import { emitHlsCommand } from './emit-hls.js';
import { estimateCommand } from './estimate.js';
import { generateCommand } from './generate.js';
import { importCsynthCommand } from './import-csynth.js';
import { quantizeCommand } from './quantize.js';
import { mergeCommand } from './merge.js';
import { paretoCommand } from './pareto.js';
import { reportCommand } from './report.js';
import { simulateCommand } from './simulate.js';
import { startCommand } from './start.js';
import { sweepCommand } from './sweep.js';
import { synthModelCommand } from './synth-model.js';
import { validateHlsCommand } from './validate-hls.js';
import { validateModelCommand } from './validate-model.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  simulateCommand,
  baselinesCommand,
  devicesCommand,
  generateCommand,
  quantizeCommand,
  synthModelCommand,
  importCsynthCommand,
  estimateCommand,
  validateModelCommand,
  sweepCommand,
  mergeCommand,
  paretoCommand,
  reportCommand,
  emitHlsCommand,
  validateHlsCommand,
  startCommand,
];
