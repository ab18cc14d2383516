// Design points for the HLS emitter tests, built as plain Designs in an HlsConfig (no simulator needed):
// a fixed sequential one, and seeded random ones that vary everything the emitted C++ depends on.
import seedrandom from 'seedrandom';
import { describeDecodeStep } from '../../../kernels/describe-step.js';
import { locationOf, type Design, type KernelDirectives, type Partition } from '../../../kernels/design.js';
import type { HlsConfig } from '../../../kernels/hls/config.js';
import type { ArrayRole, KernelName, Loop } from '../../../kernels/loops.js';
import type { ModelConfig } from '../../../kernels/model/types.js';
import type { MathLibrary } from '../../../kernels/math/library.js';

/** Loop labels and array names of each kernel, read off the kernels' own descriptions. */
export const KERNEL_FACTS: ReadonlyMap<KernelName, { labels: string[]; arrays: string[] }> = (() => {
  const tiny = { dim: 8, hiddenDim: 16, nLayers: 1, nHeads: 2, nKvHeads: 1, vocabSize: 8, seqLen: 4 };
  const one = { matvec: 1, rmsnorm: 1, softmax: 1, attentionScore: 1, attentionValue: 1 };
  const facts = new Map<KernelName, { labels: string[]; arrays: string[] }>();
  const labels = (loops: Loop[]): string[] => loops.flatMap((l) => [l.label, ...labels(l.inner)]);
  for (const call of describeDecodeStep(tiny, 1, { groupSize: 4, accumulators: one })) {
    if (!facts.has(call.kernel)) facts.set(call.kernel, { labels: labels(call.loops), arrays: call.arrays.map((a) => a.name) });
  }
  return facts;
})();

/** Each role's location as a design file writes it ("gmem", ["gmem0", "gmem1"], "bram"). */
export const placementOf = (written: Record<ArrayRole, string | string[]>): Design['placement'] =>
  Object.fromEntries(Object.entries(written).map(([role, where]) => [role, locationOf(where)])) as Design['placement'];

const plainDirectives = (): KernelDirectives => ({ pipeline: [], ii: 1, unroll: {}, partition: {}, stage: [] });

/** Everything sequential, one bundle, activations in BRAM: the simplest point (glibc's math unless asked). */
export function sequentialPoint(groupSize: number, math: MathLibrary = 'glibc'): HlsConfig {
  const design: Design = {
    name: math === 'glibc' ? 'sequential-test' : `sequential-test-${math}`,
    description: 'the simplest point',
    device: 'vu9p-f1',
    clockHz: 250e6,
    groupSize,
    accumulators: { matvec: 1, rmsnorm: 1, softmax: 1, attentionScore: 1, attentionValue: 1 },
    math,
    composition: 'sequential',
    bundles: { gmem: { widthBits: 512, memory: 'DDR[0]', maxReadBurstBeats: 64, maxOutstandingReads: 16 } },
    placement: placementOf({ weights: 'gmem', embedding: 'gmem', norm: 'gmem', 'kv-cache': 'gmem', logits: 'gmem', activation: 'bram' }),
    activationPartition: { type: 'none', factor: 1 },
    kernels: Object.fromEntries([...KERNEL_FACTS.keys()].map((k) => [k, plainDirectives()])) as Record<KernelName, KernelDirectives>,
    host: { sampling: 'host', logitsToHost: true },
  };
  return { design, part: 'xcvu9p-flgb2104-2-i', designSource: 'test/kernels/hls/design-points.ts' };
}

