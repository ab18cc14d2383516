// Reading design points: designs/NAME.json or any file, with `--set path=value` overrides applied to the raw
// JSON before it is checked, so an override is checked exactly like the file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FpgasimError } from '../../kernels/errors.js';
import { describeDecodeStep } from '../../kernels/describe-step.js';
import type { ArrayRole, KernelName, Loop } from '../../kernels/loops.js';
import { MAX_ACCUMULATORS } from '../../kernels/reduction.js';
import { DEFAULT_MATH, DESIGN_MATH } from '../../kernels/math/library.js';
import { parseQuantity } from '../../hw-models/units.js';
import { Fields, type Json } from './fields.js';
import { locationOf, ON_CHIP_STORAGE as ON_CHIP, type Bundle, type Design, type KernelDirectives, type Location, type Partition, type PartitionType } from '../../kernels/design.js';

export const DESIGNS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'designs');

const ROLES: readonly ArrayRole[] = ['weights', 'embedding', 'norm', 'kv-cache', 'activation', 'logits'];
const PARTITION_TYPES: readonly PartitionType[] = ['none', 'cyclic', 'block', 'complete'];

/** Loop labels and array names of each kernel, read off the kernels' own descriptions of a tiny step. */
const KERNEL_NAMES = (() => {
  const tiny = { dim: 8, hiddenDim: 16, nLayers: 1, nHeads: 2, nKvHeads: 1, vocabSize: 8, seqLen: 4 };
  const one = { matvec: 1, rmsnorm: 1, softmax: 1, attentionScore: 1, attentionValue: 1 };
  const names = new Map<KernelName, { loops: Set<string>; arrays: Set<string> }>();
  const labels = (loops: Loop[], into: Set<string>): void => loops.forEach((l) => (into.add(l.label), labels(l.inner, into)));
  for (const call of describeDecodeStep(tiny, 1, { groupSize: 4, accumulators: one })) {
    const entry = names.get(call.kernel) ?? { loops: new Set(), arrays: new Set() };
    labels(call.loops, entry.loops);
    call.arrays.forEach((a) => entry.arrays.add(a.name));
    names.set(call.kernel, entry);
  }
  return names;
})();

export function kernelNames(): KernelName[] {
  return [...KERNEL_NAMES.keys()];
}

/** A design by name (designs/NAME.json) or by path, with overrides like 'kernels.matvec.ii=2' applied. */
export function loadDesign(nameOrPath: string, sets: readonly string[] = []): Design {
  const path = resolveDesignPath(nameOrPath);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FpgasimError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseDesign(applySets(raw, sets), path);
}

