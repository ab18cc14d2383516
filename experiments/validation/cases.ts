// The validation corpus: public Vitis HLS results of small kernels (cases/*.json), each a kernel spec written
// from its source beside the figures its report gives, with the repository, commit and report it cites.
// Which cases fitted the model is not stated here: it is the union of the `fittedOn` lists in
// hw-models/calibration.ts, so the split cannot drift from what was really fitted.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FpgasimError } from '../../kernels/errors.js';
import * as calibration from '../../hw-models/calibration.js';
import type { Resources } from '../../hw-models/devices/types.js';
import { parseKernelSpec } from '../../sim/spec/load.js';
import type { KernelSpec } from '../../sim/spec/types.js';

export const CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'cases');

export interface ReportedLoop {
  trip?: number | null;
  ii?: number | null;
  iterationLatency?: number | null;
  latencyCycles?: number | null;
}

export interface ValidationCase {
  id: string;
  kernel: string;
  source: { repo: string; commit: string; sourcePaths: string[]; reportPaths: string[]; howRead?: string };
  reported: {
    tool: string;
    latencyCycles: { min: number; max: number } | null;
    intervalCycles?: { min: number; max: number } | null;
    loops?: Record<string, ReportedLoop>;
    resources: Partial<Resources>;
    postImplementation?: Partial<Resources> & { powerW?: { total?: number; dynamic?: number; static?: number } };
  };
  spec: KernelSpec;
  file: string;
}

/** Case ids any fitted mechanism of calibration.ts was fitted on. */
export function fittingCaseIds(): Set<string> {
  const ids = new Set<string>();
  for (const value of Object.values(calibration)) {
    if (value && typeof value === 'object' && 'fittedOn' in value) for (const id of (value as { fittedOn: string[] }).fittedOn) ids.add(id);
  }
  return ids;
}

export function loadCases(dir = CASES_DIR): ValidationCase[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return files.map((file) => {
    const path = join(dir, file);
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new FpgasimError(`${path}: not valid JSON (${(error as Error).message})`);
    }
    for (const key of ['id', 'kernel', 'source', 'reported', 'spec']) if (!(key in raw)) throw new FpgasimError(`${path}: missing ${key} (a validation case has id, kernel, source, reported and spec)`);
    return { ...(raw as unknown as Omit<ValidationCase, 'spec' | 'file'>), spec: parseKernelSpec(raw.spec, `${path}: spec`), file: path };
  });
}
