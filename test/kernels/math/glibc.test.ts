// kernels/math/glibc/ against the host's glibc itself: a driver calling expf, sinf, cosf and powf from libm
// (driver.ts) on seeded inputs over the model's ranges and beyond, compared bit for bit with the TypeScript.
// With glibc's FMA selection switched off (GLIBC_TUNABLES, test/helpers/llama2c.ts) nothing may differ;
// with the default selection, on a CPU with FMA and AVX2, exactly the documented FMA-build inputs differ.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { expGlibc } from '../../../kernels/math/glibc/exp.js';
import { FMA_DIFFERENCES } from '../../../kernels/math/glibc/fma-differences.js';
import { powGlibc } from '../../../kernels/math/glibc/pow.js';
import { cosGlibc, sinGlibc } from '../../../kernels/math/glibc/sincos.js';
import { GLIBC_SSE2_ENV } from '../../helpers/llama2c.js';
import { describeCall, HAS_GXX, HOST_LIBM, MathDriver, mismatchedCalls, randomBitPatterns, SPECIALS, typescriptResults, type MathCase } from './driver.js';
import { logUniformF32, uniformF32 } from './inputs.js';

const IS_GLIBC_X86_64 = process.platform === 'linux' && process.arch === 'x64' && typeof process.report?.getReport === 'function' && Boolean((process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime);
/** glibc picks its FMA build when the CPU has both (sysdeps/x86_64/fpu/multiarch/ifunc-fma.h). */
const CPU_FLAGS = (() => {
  try {
    return new Set(/^flags\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1].split(/\s+/) ?? []);
  } catch {
    return new Set<string>();
  }
})();
const FMA_BUILD = CPU_FLAGS.has('fma') && CPU_FLAGS.has('avx2');

const fromBits = (bits: readonly number[]): number[] => Array.from(new Float32Array(Uint32Array.from(bits).buffer));

/** Seeded inputs: what softmax, SiLU and RoPE pass (and far beyond), every documented FMA input, specials. */
function glibcCases(): MathCase[] {
  const rng = seedrandom('kernels/math/glibc against libm');
  const documented = (name: keyof typeof FMA_DIFFERENCES) => fromBits(FMA_DIFFERENCES[name].map(([input]) => input));
  const exp = [
    ...uniformF32(rng, 200_000, -104, 0), // softmax: x - max
    ...uniformF32(rng, 100_000, -30, 30), // SiLU: exp(-v)
    ...uniformF32(rng, 20_000, -104, -87), // subnormal results and the underflow thresholds
    ...uniformF32(rng, 10_000, 80, 89), // overflow
    ...logUniformF32(rng, 20_000, 2 ** -40, 1),
    ...randomBitPatterns(rng, 20_000),
    ...documented('exp'),
    ...SPECIALS,
  ];
  const sinCos = [
    ...uniformF32(rng, 200_000, 0, 512), // RoPE: pos * freq, pos < seq_len 512 for stories260K
    ...uniformF32(rng, 50_000, -120, 120), // glibc's fast reduction, both signs
    ...logUniformF32(rng, 20_000, 2 ** -30, 1),
    ...logUniformF32(rng, 20_000, 120, 1e6), // its exact integer reduction
    ...randomBitPatterns(rng, 20_000),
    ...documented('sin'),
    ...documented('cos'),
    ...SPECIALS,
  ];
  const pow: number[] = [];
  for (const y of uniformF32(rng, 100_000, 0, 1)) pow.push(10000, y); // RoPE: 10000^(i / head_size)
  const [xs, ys] = [logUniformF32(rng, 50_000, 1e-6, 1e6), uniformF32(rng, 50_000, -8, 8)];
  xs.forEach((x, i) => pow.push(x, ys[i])); // negative x too: odd, even and non-integer y
  pow.push(...randomBitPatterns(rng, 40_000));
  for (const x of SPECIALS) for (const y of [...SPECIALS, 2, 3, 0.5, -2, -3]) pow.push(x, y);
  return [
    { name: 'exp', fn: expGlibc, arity: 1, inputs: Float32Array.from(exp) },
    { name: 'sin', fn: sinGlibc, arity: 1, inputs: Float32Array.from(sinCos) },
    { name: 'cos', fn: cosGlibc, arity: 1, inputs: Float32Array.from(sinCos) },
    { name: 'pow', fn: powGlibc, arity: 2, inputs: Float32Array.from(pow) },
  ];
}

describe.skipIf(!HAS_GXX || !IS_GLIBC_X86_64)("kernels/math/glibc against this host's glibc (skipped: needs g++ and glibc on x86-64)", () => {
  const driver = new MathDriver();
  afterAll(() => driver.dispose());
  const cases = glibcCases();
  const expected = cases.map(typescriptResults);
  let binary = '';

  it("equals glibc's SSE2 build on every input, bit for bit (NaN payloads aside)", () => {
    binary = driver.compile('libm', HOST_LIBM, ['-O2']);
    cases.forEach((mathCase, i) => {
      const actual = driver.run(binary, mathCase, GLIBC_SSE2_ENV);
      const calls = mismatchedCalls(expected[i], actual, true);
      expect(calls.length, calls.slice(0, 5).map((c) => describeCall(mathCase, c, expected[i], actual, ['TypeScript', 'glibc'])).join('\n')).toBe(0);
    });
  });

  it(`differs from glibc's default selection on exactly the documented FMA-build inputs (this CPU ${FMA_BUILD ? 'has' : 'lacks'} FMA and AVX2)`, () => {
    binary ||= driver.compile('libm', HOST_LIBM, ['-O2']);
    cases.forEach((mathCase, i) => {
      if (mathCase.name === 'pow') return; // no documented differences: the first test covers it
      const actual = driver.run(binary, mathCase);
      const inputBits = new Uint32Array(mathCase.inputs.buffer);
      const actualBits = new Uint32Array(actual.buffer, actual.byteOffset, expected[i].length);
      const differing = mismatchedCalls(expected[i], actual, true).map((c) => [inputBits[c], actualBits[c]]);
      const documented = FMA_DIFFERENCES[mathCase.name];
      const unique = [...new Map(differing.map(([input, result]) => [input, [input, result]])).values()];
      expect(unique.sort((a, b) => a[0] - b[0]), mathCase.name).toEqual(FMA_BUILD ? [...documented].map((d) => [...d]).sort((a, b) => a[0] - b[0]) : []);
    });
  });
});
