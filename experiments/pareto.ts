// Pareto fronts over a sweep's feasible points: maximize tokens/s, minimize J/token and minimize the
// utilization of one resource (or of the fullest one, 'max'). A point is on the front when no other point
// is at least as good in every objective and better in one.
import { FpgasimError } from '../kernels/errors.js';
import { RESOURCE_KEYS } from '../hw-models/devices/types.js';
import type { OkRecord } from './record.js';

export interface Objective {
  name: string;
  sense: 'max' | 'min';
  value: (r: OkRecord) => number;
}

export const RESOURCE_CHOICES = [...RESOURCE_KEYS, 'max'] as const;
export type ResourceChoice = (typeof RESOURCE_CHOICES)[number];

export function resourceObjective(resource: ResourceChoice): Objective {
  if (!RESOURCE_CHOICES.includes(resource)) throw new FpgasimError(`--resource ${resource} is not allowed (one of ${RESOURCE_CHOICES.join(', ')})`);
  return {
    name: resource === 'max' ? 'utilization of the fullest resource' : `${resource} utilization`,
    sense: 'min',
    value: resource === 'max' ? (r) => Math.max(...Object.values(r.utilization)) : (r) => r.utilization[resource],
  };
}

export const TOKENS_PER_SECOND: Objective = { name: 'tokensPerSecond', sense: 'max', value: (r) => r.tokensPerSecond };
export const ENERGY_PER_TOKEN: Objective = { name: 'energyPerTokenJ', sense: 'min', value: (r) => r.energyPerTokenJ };
export const POWER: Objective = { name: 'powerW', sense: 'min', value: (r) => r.powerW };

/** What --by may name: the objectives above, and any resource's utilization. */
export function rankingObjective(by: string): Objective {
  const named = [TOKENS_PER_SECOND, ENERGY_PER_TOKEN, POWER].find((o) => o.name === by);
  if (named) return named;
  if ((RESOURCE_CHOICES as readonly string[]).includes(by)) return resourceObjective(by as ResourceChoice);
  throw new FpgasimError(`--by ${by} is not allowed (one of tokensPerSecond, energyPerTokenJ, powerW, ${RESOURCE_CHOICES.join(', ')})`);
}

/**
 * Feasible points whose every resource stays at or below maxUtilization (a fraction): a design that fills
 * the chip to 99% fits on paper but rarely routes at its clock, so a front is usually asked with headroom.
 */
export function withHeadroom(records: readonly OkRecord[], maxUtilization: number): OkRecord[] {
  return records.filter((r) => Object.values(r.utilization).every((u) => u <= maxUtilization));
}

/** Better-first comparison on one objective. */
const better = (o: Objective) => (a: OkRecord, b: OkRecord) => (o.sense === 'max' ? o.value(b) - o.value(a) : o.value(a) - o.value(b));

/** The best `count` points by one objective, ties in canonical order. */
export function topBy(records: readonly OkRecord[], objective: Objective, count: number): OkRecord[] {
  return [...records].sort((a, b) => better(objective)(a, b) || a.index - b.index).slice(0, count);
}

/**
 * The non-dominated points, fastest first. Sorted lexicographically (best first on each objective in turn),
 * a point can only be dominated by one before it, and then by one already on the front: each point is
 * compared with the front only, not with every other point.
 */
export function paretoFront(records: readonly OkRecord[], objectives: readonly Objective[]): OkRecord[] {
  const order = [...records].sort((a, b) => objectives.reduce((c, o) => c || better(o)(a, b), 0) || a.index - b.index);
  const front: OkRecord[] = [];
  const dominates = (a: OkRecord, b: OkRecord) => {
    let strictly = false;
    for (const o of objectives) {
      const d = better(o)(a, b);
      if (d > 0) return false;
      if (d < 0) strictly = true;
    }
    return strictly;
  };
  for (const r of order) if (!front.some((f) => dominates(f, r))) front.push(r);
  return front;
}
