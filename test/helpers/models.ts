// Where the real llama2.c model files live for tests: $FPGASIM_MODELS, or ../shared/models beside the
// project. They are never copied into the project; tests that need one skip, saying which, when it is absent.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipNote } from './skip.js';

/** The project root (this file is test/helpers/models.ts). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The directory holding the real model files. */
export const MODELS_DIR = process.env.FPGASIM_MODELS ?? resolve(PROJECT_ROOT, '..', 'shared', 'models');

export interface ModelFile {
  path: string;
  present: boolean;
  /** For it.skipIf's test name: why the test is skipped ('' when the file is present). */
  missing: string;
}

/** A model file by name (e.g. 'stories260K.bin'), and whether it is there. */
export function modelFile(name: string): ModelFile {
  const path = join(MODELS_DIR, name);
  const present = existsSync(path);
  return { path, present, missing: skipNote(!present, `${name} is absent from ${MODELS_DIR}; set FPGASIM_MODELS`).trim() };
}
