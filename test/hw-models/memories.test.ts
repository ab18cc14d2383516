import { describe, expect, it } from 'vitest';
import { bram18ForBank, mapArray } from '../../hw-models/memories.js';

describe('mapArray', () => {
  it('puts an unpartitioned array in BRAM18 by the cheapest UG573 aspect ratio, 2 ports', () => {
    // 768 float32 words (an activation vector of stories110M): 1Kx18 x 2 side by side = 2 BRAM18.
    expect(mapArray({ words: 768, bitsPerWord: 32, partition: { type: 'none' }, storage: 'bram' })).toEqual({
      storage: 'bram',
      banks: 1,
      wordsPerBank: 768,
      bram18: 2,
      uram: 0,
      lutramLuts: 0,
      ff: 0,
      portsPerCycle: 2,
    });
    expect(bram18ForBank(512, 36)).toBe(1); // the 512x36 simple dual-port shape
    expect(bram18ForBank(16384, 1)).toBe(1);
    expect(bram18ForBank(2048, 9)).toBe(1);
    expect(bram18ForBank(2049, 9)).toBe(2);
  });

  it('treats partition factor 1 exactly like no partitioning', () => {
    const shape = { words: 4096, bitsPerWord: 8, storage: 'bram' as const };
    expect(mapArray({ ...shape, partition: { type: 'cyclic', factor: 1 } })).toEqual(mapArray({ ...shape, partition: { type: 'none' } }));
  });

  it('gives cyclic and block partitions factor banks and 2 ports per bank', () => {
    for (const type of ['cyclic', 'block'] as const) {
      const m = mapArray({ words: 768, bitsPerWord: 32, partition: { type, factor: 16 }, storage: 'bram' });
      expect(m.banks).toBe(16);
      expect(m.wordsPerBank).toBe(48);
      expect(m.bram18).toBe(16); // 48 x 32 bits fits one 512x36 BRAM18 per bank
      expect(m.portsPerCycle).toBe(32);
    }
  });

  it('turns complete partitioning into registers: one FF per bit, every word accessible each cycle', () => {
    expect(mapArray({ words: 64, bitsPerWord: 32, partition: { type: 'complete' }, storage: 'bram' })).toEqual({
      storage: 'registers',
      banks: 64,
      wordsPerBank: 1,
      bram18: 0,
      uram: 0,
      lutramLuts: 0,
      ff: 2048,
      portsPerCycle: Infinity, // registers: read by any number of consumers
    });
  });

  it('maps URAM as 4K x 72 blocks and LUTRAM as dual-port 64x1 pairs of LUTs', () => {
    // 8K x 72 bits: two URAMs stacked; 4K x 144 bits: two side by side.
    expect(mapArray({ words: 8192, bitsPerWord: 72, partition: { type: 'none' }, storage: 'uram' }).uram).toBe(2);
    expect(mapArray({ words: 4096, bitsPerWord: 144, partition: { type: 'none' }, storage: 'uram' }).uram).toBe(2);
    expect(mapArray({ words: 100, bitsPerWord: 8, partition: { type: 'none' }, storage: 'lutram' }).lutramLuts).toBe(2 * 8 * 2);
  });

  it("lets 'auto' choose LUTRAM for small banks and BRAM for large ones", () => {
    expect(mapArray({ words: 32, bitsPerWord: 32, partition: { type: 'none' }, storage: 'auto' }).storage).toBe('lutram');
    expect(mapArray({ words: 33, bitsPerWord: 32, partition: { type: 'none' }, storage: 'auto' }).storage).toBe('bram');
  });

  it('refuses a partition factor above the word count, or zero', () => {
    expect(() => mapArray({ words: 8, bitsPerWord: 32, partition: { type: 'cyclic', factor: 9 }, storage: 'bram' })).toThrow(
      'partition factor 9 is not allowed for an array of 8 words (allowed: an integer from 1 to 8)',
    );
    expect(() => mapArray({ words: 8, bitsPerWord: 32, partition: { type: 'block', factor: 0 }, storage: 'bram' })).toThrow('partition factor 0');
  });
});
