// A small C++ driver that maps a file of binary32 inputs to a file of results through one implementation
// of exp/sin/cos/pow: fpgasim_math.h (binary32), fpgasim_math_glibc.h (glibc-compatible), or the host's
// libm itself. The tests compare its output bytes with the TypeScript functions.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type seedrandom from 'seedrandom';

const INCLUDE_DIR = resolve(import.meta.dirname, '../../../kernels/hls/include');
/** The flags the emitted kernels are checked with (DESIGN.md), plus a guard against silent float -> double. */
export const CXX_FLAGS = ['-std=c++17', '-O2', '-ffp-contract=off', '-Wall', '-Wextra', '-Werror', '-Wno-unknown-pragmas', '-Wdouble-promotion'];
export const HAS_GXX = spawnSync('g++', ['--version']).status === 0;

/** A C++ implementation: the header to include and the names of its four functions. */
export interface CppMath {
  include: string;
  exp: string;
  sin: string;
  cos: string;
  pow: string;
  libs: string[];
}

export const BINARY32_CPP: CppMath = { include: 'fpgasim_math.h', exp: 'fpgasim_expf', sin: 'fpgasim_sinf', cos: 'fpgasim_cosf', pow: 'fpgasim_powf', libs: [] };
export const GLIBC_CPP: CppMath = {
  include: 'fpgasim_math_glibc.h',
  exp: 'fpgasim_glibc_expf',
  sin: 'fpgasim_glibc_sinf',
  cos: 'fpgasim_glibc_cosf',
  pow: 'fpgasim_glibc_powf',
  libs: [],
};
/** The host's libm (glibc here), called at run time: -fno-builtin keeps gcc from evaluating calls itself. */
export const HOST_LIBM: CppMath = { include: 'math.h', exp: 'expf', sin: 'sinf', cos: 'cosf', pow: 'powf', libs: ['-fno-builtin', '-lm'] };

// usage: driver exp|sin|cos|pow in.bin out.bin; pow reads (x, y) pairs. Native byte order: little-endian
// on every machine this runs on (the tests check), as Float32Array writes it.
const DRIVER_SOURCE = `
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
      case 'e': results.push_back(FPGASIM_TEST_EXP(x)); break;
      case 's': results.push_back(FPGASIM_TEST_SIN(x)); break;
      case 'c': results.push_back(FPGASIM_TEST_COS(x)); break;
      case 'p': results.push_back(FPGASIM_TEST_POW(x, args[i + 1])); break;
      default: return 4;
    }
  }
  std::FILE* out = std::fopen(argv[3], "wb");
  if (!out || std::fwrite(results.data(), sizeof(float), results.size(), out) != results.size()) return 5;
  std::fclose(out);
  return 0;
}
`;

export interface MathCase {
  name: 'exp' | 'sin' | 'cos' | 'pow';
  fn: (...args: number[]) => number;
  arity: 1 | 2;
  inputs: Float32Array; // arity values per call, interleaved
}

/** Any binary32 bit pattern: NaNs, infinities, subnormals and values far outside the model's ranges. */
export function randomBitPatterns(rng: seedrandom.PRNG, count: number): number[] {
  return Array.from(new Float32Array(Uint32Array.from({ length: count }, () => rng.int32() >>> 0).buffer));
}

export const SPECIALS = [0, -0, Infinity, -Infinity, NaN, 1, -1, 2 ** -149, -(2 ** -149), 3.4028234663852886e38];

export function typescriptResults({ fn, arity, inputs }: MathCase): Float32Array {
  const results = new Float32Array(inputs.length / arity);
  for (let i = 0; i < results.length; i++) {
    results[i] = arity === 1 ? fn(inputs[i]) : fn(inputs[2 * i], inputs[2 * i + 1]);
  }
  return results;
}

export const hex = (bits: number): string => `0x${(bits >>> 0).toString(16).padStart(8, '0')}`;

/** The calls whose result bits differ (any two NaNs count as equal when nanEqual: libm's NaN payloads vary). */
export function mismatchedCalls(expected: Float32Array, actualBytes: Buffer, nanEqual = false): number[] {
  if (actualBytes.length !== expected.byteLength) throw new Error(`the driver wrote ${actualBytes.length} bytes, expected ${expected.byteLength}`);
  const expectedBits = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  const actual = new Float32Array(actualBytes.buffer, actualBytes.byteOffset, expected.length);
  const actualBits = new Uint32Array(actualBytes.buffer, actualBytes.byteOffset, expected.length);
  const calls: number[] = [];
  for (let i = 0; i < expected.length; i++) {
    if (expectedBits[i] === actualBits[i]) continue;
    if (nanEqual && Number.isNaN(expected[i]) && Number.isNaN(actual[i])) continue;
    calls.push(i);
  }
  return calls;
}

/** One call as text: its input bits and both results. */
export function describeCall(mathCase: MathCase, call: number, expected: Float32Array, actualBytes: Buffer, names: [string, string]): string {
  const inputBits = new Uint32Array(mathCase.inputs.buffer);
  const actualBits = new Uint32Array(actualBytes.buffer, actualBytes.byteOffset, expected.length);
  const args = Array.from(inputBits.subarray(call * mathCase.arity, (call + 1) * mathCase.arity), hex);
  return `${mathCase.name}(${args.join(', ')}): ${names[0]} ${hex(new Uint32Array(expected.buffer)[call])}, ${names[1]} ${hex(actualBits[call])} (call ${call} of ${expected.length})`;
}

/** Builds drivers in one temp dir; run them on cases; dispose() removes it. */
export class MathDriver {
  private readonly dir = mkdtempSync(join(tmpdir(), 'fpgasim-math-'));

  constructor() {
    writeFileSync(join(this.dir, 'driver.cpp'), DRIVER_SOURCE);
  }

  /** Compiles the driver over impl with flags; returns its path, or throws with g++'s diagnostics. */
  compile(name: string, impl: CppMath, flags: string[] = CXX_FLAGS): string {
    const binary = join(this.dir, name);
    const functions = (['exp', 'sin', 'cos', 'pow'] as const).map((f) => `-DFPGASIM_TEST_${f.toUpperCase()}=${impl[f]}`);
    const args = [...flags, '-I', INCLUDE_DIR, '-include', impl.include, ...functions, join(this.dir, 'driver.cpp'), '-o', binary, ...impl.libs];
    const result = spawnSync('g++', args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`g++ ${args.join(' ')} failed:\n${result.stderr}`);
    return binary;
  }

  /** The driver's output bytes for a case; env adds to the environment (e.g. GLIBC_TUNABLES). */
  run(binary: string, mathCase: MathCase, env: Record<string, string> = {}): Buffer {
    const inPath = join(this.dir, `${mathCase.name}.in`);
    const outPath = join(this.dir, `${mathCase.name}.out`);
    writeFileSync(inPath, mathCase.inputs);
    const result = spawnSync(binary, [mathCase.name, inPath, outPath], { encoding: 'utf8', env: { ...process.env, ...env } });
    if (result.status !== 0) throw new Error(`driver ${mathCase.name} exited with ${result.status}: ${result.stderr}`);
    return readFileSync(outPath);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
