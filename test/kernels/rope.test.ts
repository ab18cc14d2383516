import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { GLIBC_MATH, mathFunctions } from '../../kernels/math/library.js';
import { rope } from '../../kernels/rope.js';

const f = Math.fround;
const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const randomF32 = (n: number, rng: () => number) => Float32Array.from({ length: n }, () => rng() * 2 - 1);

describe('rope', () => {
  const dim = 16;
  const headSize = 8;
  const rng = seedrandom('rope');
  const q0 = randomF32(dim, rng);
  const k0 = randomF32(dim, rng);

  it('leaves q and k unchanged at position 0 (angle 0: cos 1, sin 0)', () => {
    const q = q0.slice();
    const k = k0.slice();
    rope(q, k, 0, dim, dim, headSize);
    expect(bytes(q).equals(bytes(q0))).toBe(true);
    expect(bytes(k).equals(bytes(k0))).toBe(true);
  });

  it('turns each head\'s first pair by exactly the angle pos (frequency 10000^0 = 1), in binary32 steps', () => {
    const pos = 7;
    const q = q0.slice();
    const k = k0.slice();
    rope(q, k, pos, dim, dim, headSize);
    const [c, s] = [GLIBC_MATH.cos(pos), GLIBC_MATH.sin(pos)]; // the default math
    expect(c).toBeCloseTo(Math.cos(7), 7);
    expect(s).toBeCloseTo(Math.sin(7), 7);
    for (const i of [0, headSize]) {
      for (const [rotated, original] of [[q, q0], [k, k0]]) {
        expect(rotated[i]).toBe(f(f(original[i] * c) - f(original[i + 1] * s)));
        expect(rotated[i + 1]).toBe(f(f(original[i] * s) + f(original[i + 1] * c)));
      }
    }
  });

  it("turns by the math it is given: binary32's cos and sin at angle pos", () => {
    const pos = 1023;
    const binary32 = mathFunctions('binary32');
    const q = q0.slice();
    const k = k0.slice();
    rope(q, k, pos, dim, dim, headSize, binary32);
    const [c, s] = [binary32.cos(pos), binary32.sin(pos)];
    expect(q[0]).toBe(f(f(q0[0] * c) - f(q0[1] * s)));
    expect(q[1]).toBe(f(f(q0[0] * s) + f(q0[1] * c)));
  });

  it('preserves the norm of every pair to about 1e-6, at every position', () => {
    for (const pos of [1, 2, 100, 1023]) {
      const q = q0.slice();
      const k = k0.slice();
      rope(q, k, pos, dim, dim, headSize);
      for (let i = 0; i < dim; i += 2) {
        expect(Math.hypot(q[i], q[i + 1])).toBeCloseTo(Math.hypot(q0[i], q0[i + 1]), 6);
        expect(Math.hypot(k[i], k[i + 1])).toBeCloseTo(Math.hypot(k0[i], k0[i + 1]), 6);
      }
    }
  });

  it('with grouped KV heads rotates k only in its first kvDim values, by the same angles as q', () => {
    const kvDim = 8; // 2 query heads of size 8, 1 key/value head
    const q = q0.slice();
    const k = k0.slice(); // 16 values: the last 8 are beyond kvDim and must stay as they are
    rope(q, k, 5, dim, kvDim, headSize);
    expect(bytes(k.subarray(kvDim)).equals(bytes(k0.subarray(kvDim)))).toBe(true);
    expect(bytes(k.subarray(0, kvDim)).equals(bytes(k0.subarray(0, kvDim)))).toBe(false);
    // k's pairs turn as q's first head: same input gives same output
    const qSame = k0.slice(0, dim);
    rope(qSame, new Float32Array(kvDim), 5, dim, kvDim, headSize);
    expect(bytes(k.subarray(0, kvDim)).equals(bytes(qSame.subarray(0, kvDim)))).toBe(true);
  });
});
