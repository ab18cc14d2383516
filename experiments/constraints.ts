// Constraints prune an experiment's points before anything is simulated. A small vocabulary, each a relation
// between two operands:
//
//   { "divides": [a, b] }    a divides b exactly         e.g. ["kernels.matvec.unroll.rows", "model.dim"]
//   { "atMost":  [a, b] }    a <= b                      e.g. ["tokens", "model.seqLen"]
//   { "atLeast": [a, b] }    a >= b
//   { "equal":   [a, b] }    a == b                      e.g. ["accumulators.matvec", "kernels.matvec.unroll.rows"]
//   { "notEqual": [a, b] }   a != b
//
// An operand is a number, 'tokens', 'model.<field>' (dim, hiddenDim, nLayers, nHeads, nKvHeads, vocabSize,
// seqLen, and the derived headSize = dim / nHeads and kvDim = dim x nKvHeads / nHeads), or a design path:
// the value a point's parameters give it, else the base design's. Every operand must come out a number.
import { FpgasimError } from '../kernels/errors.js';
import type { ModelConfig } from '../kernels/model/types.js';
import type { Json } from '../sim/design/fields.js';
import { getPath } from './design-path.js';

const RELATIONS = {
  divides: (a: number, b: number) => a !== 0 && b % a === 0,
  atMost: (a: number, b: number) => a <= b,
  atLeast: (a: number, b: number) => a >= b,
  equal: (a: number, b: number) => a === b,
  notEqual: (a: number, b: number) => a !== b,
} as const;

export type Relation = keyof typeof RELATIONS;
export type Operand = number | string;

export interface Constraint {
  relation: Relation;
  operands: [Operand, Operand];
  text: string; // as written, for messages
}

const MODEL_FIELDS: Record<string, (c: ModelConfig) => number> = {
  dim: (c) => c.dim,
  hiddenDim: (c) => c.hiddenDim,
  nLayers: (c) => c.nLayers,
  nHeads: (c) => c.nHeads,
  nKvHeads: (c) => c.nKvHeads,
  vocabSize: (c) => c.vocabSize,
  seqLen: (c) => c.seqLen,
  headSize: (c) => c.dim / c.nHeads,
  kvDim: (c) => (c.dim * c.nKvHeads) / c.nHeads,
};

export function parseConstraint(raw: unknown, at: string): Constraint {
  const text = JSON.stringify(raw);
  const keys = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? Object.keys(raw) : [];
  if (keys.length !== 1 || !(keys[0] in RELATIONS)) {
    throw new FpgasimError(`${at} = ${text} is not allowed (one relation: ${Object.keys(RELATIONS).join(', ')}, e.g. {"divides": ["kernels.matvec.unroll.rows", "model.dim"]})`);
  }
  const relation = keys[0] as Relation;
  const operands = (raw as Record<string, unknown>)[relation];
  if (!Array.isArray(operands) || operands.length !== 2 || operands.some((o) => typeof o !== 'number' && typeof o !== 'string')) {
    throw new FpgasimError(`${at}.${relation} = ${JSON.stringify(operands)} is not allowed (two operands, each a number or a path)`);
  }
  for (const o of operands) {
    if (typeof o === 'string' && o.startsWith('model.') && !(o.slice(6) in MODEL_FIELDS)) {
      throw new FpgasimError(`${at}: ${o} is not a model field (model.${Object.keys(MODEL_FIELDS).join(', model.')})`);
    }
  }
  return { relation, operands: operands as [Operand, Operand], text };
}

/** What an operand is read from for one candidate point. */
export interface PointView {
  tokens: number;
  config: ModelConfig;
  settings: Map<string, Json>; // path -> value the point's parameters give it
  baseDesign: Json;
}

export function operandValue(operand: Operand, view: PointView, at: string): number {
  if (typeof operand === 'number') return operand;
  let value: Json | undefined;
  if (operand === 'tokens') value = view.tokens;
  else if (operand.startsWith('model.')) value = MODEL_FIELDS[operand.slice(6)](view.config);
  else value = view.settings.has(operand) ? view.settings.get(operand) : getPath(view.baseDesign, operand);
  if (typeof value !== 'number') {
    throw new FpgasimError(
      value === undefined
        ? `${at}: ${operand} is neither set by a parameter nor a field of the base design`
        : `${at}: ${operand} is ${JSON.stringify(value)}, not a number`,
    );
  }
  return value;
}

export function holds(constraint: Constraint, view: PointView, at: string): boolean {
  const [a, b] = constraint.operands.map((o) => operandValue(o, view, at));
  return RELATIONS[constraint.relation](a, b);
}
