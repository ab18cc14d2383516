// Writes src/fpgasim_decode.cpp: the extern "C" kernel for `v++ -c`, one whole decode step over the kernel
// headers, with the design's interface, partitioning and storage pragmas (current UG1399 syntax).
import type { ArrayRole } from '../loops.js';
import type { ModelConfig } from '../model/types.js';
import { bundlesOf, imageStripes, onChipStorage, STRIPED_ROWS, type HlsConfig } from './config.js';
import { imageLayout, type ImageLayout } from './device-image.js';
import { activationPragmas, partitionPragmas } from './directives.js';
import { dataflowLayerBody, emitRegionFunctions } from './emit-dataflow.js';
import { topStep, type TopCall } from './top-calls.js';

export interface Port {
  name: string; // the argument: the array's name, with _<share> when the array is striped
  array: string; // the array the kernel calls name (weights_q, key_cache, ...)
  cType: string;
  role: ArrayRole;
  bundle: string;
  share: number | null; // which share of a striped array (row r is in share r % K), null when not striped
  elements: number; // the m_axi depth: what C/RTL co-simulation transfers
}

/** The arrays in device memory, in argument order; each is one port, or one per share when striped. */
export const DEVICE_ARRAYS: readonly { array: string; cType: string; role: ArrayRole; elements: (layout: ImageLayout, c: ModelConfig) => number }[] = [
  { array: 'weights_q', cType: 'const int8_t*', role: 'weights', elements: (layout) => layout.weightsQElements },
  { array: 'weights_s', cType: 'const float*', role: 'weights', elements: (layout) => layout.weightsSElements },
  { array: 'norms', cType: 'const float*', role: 'norm', elements: (layout) => layout.normElements },
  { array: 'embedding', cType: 'const float*', role: 'embedding', elements: (layout) => layout.embeddingElements },
  { array: 'key_cache', cType: 'float*', role: 'kv-cache', elements: (layout) => layout.cacheElements },
  { array: 'value_cache', cType: 'float*', role: 'kv-cache', elements: (layout) => layout.cacheElements },
  { array: 'logits', cType: 'float*', role: 'logits', elements: (_, c) => c.vocabSize },
];

/**
 * The m_axi ports of the top function, in argument order, with their depths for this model: one per array
 * in device memory (the KV cache only when it lives off chip), and one per share of a striped array.
 */
export function topPorts(hls: HlsConfig, model: ModelConfig): Port[] {
  const layout = imageLayout(model, hls.design.groupSize, imageStripes(hls));
  return DEVICE_ARRAYS.flatMap((a) => {
    const bundles = bundlesOf(hls, a.role);
    const striped = bundles.length > 1;
    return bundles.map((bundle, share) => ({
      name: striped ? `${a.array}_${share}` : a.array,
      array: a.array,
      cType: a.cType,
      role: a.role,
      bundle,
      share: striped ? share : null,
      elements: a.elements(layout, model),
    }));
  });
}

/** The parameter list of fpgasim_decode (shared by the definition and the prototype in fpgasim_config.h). */
export function topSignature(hls: HlsConfig, model: ModelConfig): string {
  return [...topPorts(hls, model).map((p) => `${p.cType} ${p.name}`), 'int token', 'int pos'].join(', ');
}

/** The bundles the top function's m_axi ports use, in port order, each once. */
export function usedBundles(hls: HlsConfig): string[] {
  return [...new Set(DEVICE_ARRAYS.flatMap((a) => bundlesOf(hls, a.role)))];
}

const pragma = (text: string): string => `#pragma HLS ${text}`;

function interfacePragmas(hls: HlsConfig, model: ModelConfig): string[] {
  const lines = topPorts(hls, model).map((port) => {
    const bundle = hls.design.bundles[port.bundle];
    return pragma(
      `INTERFACE mode=m_axi port=${port.name} offset=slave bundle=${port.bundle} depth=${port.elements} ` +
        `max_read_burst_length=${bundle.maxReadBurstBeats} num_read_outstanding=${bundle.maxOutstandingReads} max_widen_bitwidth=${bundle.widthBits}`,
    );
  });
  return [...lines, pragma('INTERFACE mode=s_axilite port=token'), pragma('INTERFACE mode=s_axilite port=pos'), pragma('INTERFACE mode=s_axilite port=return')];
}

