// Loading device files: devices/<id>.json (or any path) -> Device with plain SI numbers. Every field is
// checked once here, so the simulator can trust a Device: unknown keys, missing fields, unknown units and
// impossible values (negative bandwidth, zero clock, efficiency above 1) are refused with one line naming
// the file, the field, the value and what is allowed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, FpgasimError } from '../../kernels/errors.js';
import { parseQuantity, type Quantity } from '../units.js';
import { HOST_LINKS, MEMORY_TYPES, RESOURCE_KEYS, type Device, type DeviceHost, type MemoryChannel, type MemoryType, type Resources } from './types.js';

const DEVICES_DIR = dirname(fileURLToPath(import.meta.url));

/** The fields of a device file; each group's numbers must have an entry in "sources". */
const TOP_KEYS = ['id', 'name', 'part', 'family', 'slrs', 'speedGrade', 'budget', 'wholeChip', 'clocks', 'memories', 'maxi', 'power', 'host', 'sources'];
const SOURCED_KEYS = ['budget', 'wholeChip', 'clocks', 'memories', 'maxi', 'power', 'host'];
const HOST_KEYS = ['link', 'processor', 'kernelLaunch', 'copyBandwidth', 'copyLatency', 'samplingPerLogit'];
const CLOCK_KEYS = ['default', 'max', 'available'];
const MEMORY_KEYS = ['id', 'count', 'type', 'capacityPerChannel', 'peakBandwidthPerChannel', 'efficiency', 'readLatency', 'axiPortBits'];
const MAXI_KEYS = ['maxBurstBeats', 'maxOutstandingReads', 'maxOutstandingWrites'];
const POWER_KEYS = ['static', 'warning'];
const AXI_WIDTHS = [32, 64, 128, 256, 512, 1024];

type Json = Record<string, unknown>;

/** Field access that names the file and field path in every complaint. */
class Reader {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly obj: Json,
  ) {}

  static of(file: string, path: string, value: unknown): Reader {
    const where = `${file}: ${path || 'top level'}`;
    check(typeof value === 'object' && value !== null && !Array.isArray(value), `${where} is not an object (allowed: a JSON object)`);
    return new Reader(file, path, value as Json);
  }

  where(key: string): string {
    return `${this.file}: ${this.path ? `${this.path}.` : ''}${key}`;
  }

  /** Refuses keys outside `allowed` and reports the first missing one. */
  keys(allowed: readonly string[], required: readonly string[] = allowed): this {
    for (const key of Object.keys(this.obj)) {
      check(allowed.includes(key), `${this.where(key)} is not a known field (allowed: ${allowed.join(', ')})`);
    }
    for (const key of required) check(key in this.obj, `${this.where(key)} is missing`);
    return this;
  }

  raw(key: string): unknown {
    return this.obj[key];
  }

  string(key: string): string {
    const value = this.obj[key];
    check(typeof value === 'string' && value.length > 0, `${this.where(key)} = ${JSON.stringify(value)} is not allowed (allowed: a non-empty string)`);
    return value;
  }

  /** An integer in [min, max]. */
  int(key: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.obj[key];
    check(
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
      `${this.where(key)} = ${JSON.stringify(value)} is not allowed (allowed: an integer from ${min} to ${max})`,
    );
    return value;
  }

  /** A number in (0, 1]. */
  fraction(key: string): number {
    const value = this.obj[key];
    check(typeof value === 'number' && value > 0 && value <= 1, `${this.where(key)} = ${JSON.stringify(value)} is not allowed (allowed: a fraction in (0, 1])`);
    return value;
  }

  /** A unit string of the given quantity, strictly positive after conversion. */
  positive(key: string, quantity: Quantity, value: unknown = this.obj[key]): number {
    const si = parseQuantity(value, quantity, this.where(key));
    check(si > 0 && Number.isFinite(si), `${this.where(key)} = "${String(value)}" is not allowed (allowed: a ${quantity} above zero)`);
    return si;
  }
}

function resources(r: Reader, key: string): Resources {
  const group = Reader.of(r.file, key, r.raw(key)).keys(RESOURCE_KEYS);
  const lut = group.int('lut', 1);
  const ff = group.int('ff', 1);
  const dsp = group.int('dsp', 0);
  const bram18 = group.int('bram18', 0);
  const uram = group.int('uram', 0);
  return { lut, ff, dsp, bram18, uram };
}

function memories(r: Reader): MemoryChannel[] {
  const list = r.raw('memories');
  check(Array.isArray(list) && list.length > 0, `${r.where('memories')} is not allowed (allowed: a non-empty array of channel groups)`);
  return list.flatMap((entry, i) => {
    const m = Reader.of(r.file, `memories[${i}]`, entry).keys(MEMORY_KEYS);
    const prefix = m.string('id');
    const type = m.string('type');
    check((MEMORY_TYPES as readonly string[]).includes(type), `${m.where('type')} = "${type}" is not allowed (allowed: ${MEMORY_TYPES.join(', ')})`);
    const axiPortBits = m.int('axiPortBits', 32, 1024);
    check(AXI_WIDTHS.includes(axiPortBits), `${m.where('axiPortBits')} = ${axiPortBits} is not allowed (allowed: ${AXI_WIDTHS.join(', ')})`);
    const channel: Omit<MemoryChannel, 'id'> = {
      type: type as MemoryType,
      capacityBytes: m.positive('capacityPerChannel', 'size'),
      peakBandwidthBytesPerS: m.positive('peakBandwidthPerChannel', 'bandwidth'),
      efficiency: m.fraction('efficiency'),
      readLatencyS: m.positive('readLatency', 'time'),
      axiPortBits,
    };
    const count = m.int('count', 1, 64);
    return Array.from({ length: count }, (_, k) => ({ id: `${prefix}[${k}]`, ...channel }));
  });
}

