// Writes src/fpgasim_decode.cpp: the extern "C" kernel for `v++ -c`, one whole decode step over the kernel
// headers, with the design's interface, partitioning and storage pragmas (current UG1399 syntax).
import type { ArrayRole } from '../loops.js';
import type { ModelConfig } from '../model/types.js';
import type { HlsConfig } from './config.js';
import { imageLayout } from './device-image.js';
import { activationPragmas } from './directives.js';
import { topStep, type TopCall } from './top-calls.js';

export interface Port {
  name: string;
  cType: string;
  role: ArrayRole;
  elements: number; // the m_axi depth: what C/RTL co-simulation transfers
}

/** The m_axi ports of the top function, in argument order (the KV cache only when it lives off-chip). */
export function topPorts(hls: HlsConfig, model: ModelConfig): Port[] {
  const layout = imageLayout(model, hls.groupSize);
  const cacheOffChip = hls.placement['kv-cache'] in hls.bundles;
  return [
    { name: 'weights_q', cType: 'const int8_t*', role: 'weights', elements: layout.weightsQElements },
    { name: 'weights_s', cType: 'const float*', role: 'weights', elements: layout.weightsSElements },
    { name: 'norms', cType: 'const float*', role: 'norm', elements: layout.normElements },
    { name: 'embedding', cType: 'const float*', role: 'embedding', elements: model.vocabSize * model.dim },
    ...(cacheOffChip
      ? [
          { name: 'key_cache', cType: 'float*', role: 'kv-cache' as const, elements: layout.cacheElements },
          { name: 'value_cache', cType: 'float*', role: 'kv-cache' as const, elements: layout.cacheElements },
        ]
      : []),
    { name: 'logits', cType: 'float*', role: 'logits', elements: model.vocabSize },
  ];
}

/** The bundles the top function's m_axi ports use, in port order, each once. */
export function usedBundles(hls: HlsConfig): string[] {
  const roles: ArrayRole[] = ['weights', 'norm', 'embedding', 'kv-cache', 'logits'];
  return [...new Set(roles.map((role) => hls.placement[role]).filter((where) => where in hls.bundles))];
}

/** The parameter list of fpgasim_decode (shared by the definition and the prototype in fpgasim_config.h). */
export function topSignature(hls: HlsConfig): string {
  // the ports' types do not depend on the shape; any model gives the same list
  const ports = topPorts(hls, { dim: 2, hiddenDim: 2, nLayers: 1, nHeads: 1, nKvHeads: 1, vocabSize: 1, seqLen: 1 });
  return [...ports.map((p) => `${p.cType} ${p.name}`), 'int token', 'int pos'].join(', ');
}

const pragma = (text: string): string => `#pragma HLS ${text}`;

function interfacePragmas(hls: HlsConfig, model: ModelConfig): string[] {
  const lines = topPorts(hls, model).map((port) => {
    const bundleName = hls.placement[port.role];
    const bundle = hls.bundles[bundleName];
    return pragma(
      `INTERFACE mode=m_axi port=${port.name} offset=slave bundle=${bundleName} depth=${port.elements} ` +
        `max_read_burst_length=${bundle.maxReadBurstBeats} num_read_outstanding=${bundle.maxOutstandingReads} max_widen_bitwidth=${bundle.widthBits}`,
    );
  });
  return [...lines, pragma('INTERFACE mode=s_axilite port=token'), pragma('INTERFACE mode=s_axilite port=pos'), pragma('INTERFACE mode=s_axilite port=return')];
}

function onChipCache(hls: HlsConfig): string[] {
  const storage = hls.placement['kv-cache'];
  if (storage in hls.bundles) return [];
  const lines = ['  // placement.kv-cache: the KV cache stays on chip between calls (static), in ' + storage];
  for (const name of ['key_cache', 'value_cache']) {
    const p = hls.kernels.attention.partition[name];
    lines.push(`  static float ${name}[kCacheElements];`);
    if (p && p.type === 'complete') lines.push(pragma(`ARRAY_PARTITION variable=${name} type=complete dim=1`));
    else if (p && p.type !== 'none' && p.factor > 1) lines.push(pragma(`ARRAY_PARTITION variable=${name} type=${p.type} factor=${p.factor} dim=1`));
    if (!p || p.type !== 'complete') lines.push(pragma(`BIND_STORAGE variable=${name} type=ram_2p impl=${storage}`));
  }
  return [...lines, ''];
}

const calls = (list: TopCall[], indent: string): string[] => list.map((c) => `${indent}${c.cpp}`);

export function emitTop(hls: HlsConfig, model: ModelConfig): string {
  const step = topStep();
  const activations: string[] = [];
  for (const a of activationPragmas(hls, model)) {
    activations.push(`  ${a.array.cType} ${a.array.name}[${a.array.length}];  // ${a.array.meaning}; partitioning from ${a.source}`);
    activations.push(...a.pragmas.map(pragma));
  }
  const dataflow =
    hls.composition === 'dataflow'
      ? [
          '    // composition "dataflow": the simulator overlaps these calls through FIFOs. This C++ keeps them',
          '    // sequential: the activation arrays are written and read by several calls, which a DATAFLOW region',
          '    // forbids, so no DATAFLOW pragma is emitted here; the numbers are the same either way.',
        ]
      : [];
  return [
    `// Generated by fpgasim emit-hls from design "${hls.designName}" (${hls.designSource}). Do not edit: emit again.`,
    '// One decode step of a Q8_0 Llama 2 model (kernels/forward.ts): token at position pos -> logits.',
    '#include "fpgasim_config.h"',
    '',
    '#include "fpgasim_attention.h"',
    '#include "fpgasim_embed.h"',
    '#include "fpgasim_matvec.h"',
    '#include "fpgasim_quantize.h"',
    '#include "fpgasim_residual.h"',
    '#include "fpgasim_rmsnorm.h"',
    '#include "fpgasim_rope.h"',
    '#include "fpgasim_swiglu.h"',
    '',
    `extern "C" void fpgasim_decode(${topSignature(hls)}) {`,
    ...interfacePragmas(hls, model),
    '',
    ...onChipCache(hls),
    `  // activations on chip (placement.activation = ${hls.placement.activation})`,
    ...activations,
    '',
    ...calls(step.before, '  '),
    'layers:',
    '  for (int l = 0; l < N_LAYERS; l++) {',
    ...dataflow,
    ...calls(step.layer, '    '),
    '  }',
    ...calls(step.after, '  '),
    '}',
    '',
  ].join('\n');
}
