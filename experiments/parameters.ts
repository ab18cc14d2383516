// The parameters of an experiment: what each one varies and the values (levels) it takes.
//
//   "kernels.matvec.unroll.rows": [1, 2, 4]                         a list of values
//   "accumulators.matvec": { "from": 1, "to": 16, "times": 2 }       1, 2, 4, 8, 16 (a geometric range)
//   "clock": { "from": 200, "to": 300, "step": 50, "unit": "MHz" }  "200 MHz", "250 MHz", "300 MHz"
//   "channels": { "choices": { "1": { "placement.weights": "gmem0" }, "4": { ... } } }
//                                                                    named sets of fields that change together
//
// A parameter's key is a design path (design-path.ts), or 'model' (a shape name or "dim,hidden,...") or
// 'tokens'; a choices parameter's key is a free name, and its choices may set 'model' and 'tokens' too.
import { FpgasimError } from '../kernels/errors.js';
import type { Json } from '../sim/design/fields.js';
import { checkPathSyntax } from './design-path.js';

/** One field a point sets: a design path, 'model' or 'tokens'. */
export interface Setting {
  path: string;
  value: Json;
}

export type Parameter =
  | { kind: 'values'; key: string; levels: Json[] }
  | { kind: 'choices'; key: string; levels: string[]; choices: Record<string, Setting[]> };

/** Not design paths: the two fields of a point that are not in the design. */
export const POINT_FIELDS = ['model', 'tokens'] as const;

/** More levels than this in one parameter is a typo in a range, not a plan. */
const MAX_LEVELS = 100_000;

const isRecord = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseParameter(key: string, spec: unknown, where: string): Parameter {
  const at = `${where}: parameters.${key}`;
  if (Array.isArray(spec)) {
    if (spec.length === 0) throw new FpgasimError(`${at} is an empty list (give at least one value)`);
    checkSettingPath(key, at);
    return { kind: 'values', key, levels: spec as Json[] };
  }
  if (!isRecord(spec)) throw new FpgasimError(`${at} = ${JSON.stringify(spec)} is not allowed (a list, a range {from, to, step|times[, unit]}, or {choices: {...}})`);
  if ('choices' in spec) return parseChoices(key, spec, at);
  checkSettingPath(key, at);
  return { kind: 'values', key, levels: rangeLevels(spec, at) };
}

function checkSettingPath(path: string, at: string): void {
  if ((POINT_FIELDS as readonly string[]).includes(path)) return;
  try {
    checkPathSyntax(path);
  } catch (error) {
    throw new FpgasimError(`${at}: ${(error as Error).message}`);
  }
}

function parseChoices(key: string, spec: Record<string, Json>, at: string): Parameter {
  const extra = Object.keys(spec).filter((k) => k !== 'choices');
  if (extra.length > 0) throw new FpgasimError(`${at}: unknown key ${extra[0]} beside choices`);
  const raw = spec.choices;
  if (!isRecord(raw)) throw new FpgasimError(`${at}.choices is not allowed (an object: choice name -> {path: value, ...})`);
  const levels = Object.keys(raw);
  if (levels.length === 0) throw new FpgasimError(`${at}.choices is empty (give at least one choice)`);
  const choices: Record<string, Setting[]> = {};
  for (const label of levels) {
    const fields = raw[label];
    if (!isRecord(fields)) throw new FpgasimError(`${at}.choices.${label} is not allowed (an object of path: value)`);
    choices[label] = Object.entries(fields).map(([path, value]) => {
      checkSettingPath(path, `${at}.choices.${label}`);
      return { path, value };
    });
  }
  return { kind: 'choices', key, levels, choices };
}

function rangeLevels(spec: Record<string, Json>, at: string): Json[] {
  const known = ['from', 'to', 'step', 'times', 'unit'];
  const unknown = Object.keys(spec).find((k) => !known.includes(k));
  if (unknown !== undefined) throw new FpgasimError(`${at}: unknown key ${unknown} (a range has from, to, step or times, and an optional unit)`);
  const number = (name: string): number => {
    const v = spec[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new FpgasimError(`${at}.${name} = ${JSON.stringify(v)} is not allowed (a number)`);
    return v;
  };
  const from = number('from');
  const to = number('to');
  if (('step' in spec) === ('times' in spec)) throw new FpgasimError(`${at}: a range needs exactly one of step (arithmetic) or times (geometric)`);
  if (from > to) throw new FpgasimError(`${at} is an empty range (from ${from} is above to ${to})`);
  const unit = spec.unit;
  if (unit !== undefined && (typeof unit !== 'string' || unit === '')) throw new FpgasimError(`${at}.unit = ${JSON.stringify(unit)} is not allowed (a unit such as "MHz")`);
  const values: number[] = [];
  // each value computed from the start, rounded to 12 digits, so 0.1 steps give 0.3 and not 0.30000000000000004
  const tidy = (v: number) => Number(v.toPrecision(12));
  if ('step' in spec) {
    const step = number('step');
    if (!(step > 0)) throw new FpgasimError(`${at}.step = ${step} is not allowed (a positive step)`);
    for (let k = 0; tidy(from + k * step) <= to && values.length <= MAX_LEVELS; k++) values.push(tidy(from + k * step));
  } else {
    const times = number('times');
    if (!(times > 1) || !(from > 0)) throw new FpgasimError(`${at}: a geometric range needs from > 0 and times > 1 (got from ${from}, times ${times})`);
    for (let k = 0; tidy(from * times ** k) <= to && values.length <= MAX_LEVELS; k++) values.push(tidy(from * times ** k));
  }
  if (values.length > MAX_LEVELS) throw new FpgasimError(`${at} has more than ${MAX_LEVELS} values (check step)`);
  return unit === undefined ? values : values.map((v) => `${v} ${unit}`);
}

/** The fields a point sets, in parameter order (a later parameter wins over an earlier one on the same path). */
export function settingsOf(parameters: readonly Parameter[], params: Record<string, Json>): Setting[] {
  const settings: Setting[] = [];
  for (const p of parameters) {
    const value = params[p.key];
    if (p.kind === 'choices') settings.push(...p.choices[value as string]);
    else settings.push({ path: p.key, value });
  }
  return settings;
}
