import { describe, expect, it } from 'vitest';
import { residualAdd } from '../../kernels/residual.js';

describe('residualAdd', () => {
  it('adds y into x element by element, each sum rounded to binary32; y is left alone', () => {
    const x = new Float32Array([1, 2 ** 24, 0.1, -5, 9]);
    const y = new Float32Array([2, 1, 0.2, 5, 9]);
    residualAdd(x, y, 4); // the fifth value is beyond n
    // 2^24 + 1 is a tie in binary32 and rounds to even: 2^24
    expect(Array.from(x)).toEqual([3, 2 ** 24, Math.fround(Math.fround(0.1) + Math.fround(0.2)), 0, 9]);
    expect(Array.from(y)).toEqual(Array.from(new Float32Array([2, 1, 0.2, 5, 9])));
  });
});
