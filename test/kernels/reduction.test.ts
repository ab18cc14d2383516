import { describe, expect, it } from 'vitest';
import { checkAccumulators, combineTree } from '../../kernels/reduction.js';
import { FpgasimError } from '../../kernels/errors.js';

describe('combineTree', () => {
  it('adds neighbours level by level: (p0 + p1) + (p2 + p3), and (p0 + p1) + p2 for three', () => {
    const big = 2 ** 24; // binary32 spacing is 2 here: big + 1 rounds (ties to even) back to big
    // the tree adds (1 + 1) before meeting big; a sequential sum would lose both ones
    expect(combineTree(new Float32Array([1, big, 1, 1]), 4)).toBe(big + 2);
    // neighbours pair first: (1 + 1) + (big + 0); pairing (p0 + p2) + (p1 + p3) would give big
    expect(combineTree(new Float32Array([1, 1, big, 0]), 4)).toBe(big + 2);
    expect(combineTree(new Float32Array([1, 2, 4]), 3)).toBe(7);
    expect(combineTree(new Float32Array([5]), 1)).toBe(5);
  });

  it('refuses accumulator counts outside 1..256 with the field name', () => {
    expect(() => checkAccumulators('matvec', 0)).toThrow(FpgasimError);
    expect(() => checkAccumulators('matvec', 2.5)).toThrow(/matvec: accumulators must be an integer from 1 to 256, got 2.5/);
  });
});