/** The built-in designs: designs/*.json by name. */
export function listDesignNames(): string[] {
  return readdirSync(DESIGNS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

function resolveDesignPath(nameOrPath: string): string {
  if (/^[\w.-]+$/.test(nameOrPath) && !nameOrPath.endsWith('.json')) {
    const builtIn = join(DESIGNS_DIR, `${nameOrPath}.json`);
    if (existsSync(builtIn)) return builtIn;
    throw new FpgasimError(`unknown design '${nameOrPath}' (built in: ${listDesignNames().join(', ')}; or give a path to a .json file)`);
  }
  const path = resolve(nameOrPath);
  if (!existsSync(path)) throw new FpgasimError(`design file ${nameOrPath} does not exist`);
  return path;
}

/**
 * Applies `path=value` overrides: the path is dotted (kernels.matvec.unroll.rows), the value is JSON when it
 * parses as JSON and a string otherwise (clock=300 MHz). Missing objects on the way are created, and the
 * result is checked like a file, so a typo is still an error (an unknown key, naming the allowed ones).
 * Keys may contain dots themselves (the array 'w.q' in kernels.matvec.partition.w.q.factor): at each level
 * the longest run of segments that names an existing key is taken.
 */
export function applySets(raw: unknown, sets: readonly string[]): unknown {
  const copy = structuredClone(raw) as Record<string, Json>;
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new FpgasimError(`--set ${JSON.stringify(set)}: expected path=value, e.g. kernels.matvec.ii=2 or clock="300 MHz"`);
    const segments = set.slice(0, eq).split('.');
    const text = set.slice(eq + 1);
    let value: Json;
    try {
      value = JSON.parse(text) as Json;
    } catch {
      value = text;
    }
    let node: Record<string, Json> = copy;
    let i = 0;
    for (;;) {
      const rest = segments.length - i;
      // the longest run of segments naming an existing key; the last key may be new (e.g. a new unroll entry)
      let length = rest;
      while (length > 0 && !(segments.slice(i, i + length).join('.') in node)) length--;
      if (length === rest || (length === 0 && rest === 1)) {
        node[segments.slice(i).join('.')] = value;
        break;
      }
      // a missing optional object (kernels.matvec.unroll) is created; parseDesign then checks what it holds
      if (length === 0) {
        node[segments[i]] = {};
        length = 1;
      }
      const child = node[segments.slice(i, i + length).join('.')];
      i += length;
      if (typeof child !== 'object' || child === null || Array.isArray(child)) throw new FpgasimError(`--set ${set}: ${segments.slice(0, i).join('.')} is not an object`);
      node = child;
    }
  }
  return copy;
}

/** Checks a design's JSON and converts its units; every problem is one line naming the field. */
export function parseDesign(raw: unknown, source: string): Design {
  const f = new Fields(source);
  const top = f.object(raw, '', [
    'name',
    'description',
    'device',
    'clock',
    'groupSize',
    'accumulators',
    'composition',
    'bundles',
    'placement',
    'activationPartition',
    'kernels',
    'host',
  ], ['math']);
  const clockHz = parseQuantity(top.clock, 'frequency', `${source}: clock`);
  if (!(clockHz >= 1e6 && clockHz <= 1e9)) f.fail('clock', top.clock, 'a clock from 1 MHz to 1 GHz');

  const acc = f.object(top.accumulators, 'accumulators', ['matvec', 'rmsnorm', 'softmax', 'attentionScore', 'attentionValue']);
  const accumulators = {
    matvec: f.integer(acc.matvec, 'accumulators.matvec', 1, MAX_ACCUMULATORS),
    rmsnorm: f.integer(acc.rmsnorm, 'accumulators.rmsnorm', 1, MAX_ACCUMULATORS),
    softmax: f.integer(acc.softmax, 'accumulators.softmax', 1, MAX_ACCUMULATORS),
    attentionScore: f.integer(acc.attentionScore, 'accumulators.attentionScore', 1, MAX_ACCUMULATORS),
    attentionValue: f.integer(acc.attentionValue, 'accumulators.attentionValue', 1, MAX_ACCUMULATORS),
  };

  const bundles = f.map(top.bundles, 'bundles', (v, path): Bundle => {
    const b = f.object(v, path, ['widthBits', 'memory', 'maxReadBurstBeats', 'maxOutstandingReads']);
    const widthBits = f.integer(b.widthBits, `${path}.widthBits`, 32, 512);
    if ((widthBits & (widthBits - 1)) !== 0) f.fail(`${path}.widthBits`, widthBits, 'a power of two from 32 to 512');
    return {
      widthBits,
      memory: b.memory === null ? null : f.string(b.memory, `${path}.memory`),
      maxReadBurstBeats: f.integer(b.maxReadBurstBeats, `${path}.maxReadBurstBeats`, 1, 256),
      maxOutstandingReads: f.integer(b.maxOutstandingReads, `${path}.maxOutstandingReads`, 1, 512),
    };
  });

  const placementRaw = f.object(top.placement, 'placement', ROLES);
  const placement = {} as Record<ArrayRole, Location>;
  const allowed = `a bundle (${Object.keys(bundles).join(', ') || 'none defined'}), a list of bundles to stripe over, or on-chip storage (${ON_CHIP.join(', ')})`;
  for (const role of ROLES) {
    const path = `placement.${role}`;
    const raw = placementRaw[role];
    const where = locationOf(Array.isArray(raw) ? f.strings(raw, path) : f.string(raw, path));
    if (where.offChip && (where.bundles.length === 0 || where.bundles.some((b) => !(b in bundles)) || new Set(where.bundles).size !== where.bundles.length)) f.fail(path, raw, allowed);
    placement[role] = where;
  }
  if (placement.activation.offChip) f.fail('placement.activation', placementRaw.activation, `on-chip storage (${ON_CHIP.join(', ')})`);

  const partition = (v: Json, path: string): Partition => {
    const p = f.object(v, path, ['type'], ['factor']);
    const type = f.oneOf(p.type, `${path}.type`, PARTITION_TYPES);
    const needsFactor = type === 'cyclic' || type === 'block';
    if (needsFactor && !('factor' in p)) f.fail(`${path}.factor`, undefined, `a factor for ${type} partitioning`);
    return { type, factor: needsFactor ? f.integer(p.factor, `${path}.factor`, 1, 65_536) : 1 };
  };

  const kernelsRaw = f.object(top.kernels, 'kernels', kernelNames());
  const kernels = {} as Record<KernelName, KernelDirectives>;
  for (const [kernel, known] of KERNEL_NAMES) {
    const path = `kernels.${kernel}`;
    const k = f.object(kernelsRaw[kernel], path, ['pipeline'], ['ii', 'unroll', 'partition', 'stage']);
    const loopLabel = (label: string, at: string) => (known.loops.has(label) ? label : f.fail(at, label, `a loop of ${kernel}: ${[...known.loops].join(', ')}`));
    const arrayName = (name: string, at: string) => (known.arrays.has(name) ? name : f.fail(at, name, `an array of ${kernel}: ${[...known.arrays].join(', ')}`));
    kernels[kernel] = {
      pipeline: f.strings(k.pipeline, `${path}.pipeline`).map((l, i) => loopLabel(l, `${path}.pipeline[${i}]`)),
      ii: k.ii === undefined ? 1 : f.integer(k.ii, `${path}.ii`, 1, 65_536),
      unroll: Object.fromEntries(
        Object.entries(k.unroll === undefined ? {} : f.map(k.unroll, `${path}.unroll`, (v, at) => f.integer(v, at, 1, 65_536))).map(([l, n]) => [
          loopLabel(l, `${path}.unroll`),
          n,
        ]),
      ),
      partition: Object.fromEntries(
        Object.entries(k.partition === undefined ? {} : f.map(k.partition, `${path}.partition`, partition)).map(([a, p]) => [arrayName(a, `${path}.partition`), p]),
      ),
      stage: k.stage === undefined ? [] : f.strings(k.stage, `${path}.stage`).map((a, i) => arrayName(a, `${path}.stage[${i}]`)),
    };
  }

  const host = f.object(top.host, 'host', ['sampling', 'logitsToHost']);
  return {
    name: f.string(top.name, 'name'),
    description: f.string(top.description, 'description'),
    device: f.string(top.device, 'device'),
    clockHz,
    groupSize: f.integer(top.groupSize, 'groupSize', 1, 65_536),
    accumulators,
    math: top.math === undefined ? DEFAULT_MATH : f.oneOf(top.math, 'math', DESIGN_MATH),
    composition: f.oneOf(top.composition, 'composition', ['sequential', 'dataflow'] as const),
    bundles,
    placement,
    activationPartition: partition(top.activationPartition, 'activationPartition'),
    kernels,
    host: { sampling: f.oneOf(host.sampling, 'host.sampling', ['host'] as const), logitsToHost: f.boolean(host.logitsToHost, 'host.logitsToHost') },
  };
}
