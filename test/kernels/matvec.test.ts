import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { groupSumsQ8, matvecF32, matvecQ8, scaleGroupSumsQ8 } from '../../kernels/matvec.js';

function randomInt8(n: number, rng: () => number): Int8Array {
  return Int8Array.from({ length: n }, () => Math.floor(rng() * 255) - 127);
}
function randomF32(n: number, rng: () => number, scale = 1): Float32Array {
  return Float32Array.from({ length: n }, () => (rng() * 2 - 1) * scale);
}
const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('matvecQ8', () => {
  it('sums int8 products per group exactly and applies the scales in binary32 (hand-worked 2x4, GS 2)', () => {
    const w = { q: new Int8Array([1, 2, 3, 4, -1, -2, -3, -4]), s: new Float32Array([0.5, 0.25, 2, 0.1]) };
    const xq = new Int8Array([10, 20, 30, 40]);
    const xs = new Float32Array([0.5, 4]);
    const out = new Float32Array(2);
    matvecQ8(out, xq, xs, w, 4, 2, 2);
    // row 0: groups (1*10 + 2*20) = 50 and (3*30 + 4*40) = 250 -> 50*0.5*0.5 + 250*0.25*4 = 12.5 + 250
    // row 1: -50*2*0.5 + -250*f32(0.1)*4
    const row1 = Math.fround(-50 + Math.fround(Math.fround(-250 * Math.fround(0.1)) * 4));
    expect(Array.from(out)).toEqual([262.5, row1]);
  });

  it('is its two stages: exact int32 group sums, then the scales in binary32', () => {
    const w = { q: new Int8Array([1, 2, 3, 4, -1, -2, -3, -4]), s: new Float32Array([0.5, 0.25, 2, 0.1]) };
    const xq = new Int8Array([10, 20, 30, 40]);
    const xs = new Float32Array([0.5, 4]);
    const sums = new Int32Array(4);
    groupSumsQ8(sums, xq, w.q, 4, 2, 2);
    expect(Array.from(sums)).toEqual([50, 250, -50, -250]);
    const staged = new Float32Array(2);
    scaleGroupSumsQ8(staged, sums, w.s, xs, 4, 2, 2);
    const fused = new Float32Array(2);
    matvecQ8(fused, xq, xs, w, 4, 2, 2);
    expect(bytes(staged).equals(bytes(fused))).toBe(true);
    // the largest group sum: 16 products of -128 * -128
    const extreme = new Int32Array(1);
    groupSumsQ8(extreme, new Int8Array(16).fill(-128), new Int8Array(16).fill(-128), 16, 1, 16);
    expect(extreme[0]).toBe(16 * 16384);
  });

  it('with one accumulator is the sequential sum; other counts give other bits, each reproducibly', () => {
    const rng = seedrandom('matvec');
    const n = 512, d = 16, gs = 4;
    const w = { q: randomInt8(n * d, rng), s: randomF32((n * d) / gs, rng, 0.01) };
    const xq = randomInt8(n, rng);
    const xs = randomF32(n / gs, rng, 0.1);
    const reference = new Float32Array(d);
    for (let i = 0; i < d; i++) {
      let val = 0;
      for (let g = 0; g < n / gs; g++) {
        let ival = 0;
        for (let k = 0; k < gs; k++) ival += w.q[i * n + g * gs + k] * xq[g * gs + k];
        val = Math.fround(val + Math.fround(Math.fround(ival * w.s[(i * n) / gs + g]) * xs[g]));
      }
      reference[i] = val;
    }
    const run = (p: number) => {
      const out = new Float32Array(d);
      matvecQ8(out, xq, xs, w, n, d, gs, p);
      return out;
    };
    expect(bytes(run(1)).equals(bytes(reference))).toBe(true);
    for (const p of [2, 3, 4, 16]) {
      expect(bytes(run(p)).equals(bytes(run(p)))).toBe(true);
      expect(bytes(run(p)).equals(bytes(run(1)))).toBe(false);
      // different orders, same sum up to rounding
      run(p).forEach((v, i) => expect(v).toBeCloseTo(reference[i], 3));
    }
  });
});

describe('matvecF32', () => {
  it('matches the sequential float sum with one accumulator and combines partials by the fixed tree', () => {
    const w = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const x = new Float32Array([1, 1e8, -1e8, 1]);
    const out = new Float32Array(2);
    matvecF32(out, x, w, 4, 2, 1);
    // row 0 sequentially: 1 + 2e8 = 2e8 (the 1 is lost in binary32), - 3e8, + 4
    const seq0 = Math.fround(Math.fround(Math.fround(Math.fround(1 + 2e8) - 3e8)) + 4);
    expect(out[0]).toBe(seq0);
    matvecF32(out, x, w, 4, 2, 2);
    // two partials: (1 + -3e8) and (2e8 + 4), then added
    expect(out[0]).toBe(Math.fround(Math.fround(1 - 3e8) + Math.fround(2e8 + 4)));
  });
});
