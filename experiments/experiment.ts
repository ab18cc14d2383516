// An experiment file: a base design, a model shape, a token count, the parameters to vary, how to pick points
// from them, and constraints that prune the points before simulation. Everything is checked here, before any
// work starts, and every problem is one line naming the field.
//
// {
//   "name": "matvec-unroll",                 the experiment's name (also the default seed)
//   "description": "...",
//   "design": "hlstransform",                a built-in design, a .json path (relative to this file), or a design object
//   "set": { "clock": "300 MHz" },           fixed changes to the base design (optional)
//   "model": "stories110M", "tokens": 256,   the defaults of the 'model' and 'tokens' parameters
//   "mode": "analytic",                      analytic (closed form, default) or flow (event-driven)
//   "seed": "...",                           for random and Latin-hypercube samples (default: name)
//   "parameters": { path: levels, ... },     see parameters.ts
//   "sample": { "method": "grid" | "random" | "latin-hypercube", "count": 500 },   default: the whole grid
//   "constraints": [ { "divides": [...] } ]  see constraints.ts
// }
//
// The experiment as resolved (the base design inlined, `set` applied, the mode chosen) is what a run records in
// DIR/experiment.json and what its hash is taken of, so resume and merge can tell runs of it from others.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FpgasimError } from '../kernels/errors.js';
import { parseModelShape } from '../kernels/model/shapes.js';
import { DESIGNS_DIR, parseDesign } from '../sim/design/load.js';
import type { Json } from '../sim/design/fields.js';
import { canonicalJson, sha256 } from './canonical.js';
import { parseConstraint, type Constraint } from './constraints.js';
import { setPath } from './design-path.js';
import { parseParameter, type Parameter, type Setting } from './parameters.js';

export const SWEEP_MODES = ['analytic', 'flow'] as const;
export type SweepMode = (typeof SWEEP_MODES)[number];
export const SAMPLE_METHODS = ['grid', 'random', 'latin-hypercube'] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];

export interface Experiment {
  name: string;
  description: string;
  design: Json; // the base design's JSON, `set` applied
  model: string;
  tokens: number;
  mode: SweepMode;
  seed: string;
  parameters: Parameter[];
  sample: { method: SampleMethod; count: number | null };
  constraints: Constraint[];
  resolved: Record<string, Json>; // this experiment as a file that needs no other file
  hash: string; // sha256 of resolved's canonical JSON
}

const KEYS = ['name', 'description', 'design', 'set', 'model', 'tokens', 'mode', 'seed', 'parameters', 'sample', 'constraints'];
const REQUIRED = ['name', 'design', 'model', 'tokens', 'parameters'];

