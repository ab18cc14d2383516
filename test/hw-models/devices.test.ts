import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FpgasimError } from '../../kernels/errors.js';
import { deviceIds, listDevices, loadDevice } from '../../hw-models/devices/load.js';

const GB = 1e9;
const GiB = 2 ** 30;

describe('device files', () => {
  it('ships the six devices and every file loads', () => {
    expect(deviceIds()).toEqual(['kv260', 'u250', 'u280', 'u55c', 'vu9p-f1', 'zcu102']);
    for (const d of listDevices()) {
      expect(d.file).toBe(`hw-models/devices/${d.id}.json`);
      expect(d.memories.length).toBeGreaterThan(0);
      expect(d.defaultClockHz).toBeLessThanOrEqual(d.maxClockHz);
      for (const key of ['budget', 'wholeChip', 'clocks', 'memories', 'maxi', 'power']) expect(d.sources[key].length).toBeGreaterThan(20);
    }
  });

  it('gives the F1 VU9P its data-sheet chip, the shell budget, 4 DDR4-2133 channels and the 85 W warning', () => {
    const f1 = loadDevice('vu9p-f1');
    expect(f1.part).toBe('xcvu9p-flgb2104-2-i');
    expect(f1.slrs).toBe(3);
    expect(f1.wholeChip).toEqual({ lut: 1_182_240, ff: 2_364_480, dsp: 6_840, bram18: 4_320, uram: 960 });
    expect(f1.budget).toEqual({ lut: 895_000, ff: 1_790_000, dsp: 5_640, bram18: 3_360, uram: 800 });
    expect(f1.memories.map((m) => m.id)).toEqual(['DDR[0]', 'DDR[1]', 'DDR[2]', 'DDR[3]']);
    for (const m of f1.memories) {
      expect(m.type).toBe('ddr4');
      expect(m.capacityBytes).toBe(16 * GiB);
      expect(m.peakBandwidthBytesPerS).toBeCloseTo(2133.33e6 * 8, -6); // DDR4-2133 x 64 data bits
      expect(m.axiPortBits).toBe(512);
    }
    expect(f1.defaultClockHz).toBe(250e6);
    expect(f1.maxClockHz).toBe(500e6);
    expect(f1.availableClocksHz).toContain(125e6);
    expect(f1.powerWarningW).toBe(85);
    expect(f1.staticPowerW).toBeCloseTo(3.605 * 0.85, 2);
    expect(f1.maxi).toEqual({ minPortBits: 32, maxPortBits: 512, maxBurstBeats: 256, maxBurstBytes: 4096, maxOutstandingReads: 32, maxOutstandingWrites: 32 });
  });

  it('gives the HBM cards 32 pseudo-channels of 14.375 GB/s (460 GB/s) and the U250 77 GB/s of DDR4', () => {
    const hbm = (id: string) => loadDevice(id).memories.filter((m) => m.type === 'hbm2');
    for (const [id, capacity] of [['u280', 256 * 2 ** 20], ['u55c', 512 * 2 ** 20]] as const) {
      const pcs = hbm(id);
      expect(pcs).toHaveLength(32);
      expect(pcs[31].id).toBe('HBM[31]');
      expect(pcs[0].capacityBytes).toBe(capacity);
      expect(pcs.reduce((s, m) => s + m.peakBandwidthBytesPerS, 0)).toBeCloseTo(460 * GB, -3);
    }
    expect(loadDevice('u280').memories.filter((m) => m.type === 'ddr4')).toHaveLength(2);
    const u250 = loadDevice('u250');
    expect(u250.wholeChip).toEqual({ lut: 1_728_000, ff: 3_456_000, dsp: 12_288, bram18: 5_376, uram: 1_280 });
    expect(u250.memories.reduce((s, m) => s + m.peakBandwidthBytesPerS, 0)).toBeCloseTo(76.8 * GB, -3);
  });

  it('gives each device its host: PCIe through XRT for F1 and Alveo, the Arm cores over AXI for the Zynq parts', () => {
    const links = Object.fromEntries(['vu9p-f1', 'u250', 'u280', 'u55c', 'kv260', 'zcu102'].map((id) => [id, loadDevice(id).host.link]));
    expect(links).toEqual({ 'vu9p-f1': 'pcie', u250: 'pcie', u280: 'pcie', u55c: 'pcie', kv260: 'axi', zcu102: 'axi' });
    const f1 = loadDevice('vu9p-f1').host;
    expect(f1.processor).toContain('Xeon E5-2686 v4');
    // Gen3 x16 is 15.75 GB/s raw per direction: the sustained copy rate lies below it
    expect(f1.copyBandwidthBytesPerS).toBeLessThan(15.75 * GB);
    for (const id of ['kv260', 'zcu102']) {
      const zynq = loadDevice(id);
      expect(zynq.host.processor).toContain('Cortex-A53');
      // the cores read the logits from the same DDR the kernel wrote: no faster than that DDR
      expect(zynq.host.copyBandwidthBytesPerS).toBeLessThan(zynq.memories[0].peakBandwidthBytesPerS);
      expect(zynq.host.kernelLaunchS).toBeLessThan(f1.kernelLaunchS); // no PCIe round trip
      expect(zynq.sources.host).toContain('ESTIMATE');
    }
  });

  it('gives the edge boards their whole programmable logic', () => {
    expect(loadDevice('zcu102').wholeChip).toEqual({ lut: 274_080, ff: 548_160, dsp: 2_520, bram18: 1_824, uram: 0 });
    expect(loadDevice('kv260').budget).toEqual({ lut: 117_120, ff: 234_240, dsp: 1_248, bram18: 288, uram: 64 });
  });
});

