// Reading a kernel spec (README.md beside this file has the format and a worked example). Every field is
// checked where it is read, and a problem is one line naming the field, the value and what is allowed.
import { readFileSync } from 'node:fs';
import { FpgasimError } from '../../kernels/errors.js';
import { parseDataType } from '../../hw-models/datatypes.js';
import { findPart } from '../../hw-models/parts/find.js';
import { loadDevice } from '../../hw-models/devices/load.js';
import { DESIGN_MATH } from '../../kernels/math/library.js';
import { typedOp, type TypedOp } from '../../hw-models/typed-operators.js';
import { MAXI_WIDTHS_BITS } from '../../hw-models/maxi.js';
import { parseQuantity } from '../../hw-models/units.js';
import { Fields, type Json } from '../design/fields.js';
import type { Partition, PartitionType } from '../../kernels/design.js';
import type { KernelSpec, SpecArray, SpecBundle, SpecLoop, SpecStorage, TripCount } from './types.js';

/** Vitis HLS's default clock uncertainty: 27% of the period (UG1399, "Specifying the Clock Frequency"). */
export const DEFAULT_CLOCK_UNCERTAINTY = 0.27;
/** config_compile -pipeline_loops default (UG1399, "Automatic Loop Pipelining"). */
export const DEFAULT_AUTO_PIPELINE_THRESHOLD = 64;

const MAX_ELEMENTS = 2 ** 32; // what an HLS array index (and this machine) can hold
const MAX_TRIP = 2 ** 40;
const MAX_NEST = 16;
const MAX_LOOPS = 10_000;
const PARTITION_TYPES: readonly PartitionType[] = ['none', 'cyclic', 'block', 'complete'];
const STORAGES: readonly SpecStorage[] = ['auto', 'bram', 'uram', 'lutram', 'registers'];
/** BIND_STORAGE types (UG1399), which say the ports of each bank and leave the memory to Vitis. */
const STORAGE_TYPES: Record<string, 1 | 2> = { ram_1p: 1, ram_2p: 2, ram_s2p: 2, ram_t2p: 2, rom_1p: 1, rom_2p: 2, rom_np: 2 };
/** INTERFACE modes of an array argument other than m_axi, and what they give the loops that access it. */
const ARGUMENT_INTERFACES: Record<string, 'memory' | 'fifo' | 'wire'> = {
  ap_memory: 'memory',
  bram: 'memory',
  ap_fifo: 'fifo',
  stream: 'fifo',
  axis: 'fifo',
  ap_none: 'wire',
  ap_vld: 'wire',
  ap_ovld: 'wire',
  ap_hs: 'wire',
  ap_ack: 'wire',
};

