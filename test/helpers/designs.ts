// Design points for the simulator's tests: the HLSTransform design as raw JSON to edit (for the loader's
// error paths) or loaded with overrides, and small model shapes that simulate in milliseconds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelConfig } from '../../kernels/model/types.js';
import { DESIGNS_DIR, applySets, loadDesign, parseDesign } from '../../sim/design/load.js';
import type { Design } from '../../kernels/design.js';

/** The JSON of a design file, loosely typed so tests can reach any nested field. */
export type DesignJson = Record<string, any>;

/** designs/hlstransform.json as parsed JSON, before any checking. */
export function hlstransformJson(): DesignJson {
  return JSON.parse(readFileSync(join(DESIGNS_DIR, 'hlstransform.json'), 'utf8')) as DesignJson;
}

/** The HLSTransform design with `--set`-style overrides, e.g. hlstransform('clock=300 MHz'). */
export function hlstransform(...sets: string[]): Design {
  return loadDesign('hlstransform', sets);
}

/** The HLSTransform design after editing its JSON by hand (for what --set cannot say, or bad designs). */
export function hlstransformEdited(edit: (json: DesignJson) => void, sets: readonly string[] = []): Design {
  const json = hlstransformJson();
  edit(json);
  return parseDesign(applySets(json, sets), 'test design');
}

/** A tiny shape: every kernel runs, a step takes microseconds; group sizes 4, 8, 16 and 32 divide it. */
export const TINY_SHAPE: ModelConfig = { dim: 64, hiddenDim: 128, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 300, seqLen: 32 };

/** One transformer layer of stories15M (288, 768, 1 layer, 6 heads, 6 kv heads, 32,000 tokens, seq_len 256). */
export const STORIES15M_ONE_LAYER: ModelConfig = { dim: 288, hiddenDim: 768, nLayers: 1, nHeads: 6, nKvHeads: 6, vocabSize: 32000, seqLen: 256 };
