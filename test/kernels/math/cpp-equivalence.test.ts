// The C++ headers kernels/hls/include/fpgasim_math.h (binary32) and fpgasim_math_glibc.h (glibc-compatible),
// compiled by g++ as the emitted kernels will be, compute bit for bit what kernels/math computes in TypeScript:
// a small driver (driver.ts) maps a file of binary32 inputs to a file of results, and the bytes are compared
// with the TypeScript results.

import { endianness } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { expF32 } from '../../../kernels/math/exp.js';
import { powF32 } from '../../../kernels/math/pow.js';
import { cosF32, sinF32 } from '../../../kernels/math/sincos.js';
import { f32FromHex } from '../../../kernels/math/f32.js';
import { expGlibc } from '../../../kernels/math/glibc/exp.js';
import { powGlibc } from '../../../kernels/math/glibc/pow.js';
import { cosGlibc, sinGlibc } from '../../../kernels/math/glibc/sincos.js';
import { BINARY32_CPP, describeCall, GLIBC_CPP, MathDriver, mismatchedCalls, randomBitPatterns, SPECIALS, typescriptResults, type CppMath, type MathCase } from './driver.js';
import { logUniformF32, uniformF32, ulpNeighbours } from './inputs.js';
import { GXX_NOTE, NO_GXX } from '../../helpers/skip.js';

/** Seeded inputs over the model's ranges and beyond, for the four functions of one library. */
function mathCases(fns: MathCase['fn'][]): MathCase[] {
  const [expFn, sinFn, cosFn, powFn] = fns;
  const rng = seedrandom('fpgasim_math.h equivalence');
  const exp = [
    ...uniformF32(rng, 100_000, -104, 88.75),
    ...uniformF32(rng, 10_000, -104, -87),
    ...logUniformF32(rng, 10_000, 2 ** -40, 1),
    ...ulpNeighbours(88.72283935546875, 500),
    ...randomBitPatterns(rng, 20_000),
    ...SPECIALS,
  ];
  const sinCos = [
    ...uniformF32(rng, 100_000, -4096, 4096),
    ...uniformF32(rng, 10_000, -6432, 6432),
    ...logUniformF32(rng, 10_000, 2 ** -40, 1),
    ...ulpNeighbours(f32FromHex('0x1.f9cbe2p7'), 500), // the hardest reduction (sincos.test.ts)
    ...randomBitPatterns(rng, 20_000),
    ...SPECIALS,
  ];
  const pow: number[] = [];
  for (const y of uniformF32(rng, 100_000, 0, 1)) pow.push(10000, y);
  const xs = logUniformF32(rng, 50_000, 1e-3, 1e4);
  const ys = uniformF32(rng, 50_000, -4, 4);
  xs.forEach((x, i) => pow.push(Math.abs(x), ys[i]));
  pow.push(...randomBitPatterns(rng, 40_000)); // 20,000 pairs of anything
  for (const x of SPECIALS) for (const y of SPECIALS) pow.push(x, y);
  return [
    { name: 'exp', fn: expFn, arity: 1, inputs: Float32Array.from(exp) },
    { name: 'sin', fn: sinFn, arity: 1, inputs: Float32Array.from(sinCos) },
    { name: 'cos', fn: cosFn, arity: 1, inputs: Float32Array.from(sinCos) },
    { name: 'pow', fn: powFn, arity: 2, inputs: Float32Array.from(pow) },
  ];
}

const LIBRARIES: { label: string; cpp: CppMath; fns: MathCase['fn'][] }[] = [
  { label: 'binary32 (fpgasim_math.h)', cpp: BINARY32_CPP, fns: [expF32, sinF32, cosF32, powF32] },
  { label: 'glibc (fpgasim_math_glibc.h)', cpp: GLIBC_CPP, fns: [expGlibc, sinGlibc, cosGlibc, powGlibc] },
];

describe.skipIf(NO_GXX)(`the C++ math headers compiled by g++${GXX_NOTE}`, () => {
  const driver = new MathDriver();
  afterAll(() => driver.dispose());

  it('runs on a little-endian machine (the driver reads native floats)', () => {
    expect(endianness()).toBe('LE');
  });

  for (const { label, cpp, fns } of LIBRARIES) {
    it(`${label} gives the TypeScript bits for every input of exp, sin, cos and pow`, () => {
      const binary = driver.compile(cpp.include.replace('.h', ''), cpp);
      for (const mathCase of mathCases(fns)) {
        expect(mathCase.inputs.length / mathCase.arity).toBeGreaterThanOrEqual(100_000);
        const expected = typescriptResults(mathCase);
        const actual = driver.run(binary, mathCase);
        const calls = mismatchedCalls(expected, actual);
        const first = calls.length === 0 ? '' : describeCall(mathCase, calls[0], expected, actual, ['TypeScript', 'C++']);
        expect(first, first).toBe('');
      }
    });
  }
});
