// fpgasim devices: the FPGA devices fpgasim knows, with the budget user logic may use and their memories.
import type { CommandModule } from 'yargs';
import { listDevices } from '../../hw-models/devices/load.js';
import type { Device, MemoryChannel } from '../../hw-models/devices/types.js';
import { formatTable } from '../table.js';

interface DevicesArgs {
  json: boolean;
}

const thousands = (n: number) => n.toLocaleString('en-US');
const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

/** Channels with identical figures, shown as one group: 'HBM[0..31]'. */
function memoryGroups(channels: MemoryChannel[]): string[] {
  const groups = new Map<string, MemoryChannel[]>();
  for (const c of channels) {
    const key = `${c.id.replace(/\[\d+\]$/, '')}|${c.type}|${c.capacityBytes}|${c.peakBandwidthBytesPerS}|${c.axiPortBits}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()].map((g) => {
    const c = g[0];
    const prefix = c.id.replace(/\[\d+\]$/, '');
    const ids = g.length === 1 ? c.id : `${prefix}[0..${g.length - 1}]`;
    const capacity = (c.capacityBytes / 2 ** 30).toFixed(c.capacityBytes < 2 ** 30 ? 2 : 0);
    return `${ids} ${c.type} ${capacity} GiB ${(c.peakBandwidthBytesPerS / 1e9).toFixed(2)} GB/s x${g.length} (${c.axiPortBits}-bit AXI)`;
  });
}

function row(d: Device): string[] {
  const totalBandwidth = d.memories.reduce((sum, c) => sum + c.peakBandwidthBytesPerS, 0);
  return [
    d.id,
    d.part,
    thousands(d.budget.lut),
    thousands(d.budget.ff),
    thousands(d.budget.dsp),
    thousands(d.budget.bram18),
    thousands(d.budget.uram),
    `${d.defaultClockHz / 1e6} MHz`,
    `${gb(totalBandwidth)}/s`,
    memoryGroups(d.memories).join('; '),
  ];
}

export const devicesCommand: CommandModule<object, DevicesArgs> = {
  command: 'devices',
  describe: 'List the FPGA devices: user-logic budgets (LUT, FF, DSP, BRAM18, URAM), clocks and off-chip memories',
  builder: (yargs) =>
    yargs
      .option('json', { type: 'boolean', describe: 'print the devices as JSON (SI units: bytes, bytes/s, Hz, s, W)', default: false })
      .example('$0 devices', 'a table of the devices and their budgets')
      .example('$0 devices --json', 'every field of every device, with sources'),
  handler: ({ json }) => {
    const devices = listDevices();
    if (json) {
      process.stdout.write(`${JSON.stringify({ devices }, null, 2)}\n`);
      return;
    }
    const header = ['device', 'part', 'LUT', 'FF', 'DSP', 'BRAM18', 'URAM', 'clock', 'peak BW', 'memories'];
    process.stdout.write(formatTable(header, devices.map(row)));
    process.stdout.write('Budgets are what user logic may use (on F1 and Alveo: the region the shell leaves). Sources: hw-models/devices/*.json.\n');
  },
};