/** A striped array's shares gathered under the array's name, which the kernel calls then use as one. */
function stripedArrays(hls: HlsConfig, model: ModelConfig): string[] {
  const ports = topPorts(hls, model).filter((p) => p.share !== null);
  const lines: string[] = [];
  for (const role of new Set(ports.map((p) => p.role))) {
    const bundles = bundlesOf(hls, role);
    const k = bundles.length;
    lines.push(`  // placement.${role} stripes ${STRIPED_ROWS[role]} over ${bundles.join(', ')}: row r is row r / ${k} of share r % ${k}`);
    const ofRole = ports.filter((p) => p.role === role);
    for (const array of new Set(ofRole.map((p) => p.array))) {
      const shares = ofRole.filter((p) => p.array === array);
      lines.push(`  const fpgasim_striped<${shares[0].cType.replace(/\*$/, '')}, ${k}> ${array} = {{${shares.map((p) => p.name).join(', ')}}};`);
    }
  }
  return lines.length > 0 ? [...lines, ''] : [];
}

function onChipCache(hls: HlsConfig, model: ModelConfig): string[] {
  const storage = onChipStorage(hls, 'kv-cache');
  if (storage === null) return [];
  const lines = [`  // placement.kv-cache: the KV cache stays on chip between calls (static), in ${storage}`];
  for (const name of ['key_cache', 'value_cache']) {
    const p = hls.design.kernels.attention.partition[name] ?? { type: 'none', factor: 1 };
    lines.push(`  static float ${name}[kCacheElements];`, ...partitionPragmas(name, p, imageLayout(model, hls.design.groupSize, imageStripes(hls)).cacheElements).map(pragma));
    if (p.type !== 'complete') lines.push(pragma(`BIND_STORAGE variable=${name} type=ram_2p impl=${storage}`));
  }
  return [...lines, ''];
}

const calls = (list: TopCall[], indent: string): string[] => list.map((c) => `${indent}${c.cpp}`);

export function emitTop(hls: HlsConfig, model: ModelConfig): string {
  const step = topStep();
  const dataflow = hls.design.composition === 'dataflow';
  const layer = dataflow ? dataflowLayerBody(model, hls.design.groupSize) : step.layer.map((c) => c.cpp);
  const body = [...calls(step.before, '  '), 'layers:', '  for (int l = 0; l < N_LAYERS; l++) {', ...layer.map((line) => `    ${line}`), '  }', ...calls(step.after, '  ')];
  const activations: string[] = [];
  for (const a of activationPragmas(hls, model)) {
    // a DATAFLOW design streams some activations between tasks: an array no statement names is not declared
    if (!body.some((line) => new RegExp(`\\b${a.array.name}\\b`).test(line))) continue;
    activations.push(`  ${a.array.cType} ${a.array.name}[${a.array.length}];  // ${a.array.meaning}; partitioning from ${a.source}`);
    activations.push(...a.pragmas.map(pragma));
  }
  return [
    `// Generated by fpgasim emit-hls from design "${hls.design.name}" (${hls.designSource}). Do not edit: emit again.`,
    '// One decode step of a Q8_0 Llama 2 model (kernels/step.ts): token at position pos -> logits.',
    '#include "fpgasim_config.h"',
    '',
    '#include "fpgasim_attention.h"',
    '#include "fpgasim_embed.h"',
    '#include "fpgasim_matvec.h"',
    '#include "fpgasim_quantize.h"',
    '#include "fpgasim_residual.h"',
    '#include "fpgasim_rmsnorm.h"',
    '#include "fpgasim_rope.h"',
    '#include "fpgasim_stream.h"',
    '#include "fpgasim_striped.h"',
    '#include "fpgasim_swiglu.h"',
    '',
    ...(dataflow ? emitRegionFunctions(model, hls.design.groupSize) : []),
    `extern "C" void fpgasim_decode(${topSignature(hls, model)}) {`,
    ...interfacePragmas(hls, model),
    '',
    ...stripedArrays(hls, model),
    ...onChipCache(hls, model),
    `  // activations on chip (placement.activation = ${onChipStorage(hls, 'activation')})`,
    ...activations,
    '',
    ...body,
    '}',
    '',
  ].join('\n');
}
