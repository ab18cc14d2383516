import { describe, expect, it } from 'vitest';
import { quantize, roundHalfAway } from '../../kernels/quantize.js';

describe('roundHalfAway', () => {
  it('rounds ties away from zero, as C round() does (Math.round(-2.5) would give -2)', () => {
    expect([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, -2.4999998, 126.5].map(roundHalfAway)).toEqual([-3, -2, -1, 1, 2, 3, -2, 127]);
  });
});

describe('quantize', () => {
  it('scales each group by max|x| / 127 and rounds half away from zero', () => {
    const x = new Float32Array([127, -63.5, 0.5, -0.5, 2, -1, 0, 0.25]);
    const q = new Int8Array(8);
    const s = new Float32Array(2);
    quantize(q, s, x, 8, 4);
    expect(Array.from(s)).toEqual([1, Math.fround(2 / 127)]);
    // group 2: x / scale = 127, -63.5, 0, 15.875 (computed in binary32)
    expect(Array.from(q)).toEqual([127, -64, 1, -1, 127, -64, 0, 16]);
  });

  it('gives an all-zero group scale 0 and values 0 (llama2.c would divide by zero)', () => {
    const q = new Int8Array(4).fill(9);
    const s = new Float32Array(1).fill(9);
    quantize(q, s, new Float32Array(4), 4, 4);
    expect(Array.from(q)).toEqual([0, 0, 0, 0]);
    expect(s[0]).toBe(0);
  });
});
