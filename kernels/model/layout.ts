// The order of the tensors in each llama2.c file format, written down once: the readers, the writers and the
// expected-size check all walk the same list of sections, so they cannot disagree.
import { kvDim, headSize, type ModelConfig } from './types.js';

export const LAYER_MATRICES = ['wq', 'wk', 'wv', 'wo', 'w1', 'w2', 'w3'] as const;
export type LayerMatrix = (typeof LAYER_MATRICES)[number];
export type NormField = 'rmsAtt' | 'rmsFfn' | 'rmsFinal';

/** One contiguous run of a file: float32 norms, one weight matrix, or data fpgasim does not use. */
export type Section =
  | { kind: 'norm'; field: NormField; count: number }
  | { kind: 'matrix'; field: 'tokenEmbedding' | 'wcls'; count: number }
  | { kind: 'layerMatrix'; field: LayerMatrix; layer: number; count: number }
  | { kind: 'unused'; count: number }; // legacy freq_cis_real / freq_cis_imag (RoPE tables, recomputed)

/** (rows, cols) of each per-layer matrix, (out, in) as in PyTorch. */
export function layerMatrixShape(config: ModelConfig, name: LayerMatrix): [rows: number, cols: number] {
  const { dim, hiddenDim } = config;
  const shapes: Record<LayerMatrix, [number, number]> = {
    wq: [dim, dim],
    wk: [kvDim(config), dim],
    wv: [kvDim(config), dim],
    wo: [dim, dim],
    w1: [hiddenDim, dim],
    w2: [dim, hiddenDim],
    w3: [hiddenDim, dim],
  };
  return shapes[name];
}

function layerMatrices(config: ModelConfig, name: LayerMatrix): Section[] {
  const [rows, cols] = layerMatrixShape(config, name);
  return Array.from({ length: config.nLayers }, (_, layer) => ({ kind: 'layerMatrix', field: name, layer, count: rows * cols }));
}

/** Version 2 (Q8_0), after its 256-byte header: the float32 norms, then each quantized tensor (int8 then scales). */
export function q8Sections(config: ModelConfig, sharedClassifier: boolean): Section[] {
  const { dim, nLayers, vocabSize } = config;
  return [
    { kind: 'norm', field: 'rmsAtt', count: nLayers * dim },
    { kind: 'norm', field: 'rmsFfn', count: nLayers * dim },
    { kind: 'norm', field: 'rmsFinal', count: dim },
    { kind: 'matrix', field: 'tokenEmbedding', count: vocabSize * dim },
    ...LAYER_MATRICES.flatMap((name) => layerMatrices(config, name)),
    ...(sharedClassifier ? [] : [{ kind: 'matrix', field: 'wcls', count: vocabSize * dim } as const]),
  ];
}

/** llama2.c's legacy float32 format, after its 28-byte header (run.c's memory_map_weights order). */
export function legacySections(config: ModelConfig, sharedClassifier: boolean): Section[] {
  const { dim, nLayers, vocabSize, seqLen } = config;
  const ropeTable = (seqLen * headSize(config)) / 2;
  const matrices = (...names: LayerMatrix[]) => names.flatMap((name) => layerMatrices(config, name));
  return [
    { kind: 'matrix', field: 'tokenEmbedding', count: vocabSize * dim },
    { kind: 'norm', field: 'rmsAtt', count: nLayers * dim },
    ...matrices('wq', 'wk', 'wv', 'wo'),
    { kind: 'norm', field: 'rmsFfn', count: nLayers * dim },
    ...matrices('w1', 'w2', 'w3'),
    { kind: 'norm', field: 'rmsFinal', count: dim },
    { kind: 'unused', count: ropeTable },
    { kind: 'unused', count: ropeTable },
    ...(sharedClassifier ? [] : [{ kind: 'matrix', field: 'wcls', count: vocabSize * dim } as const]),
  ];
}

/** Bytes a section takes: float32 everywhere, except Q8_0 matrices (int8 values + a float32 per group). */
export function sectionBytes(section: Section, groupSize: number | undefined): number {
  const isQuantized = section.kind === 'matrix' || section.kind === 'layerMatrix';
  if (groupSize !== undefined && isQuantized) return section.count + (4 * section.count) / groupSize;
  return 4 * section.count;
}
