// Model shapes: the named presets (llama2.c's TinyStories models and Llama 2 7B), parsing a shape given on
// the command line, and the one validation every shape goes through, whether it comes from a flag or from a
// file header.
import { check, FpgasimError } from '../errors.js';
import type { ModelConfig } from './types.js';

type ShapeTuple = [dim: number, hiddenDim: number, nLayers: number, nHeads: number, nKvHeads: number, vocabSize: number, seqLen: number];

const fromTuple = ([dim, hiddenDim, nLayers, nHeads, nKvHeads, vocabSize, seqLen]: ShapeTuple): ModelConfig => ({
  dim,
  hiddenDim,
  nLayers,
  nHeads,
  nKvHeads,
  vocabSize,
  seqLen,
});

/** Named shapes: (dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len). */
export const MODEL_SHAPES: Readonly<Record<string, ModelConfig>> = {
  stories260K: fromTuple([64, 172, 5, 8, 4, 512, 512]),
  stories15M: fromTuple([288, 768, 6, 6, 6, 32000, 256]),
  stories42M: fromTuple([512, 1376, 8, 8, 8, 32000, 1024]),
  stories110M: fromTuple([768, 2048, 12, 12, 12, 32000, 1024]),
  // Not a released model: stories110M with grouped-query attention (12 query heads sharing 4 key/value
  // heads), so designs can be explored on a GQA shape of a familiar size.
  'stories110M-gqa': fromTuple([768, 2048, 12, 12, 4, 32000, 1024]),
  'llama2-7b': fromTuple([4096, 11008, 32, 32, 32, 32000, 4096]),
};

/** Largest dim fpgasim accepts (Llama 2 70B has 8192). */
export const MAX_DIM = 65_536;

/** The header's field names as llama2.c spells them, with the largest value fpgasim accepts. */
const FIELD_LIMITS: { field: keyof ModelConfig; name: string; max: number }[] = [
  { field: 'dim', name: 'dim', max: MAX_DIM },
  { field: 'hiddenDim', name: 'hidden_dim', max: 262_144 },
  { field: 'nLayers', name: 'n_layers', max: 1_024 },
  { field: 'nHeads', name: 'n_heads', max: 65_536 },
  { field: 'nKvHeads', name: 'n_kv_heads', max: 65_536 },
  { field: 'vocabSize', name: 'vocab_size', max: 1_000_000 },
  { field: 'seqLen', name: 'seq_len', max: 1_048_576 },
];

/**
 * Throws FpgasimError (one line naming the field and its value) unless config is a shape fpgasim can run:
 * every field an integer in 1..max, n_heads dividing dim, n_kv_heads dividing n_heads, and an even head
 * size (RoPE rotates pairs of values). The bounds keep every size computed from a header exact and small
 * enough to check against a file before anything is allocated.
 */
export function validateConfig(config: ModelConfig, source: string): void {
  for (const { field, name, max } of FIELD_LIMITS) {
    const value = config[field];
    check(Number.isInteger(value) && value >= 1 && value <= max, `${source}: ${name} ${value} is out of range (allowed 1..${max})`);
  }
  const { dim, nHeads, nKvHeads } = config;
  check(dim % nHeads === 0, `${source}: n_heads ${nHeads} does not divide dim ${dim}`);
  check(nHeads % nKvHeads === 0, `${source}: n_kv_heads ${nKvHeads} does not divide n_heads ${nHeads}`);
  const headSize = dim / nHeads;
  check(headSize % 2 === 0, `${source}: head size ${headSize} (dim ${dim} / n_heads ${nHeads}) is odd; RoPE needs an even head size`);
}

/** A preset name, or "dim,hidden,layers,heads,kv_heads,vocab,seq_len"; validated. */
export function parseModelShape(nameOrCsv: string): ModelConfig {
  const preset = MODEL_SHAPES[nameOrCsv];
  if (preset) return { ...preset };
  const fields = nameOrCsv.split(',');
  if (fields.length !== 7 || fields.some((field) => !/^\s*-?\d+\s*$/.test(field))) {
    throw new FpgasimError(
      `model shape '${nameOrCsv}' is neither a preset (${Object.keys(MODEL_SHAPES).join(', ')}) nor 7 integers "dim,hidden_dim,n_layers,n_heads,n_kv_heads,vocab_size,seq_len"`,
    );
  }
  const config = fromTuple(fields.map(Number) as ShapeTuple);
  validateConfig(config, `model shape '${nameOrCsv}'`);
  return config;
}

/** llama2.c export.py's choice: 64, halved until it divides dim (and, for fpgasim, hidden_dim too). */
export function defaultGroupSize(config: ModelConfig): number {
  let groupSize = 64;
  while (groupSize > 1 && (config.dim % groupSize !== 0 || config.hiddenDim % groupSize !== 0)) groupSize /= 2;
  return groupSize;
}

/**
 * Throws unless groupSize is a positive integer dividing dim and hidden_dim. llama2.c's runq.c silently
 * drops the tail of each row otherwise (DESIGN.md), so such files and flags are refused.
 */
export function validateGroupSize(config: ModelConfig, groupSize: number, source: string): void {
  check(
    Number.isInteger(groupSize) && groupSize >= 1 && groupSize <= config.dim,
    `${source}: group size ${groupSize} is out of range (allowed 1..dim ${config.dim})`,
  );
  const fits = (n: number) => n % groupSize === 0;
  const advice = `use a group size dividing both dim ${config.dim} and hidden_dim ${config.hiddenDim} (default ${defaultGroupSize(config)})`;
  check(fits(config.dim), `${source}: group size ${groupSize} does not divide dim ${config.dim}; ${advice}`);
  check(fits(config.hiddenDim), `${source}: group size ${groupSize} does not divide hidden_dim ${config.hiddenDim}; ${advice}`);
}