/** Reads and checks an experiment file; `mode` (the CLI's --mode) overrides the file's. */
export function loadExperiment(path: string, overrides: { mode?: SweepMode } = {}): Experiment {
  if (!existsSync(path)) throw new FpgasimError(`experiment file ${path} does not exist`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FpgasimError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (overrides.mode !== undefined && typeof raw === 'object' && raw !== null) (raw as Record<string, Json>).mode = overrides.mode;
  return parseExperiment(raw, path, dirname(resolve(path)));
}

export function parseExperiment(raw: unknown, source: string, baseDir: string): Experiment {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new FpgasimError(`${source}: an experiment is a JSON object`);
  const file = raw as Record<string, Json>;
  for (const key of Object.keys(file)) if (!KEYS.includes(key)) throw new FpgasimError(`${source}: unknown field ${key} (allowed: ${KEYS.join(', ')})`);
  for (const key of REQUIRED) if (!(key in file)) throw new FpgasimError(`${source}: missing field ${key}`);
  const text = (key: string, empty = false): string => {
    if (typeof file[key] !== 'string' || (file[key] === '' && !empty)) throw new FpgasimError(`${source}: ${key} = ${JSON.stringify(file[key])} is not allowed (a non-empty string)`);
    return file[key] as string;
  };
  const name = text('name');
  const description = 'description' in file ? text('description', true) : '';
  const seed = 'seed' in file ? text('seed') : name;
  const model = text('model');
  parseModelShape(model);
  const tokens = file.tokens;
  if (typeof tokens !== 'number' || !Number.isInteger(tokens) || tokens < 1) throw new FpgasimError(`${source}: tokens = ${JSON.stringify(tokens)} is not allowed (a whole number >= 1)`);
  const mode = (file.mode ?? 'analytic') as SweepMode;
  if (!SWEEP_MODES.includes(mode)) throw new FpgasimError(`${source}: mode = ${JSON.stringify(file.mode)} is not allowed (one of ${SWEEP_MODES.join(', ')})`);

  const design = baseDesign(file.design, file.set, source, baseDir);
  const parameters = parseParameters(file.parameters, source);
  for (const p of parameters) checkParameterFields(p, design, source);
  const sample = parseSample(file.sample, source);
  if (!Array.isArray(file.constraints ?? [])) throw new FpgasimError(`${source}: constraints is not allowed (a list of relations)`);
  const constraints = ((file.constraints ?? []) as Json[]).map((c, i) => parseConstraint(c, `${source}: constraints[${i}]`));

  const resolved: Record<string, Json> = { name, description, design, model, tokens, mode, seed, parameters: file.parameters, sample: file.sample ?? { method: 'grid' }, constraints: file.constraints ?? [] };
  return { name, description, design, model, tokens, mode, seed, parameters, sample, constraints, resolved, hash: sha256(canonicalJson(resolved)) };
}

function baseDesign(spec: Json, set: Json | undefined, source: string, baseDir: string): Json {
  let design: Json;
  if (typeof spec === 'string') {
    const builtIn = /^[\w.-]+$/.test(spec) && !spec.endsWith('.json');
    const path = builtIn ? join(DESIGNS_DIR, `${spec}.json`) : resolve(baseDir, spec);
    if (!existsSync(path)) throw new FpgasimError(`${source}: design = ${JSON.stringify(spec)} is not allowed (${builtIn ? 'no such built-in design' : `${path} does not exist`})`);
    try {
      design = JSON.parse(readFileSync(path, 'utf8')) as Json;
    } catch (error) {
      throw new FpgasimError(`${source}: design ${path} is not valid JSON (${(error as Error).message})`);
    }
  } else if (typeof spec === 'object' && spec !== null && !Array.isArray(spec)) {
    design = structuredClone(spec);
  } else {
    throw new FpgasimError(`${source}: design = ${JSON.stringify(spec)} is not allowed (a design name, a .json path, or a design object)`);
  }
  if (set !== undefined) {
    if (typeof set !== 'object' || set === null || Array.isArray(set)) throw new FpgasimError(`${source}: set is not allowed (an object of path: value)`);
    for (const [path, value] of Object.entries(set)) withPathContext(`${source}: set.${path}`, () => setPath(design, path, value));
  }
  withPathContext(`${source}: the base design`, () => parseDesign(design, 'design'));
  return design;
}

function parseParameters(raw: Json | undefined, source: string): Parameter[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new FpgasimError(`${source}: parameters is not allowed (an object: path -> values)`);
  return Object.entries(raw).map(([key, spec]) => parseParameter(key, spec, source));
}

/**
 * A parameter must name fields a design has: each of its levels (each choice) is applied alone to the base
 * design, and a key parseDesign does not know is a bad path. Other refusals (a value out of range, a bundle
 * not defined) may depend on the other parameters, so they are left to the points, which record them.
 */
function checkParameterFields(p: Parameter, design: Json, source: string): void {
  const trials: Setting[][] = p.kind === 'choices' ? Object.values(p.choices) : [[{ path: p.key, value: p.levels[0] }]];
  const at = `${source}: parameters.${p.key}`;
  for (const settings of trials) {
    const trial = structuredClone(design);
    for (const s of settings) {
      if (s.path === 'model') withPathContext(at, () => parseModelShape(String(s.value)));
      else if (s.path === 'tokens') {
        if (typeof s.value !== 'number' || !Number.isInteger(s.value) || s.value < 1) throw new FpgasimError(`${at}: tokens ${JSON.stringify(s.value)} is not a whole number >= 1`);
      } else withPathContext(at, () => setPath(trial, s.path, s.value));
    }
    try {
      parseDesign(trial, 'design');
    } catch (error) {
      const message = (error as Error).message;
      if (/: unknown key /.test(message)) throw new FpgasimError(`${at} sets a field designs do not have: ${message.replace(/^design: /, '')}`);
    }
  }
  if (p.kind === 'values' && p.key === 'model') for (const m of p.levels) withPathContext(at, () => parseModelShape(String(m)));
}

function parseSample(raw: Json | undefined, source: string): Experiment['sample'] {
  if (raw === undefined) return { method: 'grid', count: null };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new FpgasimError(`${source}: sample is not allowed (an object {method, count})`);
  const unknown = Object.keys(raw).find((k) => k !== 'method' && k !== 'count');
  if (unknown) throw new FpgasimError(`${source}: unknown field sample.${unknown} (allowed: method, count)`);
  const method = raw.method as SampleMethod;
  if (!SAMPLE_METHODS.includes(method)) throw new FpgasimError(`${source}: sample.method = ${JSON.stringify(raw.method)} is not allowed (one of ${SAMPLE_METHODS.join(', ')})`);
  if (method === 'grid') {
    if (raw.count !== undefined) throw new FpgasimError(`${source}: sample.count is not allowed with method grid (the grid is every point)`);
    return { method, count: null };
  }
  const count = raw.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 10_000_000) {
    throw new FpgasimError(`${source}: sample.count = ${JSON.stringify(count)} is not allowed (a whole number from 1 to 10,000,000)`);
  }
  return { method, count };
}

/** Runs f, prefixing a FpgasimError's message with where the offending value was written. */
function withPathContext<T>(at: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof FpgasimError) throw new FpgasimError(`${at}: ${error.message}`);
    throw error;
  }
}
