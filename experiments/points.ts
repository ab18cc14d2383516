// The points of an experiment, in canonical order: the whole grid (the first parameter varies slowest), or a
// seeded random / Latin-hypercube sample of it; duplicates dropped, then the constraints applied. A point's
// index is its place in that order; its id is a hash of its parameter values, so a run can tell which
// points it has done whatever order they finished in.
import seedrandom from 'seedrandom';
import { FpgasimError } from '../kernels/errors.js';
import type { ModelConfig } from '../kernels/model/types.js';
import { parseModelShape } from '../kernels/model/shapes.js';
import type { Json } from '../sim/design/fields.js';
import { canonicalJson, sha256 } from './canonical.js';
import { holds, type PointView } from './constraints.js';
import type { Experiment } from './experiment.js';
import { settingsOf } from './parameters.js';

export interface Point {
  index: number; // place in the experiment's canonical order
  id: string; // 16 hex digits of sha256 of the canonical parameter values
  params: Record<string, Json>; // parameter key -> its value (a choice's name for choices)
}

export interface Enumeration {
  points: Point[];
  candidates: number; // points considered before the constraints
  removedBy: number[]; // per constraint: candidates it was the first to remove
}

/** A grid larger than this must be sampled: enumerating it would take longer than simulating a sample. */
export const MAX_GRID_POINTS = 10_000_000;

export function pointId(params: Record<string, Json>): string {
  return sha256(canonicalJson(params)).slice(0, 16);
}

export function enumeratePoints(experiment: Experiment): Enumeration {
  const radices = experiment.parameters.map((p) => p.levels.length);
  const gridSize = radices.reduce((a, b) => a * b, 1);
  let candidates: number[][];
  if (experiment.sample.method === 'grid') {
    if (gridSize > MAX_GRID_POINTS) {
      throw new FpgasimError(`${experiment.name}: the grid has ${gridSize.toLocaleString('en-US')} points, more than ${MAX_GRID_POINTS.toLocaleString('en-US')}: sample it (sample.method random or latin-hypercube)`);
    }
    candidates = gridLevels(radices, gridSize);
  } else {
    const rng = seedrandom(experiment.seed);
    const count = experiment.sample.count!;
    candidates = experiment.sample.method === 'random' ? randomLevels(radices, count, rng) : latinHypercubeLevels(radices, count, rng);
  }

  const configs = new Map<string, ModelConfig>();
  const configOf = (model: string) => configs.get(model) ?? configs.set(model, parseModelShape(model)).get(model)!;
  const removedBy = experiment.constraints.map(() => 0);
  const seen = new Set<string>();
  const points: Point[] = [];
  for (const levels of candidates) {
    const params: Record<string, Json> = {};
    experiment.parameters.forEach((p, d) => (params[p.key] = p.levels[levels[d]]));
    const id = pointId(params);
    if (seen.has(id)) continue;
    seen.add(id);
    const settings = new Map(settingsOf(experiment.parameters, params).map((s) => [s.path, s.value]));
    const view: PointView = {
      tokens: (settings.get('tokens') ?? experiment.tokens) as number,
      config: configOf(String(settings.get('model') ?? experiment.model)),
      settings,
      baseDesign: experiment.design,
    };
    const failed = experiment.constraints.findIndex((c, i) => !holds(c, view, `${experiment.name}: constraints[${i}] ${c.text}`));
    if (failed >= 0) removedBy[failed]++;
    else points.push({ index: points.length, id, params });
  }
  if (points.length === 0) {
    const worst = removedBy.indexOf(Math.max(...removedBy));
    throw new FpgasimError(
      `${experiment.name}: the constraints remove every one of the ${seen.size} points (constraints[${worst}] ${experiment.constraints[worst].text} removes ${removedBy[worst]})`,
    );
  }
  return { points, candidates: seen.size, removedBy };
}

/** Every combination of levels, the last parameter varying fastest. */
function gridLevels(radices: number[], size: number): number[][] {
  const out: number[][] = [];
  for (let n = 0; n < size; n++) {
    const levels = new Array<number>(radices.length);
    let rest = n;
    for (let d = radices.length - 1; d >= 0; d--) {
      levels[d] = rest % radices[d];
      rest = Math.floor(rest / radices[d]);
    }
    out.push(levels);
  }
  return out;
}

function randomLevels(radices: number[], count: number, rng: () => number): number[][] {
  return Array.from({ length: count }, () => radices.map((r) => Math.floor(rng() * r)));
}

/**
 * Latin hypercube over the levels: each parameter's [0, 1) is cut into `count` strata, every stratum used
 * once (in a seeded random order per parameter), a uniform draw inside it mapped to a level. Each level of a
 * parameter is then used about count / levels times, however the others fall.
 */
function latinHypercubeLevels(radices: number[], count: number, rng: () => number): number[][] {
  const strata = radices.map(() => {
    const order = Array.from({ length: count }, (_, i) => i);
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  });
  return Array.from({ length: count }, (_, i) => radices.map((r, d) => Math.floor(((strata[d][i] + rng()) / count) * r)));
}