function host(r: Reader): DeviceHost {
  const h = Reader.of(r.file, 'host', r.raw('host')).keys(HOST_KEYS);
  const link = h.string('link');
  check((HOST_LINKS as readonly string[]).includes(link), `${h.where('link')} = "${link}" is not allowed (allowed: ${HOST_LINKS.join(', ')})`);
  return {
    link: link as DeviceHost['link'],
    processor: h.string('processor'),
    kernelLaunchS: h.positive('kernelLaunch', 'time'),
    copyBandwidthBytesPerS: h.positive('copyBandwidth', 'bandwidth'),
    copyLatencyS: h.positive('copyLatency', 'time'),
    samplingSPerLogit: h.positive('samplingPerLogit', 'time'),
  };
}

function parseDevice(json: unknown, file: string): Device {
  const r = Reader.of(file, '', json).keys(TOP_KEYS);
  const sources = Reader.of(file, 'sources', r.raw('sources'));
  sources.keys(Object.keys(sources.obj), SOURCED_KEYS); // any field may have a source; these groups must
  for (const key of Object.keys(sources.obj)) sources.string(key);

  const clocks = Reader.of(file, 'clocks', r.raw('clocks')).keys(CLOCK_KEYS);
  const defaultClockHz = clocks.positive('default', 'frequency');
  const maxClockHz = clocks.positive('max', 'frequency');
  const available = clocks.raw('available');
  check(Array.isArray(available) && available.length > 0, `${clocks.where('available')} is not allowed (allowed: a non-empty array of frequencies)`);
  const availableClocksHz = available.map((f) => clocks.positive('available', 'frequency', f)).sort((a, b) => a - b);
  check(defaultClockHz <= maxClockHz, `${clocks.where('default')} = ${defaultClockHz} Hz is above clocks.max (allowed: at most ${maxClockHz} Hz)`);
  check(availableClocksHz.every((f) => f <= maxClockHz), `${clocks.where('available')} has a clock above clocks.max ${maxClockHz} Hz`);

  const maxiReader = Reader.of(file, 'maxi', r.raw('maxi')).keys(MAXI_KEYS);
  const power = Reader.of(file, 'power', r.raw('power')).keys(POWER_KEYS);
  const channels = memories(r);
  const budget = resources(r, 'budget');
  const wholeChip = resources(r, 'wholeChip');
  for (const key of RESOURCE_KEYS) {
    check(budget[key] <= wholeChip[key], `${file}: budget.${key} = ${budget[key]} is above wholeChip.${key} = ${wholeChip[key]} (allowed: at most the whole chip)`);
  }
  return {
    id: r.string('id'),
    name: r.string('name'),
    part: r.string('part'),
    family: r.string('family'),
    slrs: r.int('slrs', 1, 8),
    speedGrade: r.string('speedGrade'),
    budget,
    wholeChip,
    memories: channels,
    defaultClockHz,
    maxClockHz,
    availableClocksHz,
    maxi: {
      minPortBits: AXI_WIDTHS[0],
      maxPortBits: Math.max(...channels.map((c) => c.axiPortBits)),
      maxBurstBeats: maxiReader.int('maxBurstBeats', 1, 256),
      maxBurstBytes: 4096,
      maxOutstandingReads: maxiReader.int('maxOutstandingReads', 1, 1024),
      maxOutstandingWrites: maxiReader.int('maxOutstandingWrites', 1, 1024),
    },
    powerWarningW: power.raw('warning') === null ? null : power.positive('warning', 'power'),
    staticPowerW: power.positive('static', 'power'),
    host: host(r),
    sources: sources.obj as Record<string, string>,
    file,
  };
}

/** The ids of the device files shipped in hw-models/devices. */
export function deviceIds(): string[] {
  return readdirSync(DEVICES_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/** A shipped device by id ('vu9p-f1'), or any device file by path (anything ending in .json). */
export function loadDevice(nameOrPath: string): Device {
  const isPath = nameOrPath.endsWith('.json');
  const file = isPath ? nameOrPath : join(DEVICES_DIR, `${nameOrPath}.json`);
  if (!existsSync(file)) {
    throw new FpgasimError(isPath ? `device file ${nameOrPath} does not exist` : `device '${nameOrPath}' is unknown (allowed: ${deviceIds().join(', ')}, or a path to a .json device file)`);
  }
  const shown = isPath ? nameOrPath : `hw-models/devices/${basename(file)}`;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new FpgasimError(`${shown}: not valid JSON (${(error as Error).message})`);
  }
  return parseDevice(json, shown);
}

/** Every shipped device, in id order. */
export function listDevices(): Device[] {
  return deviceIds().map(loadDevice);
}
