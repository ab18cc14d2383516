// On-chip memories: how an HLS array of D words of W bits, partitioned cyclic/block/complete by a factor,
// maps onto UltraScale+ BRAM18, URAM or LUTRAM, and how many accesses per cycle the result supports.
//
// Sources: UG573 (UltraScale Architecture Memory Resources): a RAMB18E2 is 18 Kb with two ports and
// aspect ratios 16Kx1, 8Kx2, 4Kx4, 2Kx9, 1Kx18 in true dual-port mode, and 512x36 in simple dual-port mode
// (one read port + one write port); a RAMB36E2 is two of them (counted here as 2 BRAM18, as Vivado's
// utilization does). A URAM288 is 4K x 72 bits with two ports A and B (UG573 / UG974 URAM288 primitive).
// UG574 (CLB): a SLICEM LUT is a 64x1 RAM; a dual-port 64x1 RAM (RAM64X1D) takes 2 LUTs.
import { check } from '../kernels/errors.js';

export type PartitionType = 'none' | 'cyclic' | 'block' | 'complete';
export type Storage = 'bram' | 'uram' | 'lutram' | 'auto';

/** BRAM18 aspect ratios (depth x width). 512x36 is simple dual-port: still two ports, one read + one write. */
export const BRAM18_CONFIGS = [
  { depth: 16384, width: 1 },
  { depth: 8192, width: 2 },
  { depth: 4096, width: 4 },
  { depth: 2048, width: 9 },
  { depth: 1024, width: 18 },
  { depth: 512, width: 36 },
] as const;

export const URAM_DEPTH = 4096;
export const URAM_WIDTH = 72;
export const LUTRAM_DEPTH = 64; // bits of one SLICEM LUT as RAM
export const LUTS_PER_DUAL_PORT_LUTRAM = 2;
export const PORTS_PER_BANK = 2; // BRAM, URAM and dual-port LUTRAM alike

/**
 * 'auto' puts a bank of at most this many bits in LUTRAM and anything larger in BRAM: an ESTIMATE of Vitis
 * HLS / Vivado's choice (small arrays go to distributed RAM; URAM is used only when asked for).
 */
export const AUTO_LUTRAM_MAX_BITS = 1024;

export interface ArrayShape {
  words: number;
  bitsPerWord: number;
  partition: { type: PartitionType; factor?: number };
  storage: Storage;
}

export interface ArrayMapping {
  storage: 'bram' | 'uram' | 'lutram' | 'registers';
  banks: number; // independent memories after partitioning
  wordsPerBank: number;
  bram18: number;
  uram: number;
  lutramLuts: number;
  ff: number; // complete partitioning: one register bit per array bit
  portsPerCycle: number; // accesses per cycle the whole array supports: 2 per bank; registers any number (read by every consumer, unrolled writes go to distinct ones)
}

/** BRAM18s for one bank: the cheapest aspect ratio, blocks placed side by side (width) and stacked (depth). */
export function bram18ForBank(depth: number, width: number): number {
  return Math.min(...BRAM18_CONFIGS.map((c) => Math.ceil(width / c.width) * Math.ceil(depth / c.depth)));
}

export function uramForBank(depth: number, width: number): number {
  return Math.ceil(width / URAM_WIDTH) * Math.ceil(depth / URAM_DEPTH);
}

export function lutramLutsForBank(depth: number, width: number): number {
  return Math.ceil(depth / LUTRAM_DEPTH) * width * LUTS_PER_DUAL_PORT_LUTRAM;
}

/** Where an array goes and what it costs. Complete partitioning turns every word into a register. */
export function mapArray(shape: ArrayShape): ArrayMapping {
  const { words, bitsPerWord, partition, storage } = shape;
  check(Number.isInteger(words) && words >= 1, `array words ${words} is not allowed (allowed: an integer >= 1)`);
  check(Number.isInteger(bitsPerWord) && bitsPerWord >= 1 && bitsPerWord <= 4096, `array bitsPerWord ${bitsPerWord} is not allowed (allowed: an integer from 1 to 4096)`);
  const none = { bram18: 0, uram: 0, lutramLuts: 0, ff: 0 };
  if (partition.type === 'complete') {
    return { storage: 'registers', banks: words, wordsPerBank: 1, ...none, ff: words * bitsPerWord, portsPerCycle: Infinity };
  }
  const factor = partition.type === 'none' ? 1 : (partition.factor ?? 1);
  check(
    Number.isInteger(factor) && factor >= 1 && factor <= words,
    `partition factor ${factor} is not allowed for an array of ${words} words (allowed: an integer from 1 to ${words})`,
  );
  // Cyclic and block partitioning both give `factor` banks of ceil(words / factor) words.
  const banks = factor;
  const wordsPerBank = Math.ceil(words / banks);
  const resolved = storage === 'auto' ? (wordsPerBank * bitsPerWord <= AUTO_LUTRAM_MAX_BITS ? 'lutram' : 'bram') : storage;
  const perBank = {
    bram: { ...none, bram18: bram18ForBank(wordsPerBank, bitsPerWord) },
    uram: { ...none, uram: uramForBank(wordsPerBank, bitsPerWord) },
    lutram: { ...none, lutramLuts: lutramLutsForBank(wordsPerBank, bitsPerWord) },
  }[resolved];
  return {
    storage: resolved,
    banks,
    wordsPerBank,
    bram18: perBank.bram18 * banks,
    uram: perBank.uram * banks,
    lutramLuts: perBank.lutramLuts * banks,
    ff: 0,
    portsPerCycle: PORTS_PER_BANK * banks,
  };
}
