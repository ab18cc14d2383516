// A device after loading: every quantity a plain SI number (bytes, bytes/s, Hz, s, W), every number's source
// kept beside it. The JSON files in this folder are the data; load.ts turns them into these.

/** Resources counted the way Vivado reports them; bram18 counts 18 Kb halves (one BRAM36 = 2). */
export interface Resources {
  lut: number;
  ff: number;
  dsp: number;
  bram18: number;
  uram: number;
}

export const RESOURCE_KEYS = ['lut', 'ff', 'dsp', 'bram18', 'uram'] as const satisfies readonly (keyof Resources)[];

export const MEMORY_TYPES = ['ddr4', 'hbm2', 'lpddr4'] as const;
export type MemoryType = (typeof MEMORY_TYPES)[number];

/** One off-chip memory channel (a DDR4 channel, or one HBM2 pseudo-channel) behind its own AXI port. */
export interface MemoryChannel {
  id: string; // 'DDR[0]', 'HBM[17]', as Vitis names the banks
  type: MemoryType;
  capacityBytes: number;
  peakBandwidthBytesPerS: number; // transfers/s x data-bus bytes, before any overhead
  efficiency: number; // sustained / peak for long sequential bursts, in (0, 1]
  readLatencyS: number; // AXI read address accepted -> first data beat back, unloaded
  axiPortBits: number; // data width of the AXI port the kernel's m_axi connects to
}

/** What an m_axi master may do on this platform (AXI4 limits and the memory controller's queue). */
export interface MaxiLimits {
  minPortBits: number;
  maxPortBits: number;
  maxBurstBeats: number; // AXI4: 256 beats per INCR burst
  maxBurstBytes: number; // AXI4: a burst never crosses a 4 KiB boundary
  maxOutstandingReads: number;
  maxOutstandingWrites: number;
}

/**
 * The host's part of every token: starting the kernel, bringing the logits to the processor that samples
 * the next token, and the sampling. On Alveo and F1 an x86 server over PCIe through XRT; on a Zynq part
 * the chip's own Arm cores over AXI, reading the logits in the shared DDR.
 */
export interface DeviceHost {
  link: 'pcie' | 'axi';
  processor: string; // where the host code and the sampling run
  kernelLaunchS: number; // xrt::run start() to the kernel running, plus wait() returning after it ends
  copyBandwidthBytesPerS: number; // the logits from device memory to the processor, large transfers
  copyLatencyS: number; // fixed cost of one sync_bo(XCL_BO_SYNC_BO_FROM_DEVICE)
  samplingSPerLogit: number; // host time per logit to pick the next token (argmax)
}

export const HOST_LINKS = ['pcie', 'axi'] as const;

export interface Device {
  id: string; // 'vu9p-f1', 'u250', ...
  name: string;
  part: string; // e.g. 'xcvu9p-flgb2104-2-i'
  family: string;
  slrs: number;
  speedGrade: string;
  budget: Resources; // what user logic may use (on F1 and Alveo: the region the shell leaves)
  wholeChip: Resources;
  memories: MemoryChannel[];
  defaultClockHz: number;
  maxClockHz: number;
  availableClocksHz: number[]; // clocks the platform offers, ascending
  maxi: MaxiLimits;
  powerWarningW: number | null; // F1 raises a warning above 85 W of Vccint power; null where none is documented
  staticPowerW: number; // device static power at a typical junction temperature (see sources)
  host: DeviceHost;
  sources: Record<string, string>; // field -> where its numbers come from (or why they are estimates)
  file: string; // the JSON file it was loaded from
}