export function loadKernelSpec(path: string): KernelSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(error as Error).message})`;
    throw new FpgasimError(`${path}: ${why}`);
  }
  // a validation case (experiments/validation/cases) holds its spec beside the reported figures
  const isCase = typeof raw === 'object' && raw !== null && 'spec' in raw && 'reported' in raw;
  return isCase ? parseKernelSpec((raw as { spec: unknown }).spec, `${path}: spec`) : parseKernelSpec(raw, path);
}

export function parseKernelSpec(raw: unknown, source: string): KernelSpec {
  const f = new Fields(source);
  const top = f.object(raw, '', ['name', 'clock', 'arrays', 'loops'], ['part', 'device', 'math', 'autoPipeline', 'autoPartition', 'pipeline', 'dataflow', 'bundles', 'clockUncertainty', 'note']);
  const name = f.string(top.name, 'name');
  if ((top.part === undefined) === (top.device === undefined)) f.fail('part', top.part ?? null, 'exactly one of part (a part number) or device (a hw-models device id)');
  const budget = top.part !== undefined ? findPart(f.string(top.part, 'part'), `${source}: part`).wholeChip : loadDevice(f.string(top.device, 'device')).wholeChip;
  const part = top.part !== undefined ? (top.part as string) : loadDevice(top.device as string).part;
  const clockHz = parseClock(f, top.clock);
  const uncertainty = top.clockUncertainty === undefined ? DEFAULT_CLOCK_UNCERTAINTY : fraction(f, top.clockUncertainty, 'clockUncertainty');
  const bundles = new Map<string, SpecBundle>();
  if (top.bundles !== undefined) {
    for (const [b, v] of Object.entries(f.map(top.bundles, 'bundles', (v) => v))) {
      const bundle = f.object(v, `bundles.${b}`, ['widthBits']);
      bundles.set(b, { widthBits: portWidth(f, bundle.widthBits, `bundles.${b}.widthBits`) });
    }
  }
  const arrays = new Map<string, SpecArray>();
  for (const [arrayName, v] of Object.entries(f.map(top.arrays, 'arrays', (v) => v))) arrays.set(arrayName, parseArray(f, v, `arrays.${arrayName}`, arrayName, bundles));
  const counter = { loops: 0 };
  const loops = list(f, top.loops, 'loops').map((l, i) => parseLoop(f, l, `loops[${i}]`, arrays, 1, counter));
  const pipeline = top.pipeline === undefined ? null : parsePipeline(f, top.pipeline, 'pipeline');
  return {
    name,
    part,
    budget,
    clockHz,
    clockUncertaintyS: uncertainty / clockHz,
    math: top.math === undefined ? 'vitis-hls' : f.oneOf(top.math, 'math', DESIGN_MATH),
    autoPipelineThreshold: top.autoPipeline === undefined ? DEFAULT_AUTO_PIPELINE_THRESHOLD : f.integer(top.autoPipeline, 'autoPipeline', 0, MAX_TRIP),
    autoPartition: top.autoPartition === undefined ? true : f.boolean(top.autoPartition, 'autoPartition'),
    pipeline: pipeline === 'off' ? null : pipeline,
    dataflow: top.dataflow === undefined ? false : f.boolean(top.dataflow, 'dataflow'),
    arrays,
    bundles,
    loops,
  };
}

function parseClock(f: Fields, value: Json | undefined): number {
  const text = f.string(value, 'clock');
  const seconds = /s$/.test(text.trim()) ? parseQuantity(text, 'time', `${f.source}: clock`) : null;
  const hz = seconds === null ? parseQuantity(text, 'frequency', `${f.source}: clock`) : 1 / seconds;
  if (!(hz >= 1e6 && hz <= 1e9)) f.fail('clock', value, 'a clock from 1 MHz to 1 GHz, e.g. "250 MHz" or "4 ns"');
  return hz;
}

function portWidth(f: Fields, value: Json, path: string): number {
  if (!(MAXI_WIDTHS_BITS as readonly unknown[]).includes(value)) f.fail(path, value, `an m_axi width of ${MAXI_WIDTHS_BITS.join(', ')} bits`);
  return value as number;
}

function fraction(f: Fields, value: Json, path: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) f.fail(path, value, 'a fraction of the clock period from 0 to below 1');
  return value;
}

function list(f: Fields, value: Json | undefined, path: string): Json[] {
  if (!Array.isArray(value)) f.fail(path, value ?? null, 'a list');
  return value;
}

function parseArray(f: Fields, value: Json, path: string, name: string, bundles: Map<string, SpecBundle>): SpecArray {
  const a = f.object(value, path, ['elements', 'type'], ['dims', 'interface', 'bundle', 'widthBits', 'partition', 'storage', 'rom', 'stage', 'note']);
  const elements = f.integer(a.elements, `${path}.elements`, 1, MAX_ELEMENTS);
  const type = parseDataType(f.string(a.type, `${path}.type`), `${f.source}: ${path}.type`);
  const dims = a.dims === undefined ? [elements] : list(f, a.dims, `${path}.dims`).map((d, i) => f.integer(d, `${path}.dims[${i}]`, 1, MAX_ELEMENTS));
  if (dims.reduce((p, d) => p * d, 1) !== elements) f.fail(`${path}.dims`, a.dims ?? null, `dimensions whose product is elements (${elements})`);
  const interfaceName = a.interface === undefined ? 'onchip' : f.oneOf(a.interface, `${path}.interface`, ['m_axi', 'onchip', ...Object.keys(ARGUMENT_INTERFACES)]);
  const offChip = interfaceName === 'm_axi';
  const external = ARGUMENT_INTERFACES[interfaceName] ?? null;
  const partition = a.partition === undefined ? { type: 'none' as const, factor: 1 } : parsePartition(f, a.partition, `${path}.partition`, dims);
  const storageName = a.storage === undefined ? 'auto' : f.oneOf(a.storage, `${path}.storage`, [...STORAGES, ...Object.keys(STORAGE_TYPES)]);
  const storage = (STORAGES as readonly string[]).includes(storageName) ? (storageName as SpecStorage) : 'auto';
  const portsPerBank = STORAGE_TYPES[storageName] ?? 2;
  const rom = a.rom === undefined ? false : f.boolean(a.rom, `${path}.rom`);
  if (!offChip) {
    for (const key of ['bundle', 'widthBits', 'stage']) if (a[key] !== undefined) f.fail(`${path}.${key}`, a[key], 'only with "interface": "m_axi"');
    return { name, elements, type, bundles: [], buffer: { partition, storage }, rom, external, portsPerBank };
  }
  if (rom) f.fail(`${path}.rom`, true, 'false for an m_axi array (a constant table lives on chip)');
  const bundle = a.bundle === undefined ? `m_axi_${name}` : f.string(a.bundle, `${path}.bundle`);
  const widthBits = a.widthBits === undefined ? null : portWidth(f, a.widthBits, `${path}.widthBits`);
  const known = bundles.get(bundle);
  if (known && widthBits !== null && known.widthBits !== widthBits) f.fail(`${path}.widthBits`, widthBits, `the width of bundle ${bundle} (${known.widthBits})`);
  // Vitis's default m_axi port is as wide as the element, at least 32 bits (UG1399, "AXI4 Master Interface")
  if (!known) bundles.set(bundle, { widthBits: widthBits ?? Math.max(32, 2 ** Math.ceil(Math.log2(type.bits))) });
  const staged = a.stage === undefined ? false : f.boolean(a.stage, `${path}.stage`);
  return { name, elements, type, bundles: [bundle], buffer: staged ? { partition, storage } : null, rom: false, external: null, portsPerBank };
}

/** A partition of one dimension of a multi-dimensional array, as banks of the flattened array. */
function parsePartition(f: Fields, value: Json, path: string, dims: number[]): Partition {
  const p = f.object(value, path, ['type'], ['factor', 'dim']);
  const type = f.oneOf(p.type, `${path}.type`, PARTITION_TYPES);
  const dim = p.dim === undefined ? 0 : f.integer(p.dim, `${path}.dim`, 0, dims.length); // 0: every dimension, as in HLS
  const extent = dim === 0 ? dims.reduce((a, d) => a * d, 1) : dims[dim - 1];
  if (type === 'none') return { type, factor: 1 };
  if (type === 'complete') return dim === 0 || dims.length === 1 ? { type, factor: 1 } : { type: 'cyclic', factor: extent };
  return { type, factor: p.factor === undefined ? f.fail(`${path}.factor`, null, `a factor for ${type} partitioning`) : f.integer(p.factor, `${path}.factor`, 1, extent) };
}

function parsePipeline(f: Fields, value: Json, path: string): { ii: number } | 'off' {
  if (value === false) return 'off';
  if (value === true) return { ii: 1 };
  const p = f.object(value, path, [], ['ii']);
  return { ii: p.ii === undefined ? 1 : f.integer(p.ii, `${path}.ii`, 1, 1 << 20) };
}

function parseTrip(f: Fields, value: Json | undefined, path: string): TripCount {
  if (typeof value === 'number') {
    const n = f.integer(value, path, 0, MAX_TRIP);
    return { min: n, max: n, avg: n };
  }
  const t = f.object(value, path, ['max'], ['min', 'avg']);
  const max = f.integer(t.max, `${path}.max`, 0, MAX_TRIP);
  const min = t.min === undefined ? max : f.integer(t.min, `${path}.min`, 0, max);
  const avg = t.avg === undefined ? (min + max) / 2 : (t.avg as number);
  if (typeof avg !== 'number' || !(avg >= min && avg <= max)) f.fail(`${path}.avg`, t.avg ?? null, `a number from min (${min}) to max (${max})`);
  return { min, max, avg };
}

function counts(f: Fields, value: Json | undefined, path: string, check: (key: string) => void): Map<string, number> {
  const out = new Map<string, number>();
  if (value === undefined) return out;
  for (const [key, n] of Object.entries(f.map(value, path, (v, p) => f.integer(v, p, 0, 1 << 30)))) {
    check(key);
    if (n > 0) out.set(key, n);
  }
  return out;
}

function parseLoop(f: Fields, value: Json, path: string, arrays: Map<string, SpecArray>, depth: number, counter: { loops: number }): SpecLoop {
  if (depth > MAX_NEST) f.fail(path, '...', `loops nested at most ${MAX_NEST} deep`);
  if (++counter.loops > MAX_LOOPS) f.fail(path, '...', `at most ${MAX_LOOPS} loops in a spec`);
  const l = f.object(value, path, ['label', 'trip'], ['ops', 'reads', 'writes', 'carried', 'pipeline', 'unroll', 'loops', 'note']);
  const label = f.string(l.label, `${path}.label`);
  const knownArray = (p: string) => (key: string) => {
    if (!arrays.has(key)) throw new FpgasimError(`${f.source}: ${p}.${key} names no array (allowed: ${[...arrays.keys()].join(', ')})`);
  };
  const opsByKey = counts(f, l.ops, `${path}.ops`, (key) => typedOp(key, `${f.source}: ${path}.ops`));
  const ops = new Map<TypedOp, number>([...opsByKey].map(([key, n]) => [typedOp(key, path), n]));
  let carried: SpecLoop['carried'] = null;
  if (l.carried !== undefined) {
    const c = f.object(l.carried, `${path}.carried`, ['op'], ['accumulators', 'via']);
    carried = {
      op: typedOp(f.string(c.op, `${path}.carried.op`), `${f.source}: ${path}.carried.op`),
      accumulators: c.accumulators === undefined ? 1 : f.integer(c.accumulators, `${path}.carried.accumulators`, 1, 1 << 16),
      viaMemory: c.via === undefined ? false : f.oneOf(c.via, `${path}.carried.via`, ['register', 'memory'] as const) === 'memory',
    };
  }
  let unroll: SpecLoop['unroll'] = null;
  if (l.unroll !== undefined) unroll = l.unroll === 'full' ? 'full' : f.integer(l.unroll, `${path}.unroll`, 1, MAX_TRIP);

  return {
    label,
    trip: parseTrip(f, l.trip, `${path}.trip`),
    ops,
    reads: counts(f, l.reads, `${path}.reads`, knownArray(`${path}.reads`)),
    writes: counts(f, l.writes, `${path}.writes`, knownArray(`${path}.writes`)),
    carried,
    pipeline: l.pipeline === undefined ? null : parsePipeline(f, l.pipeline, `${path}.pipeline`),
    unroll,
    inner: l.loops === undefined ? [] : list(f, l.loops, `${path}.loops`).map((inner, i) => parseLoop(f, inner, `${path}.loops[${i}]`, arrays, depth + 1, counter)),
  };
}
