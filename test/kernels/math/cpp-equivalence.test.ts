// The C++ header kernels/hls/include/fpgasim_math.h, compiled by g++ as the emitted kernels will be,
// computes bit for bit what kernels/math computes in TypeScript: a small driver maps a file of binary32
// inputs to a file of results, and the bytes are compared with the TypeScript results.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { expF32 } from '../../../kernels/math/exp.js';
import { powF32 } from '../../../kernels/math/pow.js';
import { cosF32, sinF32 } from '../../../kernels/math/sincos.js';
import { f32FromHex } from '../../../kernels/math/f32.js';
import { logUniformF32, uniformF32, ulpNeighbours } from './inputs.js';
import { GXX_NOTE, NO_GXX } from '../../helpers/skip.js';

const INCLUDE_DIR = resolve(import.meta.dirname, '../../../kernels/hls/include');
/** The flags the emitted kernels are checked with (DESIGN.md), plus a guard against silent float -> double. */
const CXX_FLAGS = ['-std=c++17', '-O2', '-ffp-contract=off', '-Wall', '-Wextra', '-Werror', '-Wno-unknown-pragmas', '-Wdouble-promotion'];

// usage: driver exp|sin|cos|pow in.bin out.bin; pow reads (x, y) pairs. Native byte order: little-endian
// on every machine this runs on (checked below), as Float32Array writes it.
const DRIVER_SOURCE = `
#include "fpgasim_math.h"
#include <cstdio>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 4) return 2;
  std::FILE* in = std::fopen(argv[2], "rb");
  if (!in) return 3;
  std::vector<float> args;
  float value;
  while (std::fread(&value, sizeof value, 1, in) == 1) args.push_back(value);
  std::fclose(in);
  const bool is_pow = std::strcmp(argv[1], "pow") == 0;
  std::vector<float> results;
  for (std::size_t i = 0; i < args.size(); i += is_pow ? 2 : 1) {
    const float x = args[i];
    switch (argv[1][0]) {
      case 'e': results.push_back(fpgasim_expf(x)); break;
      case 's': results.push_back(fpgasim_sinf(x)); break;
      case 'c': results.push_back(fpgasim_cosf(x)); break;
      case 'p': results.push_back(fpgasim_powf(x, args[i + 1])); break;
      default: return 4;
    }
  }
  std::FILE* out = std::fopen(argv[3], "wb");
  if (!out || std::fwrite(results.data(), sizeof(float), results.size(), out) != results.size()) return 5;
  std::fclose(out);
  return 0;
}
`;

interface MathCase {
  name: 'exp' | 'sin' | 'cos' | 'pow';
  fn: (...args: number[]) => number;
  arity: 1 | 2;
  inputs: Float32Array; // arity values per call, interleaved
}

/** Any binary32 bit pattern: NaNs, infinities, subnormals and values far outside the model's ranges. */
function randomBitPatterns(rng: seedrandom.PRNG, count: number): number[] {
  return Array.from(new Float32Array(Uint32Array.from({ length: count }, () => rng.int32() >>> 0).buffer));
}

const SPECIALS = [0, -0, Infinity, -Infinity, NaN, 1, -1, 2 ** -149, -(2 ** -149), 3.4028234663852886e38];

function mathCases(): MathCase[] {
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
    { name: 'exp', fn: expF32, arity: 1, inputs: Float32Array.from(exp) },
    { name: 'sin', fn: sinF32, arity: 1, inputs: Float32Array.from(sinCos) },
    { name: 'cos', fn: cosF32, arity: 1, inputs: Float32Array.from(sinCos) },
    { name: 'pow', fn: powF32, arity: 2, inputs: Float32Array.from(pow) },
  ];
}

function typescriptResults({ fn, arity, inputs }: MathCase): Float32Array {
  const results = new Float32Array(inputs.length / arity);
  for (let i = 0; i < results.length; i++) {
    results[i] = arity === 1 ? fn(inputs[i]) : fn(inputs[2 * i], inputs[2 * i + 1]);
  }
  return results;
}

const hex = (bits: number): string => `0x${(bits >>> 0).toString(16).padStart(8, '0')}`;

/** Empty if the bytes agree, else the first call that differs with its input, expected and actual bits. */
function firstMismatch(mathCase: MathCase, expected: Float32Array, actualBytes: Buffer): string {
  if (actualBytes.length !== expected.byteLength) {
    return `${mathCase.name}: g++ wrote ${actualBytes.length} bytes, expected ${expected.byteLength}`;
  }
  const expectedBits = new Uint32Array(expected.buffer);
  const actualBits = new Uint32Array(actualBytes.buffer, actualBytes.byteOffset, expected.length);
  const inputBits = new Uint32Array(mathCase.inputs.buffer);
  const i = expectedBits.findIndex((bits, index) => bits !== actualBits[index]);
  if (i < 0) return '';
  const args = Array.from(inputBits.subarray(i * mathCase.arity, (i + 1) * mathCase.arity), hex);
  return (
    `${mathCase.name}(${args.join(', ')}): TypeScript ${hex(expectedBits[i])}, C++ ${hex(actualBits[i])} ` +
    `(call ${i} of ${expected.length})`
  );
}

describe.skipIf(NO_GXX)(`fpgasim_math.h compiled by g++${GXX_NOTE}`, () => {
  let workDir = '';
  const cases = mathCases();

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'fpgasim-math-'));
    writeFileSync(join(workDir, 'driver.cpp'), DRIVER_SOURCE);
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  /** Compiles the driver with flags; returns its path, or throws with g++'s diagnostics. */
  function compile(name: string, flags: string[]): string {
    const binary = join(workDir, name);
    const result = spawnSync('g++', [...flags, '-I', INCLUDE_DIR, join(workDir, 'driver.cpp'), '-o', binary], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`g++ ${flags.join(' ')} failed:\n${result.stderr}`);
    return binary;
  }

  function runDriver(binary: string, mathCase: MathCase): Buffer {
    const inPath = join(workDir, `${mathCase.name}.in`);
    const outPath = join(workDir, `${mathCase.name}.out`);
    writeFileSync(inPath, mathCase.inputs);
    const result = spawnSync(binary, [mathCase.name, inPath, outPath], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`driver ${mathCase.name} exited with ${result.status}: ${result.stderr}`);
    return readFileSync(outPath);
  }

  it('runs on a little-endian machine (the driver reads native floats)', () => {
    expect(endianness()).toBe('LE');
  });

  it('gives the TypeScript bits for every input of exp, sin, cos and pow', () => {
    const binary = compile('driver', CXX_FLAGS);
    for (const mathCase of cases) {
      expect(mathCase.inputs.length / mathCase.arity).toBeGreaterThanOrEqual(100_000);
      const mismatch = firstMismatch(mathCase, typescriptResults(mathCase), runDriver(binary, mathCase));
      expect(mismatch, mismatch).toBe('');
    }
  });
});