describe('malformed device files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fpgasim-devices-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const f1 = JSON.parse(readFileSync(new URL('../../hw-models/devices/vu9p-f1.json', import.meta.url), 'utf8'));

  /** Writes a copy of the F1 file changed by edit, loads it, and returns the one-line error. */
  function refusal(edit: (json: any) => void): string {
    const json = structuredClone(f1);
    edit(json);
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(json));
    try {
      loadDevice(path);
    } catch (error) {
      expect(error).toBeInstanceOf(FpgasimError);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      return message.replace(path, 'bad.json');
    }
    throw new Error('expected the file to be refused');
  }

  it('refuses an unknown unit, naming file, field and value', () => {
    expect(refusal((j) => (j.memories[0].peakBandwidthPerChannel = '17 parsecs/s'))).toBe(
      'bad.json: memories[0].peakBandwidthPerChannel: "17 parsecs/s" has an unknown unit (allowed: a bandwidth with a unit, e.g. "1 B/s")',
    );
  });

  it('refuses a unit of the wrong kind', () => {
    expect(refusal((j) => (j.clocks.default = '250 GB/s'))).toBe('bad.json: clocks.default: "250 GB/s" is not a frequency (allowed: a frequency with a unit, e.g. "1 Hz")');
  });

  it('refuses a negative bandwidth and a zero clock', () => {
    expect(refusal((j) => (j.memories[0].peakBandwidthPerChannel = '-17 GB/s'))).toBe(
      'bad.json: memories[0].peakBandwidthPerChannel = "-17 GB/s" is not allowed (allowed: a bandwidth above zero)',
    );
    expect(refusal((j) => (j.clocks.max = '0 MHz'))).toBe('bad.json: clocks.max = "0 MHz" is not allowed (allowed: a frequency above zero)');
  });

  it('refuses a missing field and an unknown key', () => {
    expect(refusal((j) => delete j.budget.dsp)).toBe('bad.json: budget.dsp is missing');
    expect(refusal((j) => (j.memories[0].colour = 'blue'))).toBe(
      'bad.json: memories[0].colour is not a known field (allowed: id, count, type, capacityPerChannel, peakBandwidthPerChannel, efficiency, readLatency, axiPortBits)',
    );
  });

  it('refuses impossible values: efficiency above 1, a budget above the chip, an unknown memory type', () => {
    expect(refusal((j) => (j.memories[0].efficiency = 1.2))).toBe('bad.json: memories[0].efficiency = 1.2 is not allowed (allowed: a fraction in (0, 1])');
    expect(refusal((j) => (j.budget.uram = 961))).toBe('bad.json: budget.uram = 961 is above wholeChip.uram = 960 (allowed: at most the whole chip)');
    expect(refusal((j) => (j.memories[0].type = 'sram'))).toBe('bad.json: memories[0].type = "sram" is not allowed (allowed: ddr4, hbm2, lpddr4)');
  });

  it('refuses a field without its source', () => {
    expect(refusal((j) => delete j.sources.memories)).toBe('bad.json: sources.memories is missing');
    expect(refusal((j) => delete j.sources.host)).toBe('bad.json: sources.host is missing');
  });

  it('refuses a host link other than PCIe or AXI', () => {
    expect(refusal((j) => (j.host.link = 'usb'))).toBe('bad.json: host.link = "usb" is not allowed (allowed: pcie, axi)');
  });

  it('names the known devices when an id is unknown', () => {
    expect(() => loadDevice('vu13p')).toThrow("device 'vu13p' is unknown (allowed: kv260, u250, u280, u55c, vu9p-f1, zcu102, or a path to a .json device file)");
  });
});