const pick = <T>(rng: seedrandom.PRNG, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const subset = <T>(rng: seedrandom.PRNG, list: readonly T[], p: number): T[] => list.filter(() => rng() < p);
const between = (rng: seedrandom.PRNG, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

function randomPartition(rng: seedrandom.PRNG): Partition {
  const type = pick(rng, ['none', 'cyclic', 'block', 'complete'] as const);
  return { type, factor: type === 'cyclic' || type === 'block' ? pick(rng, [2, 3, 4, 8, 16, 64]) : 1 };
}

export interface DesignPoint {
  hls: HlsConfig;
  model: ModelConfig;
}

/** A small model shape (GQA most of the time) with a group size dividing dim and hidden_dim. */
function randomShape(rng: seedrandom.PRNG): { model: ModelConfig; groupSize: number } {
  const nKvHeads = pick(rng, [1, 2, 4]);
  const nHeads = nKvHeads * pick(rng, [1, 2, 2, 3]);
  const headSize = pick(rng, [2, 4, 6, 8]);
  const dim = nHeads * headSize;
  const groupSize = pick(rng, [1, 2, 4, 8, 16].filter((gs) => dim % gs === 0));
  const hiddenDim = groupSize * between(rng, Math.ceil(dim / groupSize), Math.ceil((3 * dim) / groupSize));
  const model = { dim, hiddenDim, nLayers: between(rng, 1, 2), nHeads, nKvHeads, vocabSize: between(rng, 8, 40), seqLen: between(rng, 4, 12) };
  return { model, groupSize };
}

const STAGEABLE: Partial<Record<KernelName, string[]>> = { matvec: ['w.q', 'w.s'], rmsnorm: ['weight'], attention: ['key_cache', 'value_cache'] };

const STRIPE_BUNDLES = ['gmem0', 'gmem1', 'gmem2', 'gmem3'];

/**
 * Stripes some of the point's weights, embedding and off-chip KV cache over 2 to 4 bundles in a random order,
 * adding bundles it lacks. Draws from its own rng, so the rest of the point is what it was without striping.
 */
function stripeSome(design: Design, rng: seedrandom.PRNG): void {
  for (const role of ['weights', 'embedding', 'kv-cache'] as const) {
    if (!design.placement[role].offChip || rng() < 0.3) continue;
    const order = STRIPE_BUNDLES.map((name) => ({ name, key: rng() })).sort((a, b) => a.key - b.key);
    const bundles = order.slice(0, between(rng, 2, 4)).map((b) => b.name);
    for (const name of bundles) {
      design.bundles[name] ??= { widthBits: pick(rng, [64, 256, 512]), memory: `DDR[${STRIPE_BUNDLES.indexOf(name)}]`, maxReadBurstBeats: 16, maxOutstandingReads: 16 };
    }
    design.placement[role] = { offChip: true, bundles };
  }
}

/**
 * A seeded random design point: accumulators, directives, bundles, placement, composition and shape; odd
 * points also stripe some roles over several bundles.
 */
export function randomPoint(rng: seedrandom.PRNG, index: number): DesignPoint {
  const { model, groupSize } = randomShape(rng);
  const acc = () => pick(rng, [1, 2, 3, 4, 5, 8, 16]);
  const bundleNames = ['gmem0', 'gmem1', 'gmem2'].slice(0, between(rng, 1, 3));
  const bundles = Object.fromEntries(
    bundleNames.map((name, i) => [
      name,
      { widthBits: pick(rng, [32, 64, 128, 256, 512]), memory: rng() < 0.5 ? `DDR[${i}]` : null, maxReadBurstBeats: pick(rng, [8, 16, 64, 256]), maxOutstandingReads: pick(rng, [4, 16, 32]) },
    ]),
  );
  const offChip = (): string => pick(rng, bundleNames);
  const placement: Record<ArrayRole, string> = {
    weights: offChip(),
    embedding: offChip(),
    norm: offChip(),
    logits: offChip(),
    'kv-cache': rng() < 0.3 ? pick(rng, ['bram', 'uram', 'lutram']) : offChip(),
    activation: pick(rng, ['bram', 'uram', 'lutram', 'registers']),
  };
  const kernels = {} as Record<KernelName, KernelDirectives>;
  for (const [kernel, { labels, arrays }] of KERNEL_FACTS) {
    kernels[kernel] = {
      pipeline: subset(rng, labels, 0.4),
      ii: pick(rng, [1, 1, 2, 3]),
      unroll: Object.fromEntries(subset(rng, labels, 0.3).map((label) => [label, pick(rng, [2, 3, 4, 8, 16])])),
      partition: Object.fromEntries(subset(rng, arrays, 0.3).map((array) => [array, randomPartition(rng)])),
      stage: subset(rng, STAGEABLE[kernel] ?? [], 0.5),
    };
  }
  const designSource = `test/kernels/hls/design-points.ts randomPoint #${index}`;
  const part = pick(rng, ['xcvu9p-flgb2104-2-i', 'xcu250-figd2104-2L-e', 'xcu280-fsvh2892-2L-e']);
  const design: Design = {
    name: `random-${index}`,
    description: designSource,
    device: 'vu9p-f1',
    clockHz: pick(rng, [150e6, 250e6, 300e6]),
    groupSize,
    accumulators: { matvec: acc(), rmsnorm: acc(), softmax: acc(), attentionScore: acc(), attentionValue: acc() },
    math: 'glibc', // not drawn from rng, so the points stay what they were; hls.test.ts adds a binary32 point
    composition: pick(rng, ['sequential', 'dataflow'] as const),
    bundles,
    placement: placementOf(placement),
    activationPartition: randomPartition(rng),
    kernels,
    host: { sampling: 'host', logitsToHost: true },
  };
  if (index % 2 === 1) stripeSome(design, seedrandom(`fpgasim emit-hls stripes ${index}`));
  return { hls: { design, part, designSource }, model };
}

/** Runs tasks at most `width` at a time (g++ is the bottleneck: one per core): task i waits for task i - width. */
export function pool<T>(tasks: (() => Promise<T>)[], width: number): Promise<T>[] {
  const settled: Promise<unknown>[] = [];
  return tasks.map((task, i) => {
    const result = (i < width ? Promise.resolve() : settled[i - width]).then(task);
    settled.push(result.catch(() => undefined));
    return result;
  });
}
