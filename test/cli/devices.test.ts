import { describe, expect, it } from 'vitest';
import { runFpgasim } from '../helpers/run-cli.js';

describe('fpgasim devices', () => {
  it('prints a table of every device with its budget, clock and memories', () => {
    const result = runFpgasim('devices');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^device\s+part\s+LUT\s+FF\s+DSP\s+BRAM18\s+URAM\s+clock\s+peak BW\s+memories$/);
    const f1 = lines.find((l) => l.startsWith('vu9p-f1'))!;
    expect(f1).toMatch(/xcvu9p-flgb2104-2-i\s+895,000\s+1,790,000\s+5,640\s+3,360\s+800\s+250 MHz\s+68\.3 GB\/s\s+DDR\[0\.\.3\] ddr4 16 GiB 17\.07 GB\/s x4 \(512-bit AXI\)$/);
    expect(lines.find((l) => l.startsWith('u55c'))).toContain('HBM[0..31] hbm2 0.50 GiB 14.38 GB/s x32 (256-bit AXI)');
    expect(lines.filter((l) => /^(kv260|u250|u280|u55c|vu9p-f1|zcu102) /.test(l))).toHaveLength(6);
  });

  it('prints every field as JSON in SI units with --json', () => {
    const result = runFpgasim('devices', '--json');
    expect(result.status).toBe(0);
    const { devices } = JSON.parse(result.stdout);
    const f1 = devices.find((d: { id: string }) => d.id === 'vu9p-f1');
    expect(f1.defaultClockHz).toBe(250e6);
    expect(f1.powerWarningW).toBe(85);
    expect(f1.memories[0]).toEqual({
      id: 'DDR[0]',
      type: 'ddr4',
      capacityBytes: 17179869184,
      peakBandwidthBytesPerS: 17066700000,
      efficiency: 0.85,
      readLatencyS: 1.5e-7,
      axiPortBits: 512,
    });
    expect(f1.sources.power).toContain('85 watts');
  });
});
