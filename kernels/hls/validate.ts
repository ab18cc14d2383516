// validate-hls: compile an emitted project with g++ exactly as the numeric contract asks, run its testbench
// on the golden vectors, then once more under AddressSanitizer and UndefinedBehaviorSanitizer.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { check, FpgasimError } from '../errors.js';

/** The flags of DESIGN.md's numeric contract, warnings as errors; HLS pragmas and loop labels are expected. */
export const CONTRACT_FLAGS = ['-std=c++17', '-ffp-contract=off', '-Wall', '-Wextra', '-Werror', '-Wno-unknown-pragmas', '-Wno-unused-label'];
const OPTIMIZED = ['-O2'];
// -O0 under the sanitizers: every load and store stays as written (an optimizer may drop an out-of-bounds read
// whose value is unused), and the testbench compiles several times faster than at -O1 (measured: 1.6 s of CPU
// against 9.8 s for a small model's project), and runs stories15M's 3 decode steps in 0.65 s
const SANITIZED = ['-O0', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=undefined', '-fno-omit-frame-pointer'];
const PROJECT_FILES = ['src/fpgasim_decode.cpp', 'src/fpgasim_config.h', 'tb/tb.cpp', 'golden/manifest.txt'];

export interface TestbenchSummary {
  kernels: number;
  decodeSteps: number;
  tensors: number;
  bytes: number;
  mismatches: number;
  firstMismatch: string | null; // the testbench's MISMATCH line: test, tensor[index], expected and actual bits
}

export interface ValidateResult extends TestbenchSummary {
  bitExact: boolean;
  sanitizer: 'clean' | 'skipped' | { finding: string };
  output: string; // the optimized testbench's stdout
}

export interface ValidateOptions {
  steps?: number; // decode steps to run (default: all in the golden data)
  extraFlags?: string[]; // appended after the contract flags (so they can override them)
  sanitize?: boolean; // default true
  log?: (line: string) => void;
}

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

export function hasGxx(): boolean {
  return spawnSync('g++', ['--version']).status === 0;
}

async function compile(dir: string, binary: string, flags: string[]): Promise<void> {
  const args = [...flags, '-I', join(dir, 'include'), '-I', join(dir, 'src'), join(dir, 'src', 'fpgasim_decode.cpp'), join(dir, 'tb', 'tb.cpp'), '-o', binary];
  const result = await run('g++', args);
  if (result.status !== 0) {
    const firstError = result.stderr.split('\n').find((line) => /error/.test(line)) ?? result.stderr.split('\n')[0];
    throw new FpgasimError(`g++ ${flags.join(' ')} failed on ${dir}: ${firstError.trim()}`);
  }
}

const TOTALS = /^totals: kernels (\d+), decode steps (\d+), tensors (\d+), bytes (\d+), mismatches (\d+)$/m;

function summarize(stdout: string): TestbenchSummary | null {
  const totals = TOTALS.exec(stdout);
  if (!totals) return null;
  const [kernels, decodeSteps, tensors, bytes, mismatches] = totals.slice(1).map(Number);
  const mismatch = /^MISMATCH .*$/m.exec(stdout);
  return { kernels, decodeSteps, tensors, bytes, mismatches, firstMismatch: mismatch ? mismatch[0].slice('MISMATCH '.length) : null };
}

function testbenchArgs(dir: string, steps: number | undefined): string[] {
  return [join(dir, 'golden'), ...(steps === undefined ? [] : [String(steps)])];
}

/** Compiles and runs the project's testbench; throws FpgasimError for anything but a completed comparison. */
export async function validateHlsProject(dir: string, options: ValidateOptions = {}): Promise<ValidateResult> {
  const log = options.log ?? (() => {});
  const extra = options.extraFlags ?? [];
  check(hasGxx(), 'g++ was not found on PATH: validate-hls compiles the emitted C++ with g++ (install it, e.g. apt-get install g++)');
  for (const file of PROJECT_FILES) {
    check(existsSync(join(dir, file)), `${dir} is not an emit-hls project: ${file} is missing (write one with fpgasim emit-hls --out ${dir})`);
  }
  check(options.steps === undefined || (Number.isInteger(options.steps) && options.steps >= 0), `--tokens ${options.steps}: allowed a whole number >= 0`);
  const buildDir = join(dir, 'build');
  mkdirSync(buildDir, { recursive: true });

  const flags = [...CONTRACT_FLAGS, ...OPTIMIZED, ...extra];
  log(`compiling ${dir} with g++ ${flags.join(' ')} ...`);
  const binary = join(buildDir, 'tb');
  await compile(dir, binary, flags);
  log('running the testbench on the golden vectors ...');
  const result = await run(binary, testbenchArgs(dir, options.steps));
  const summary = summarize(result.stdout);
  if (summary === null || (result.status !== 0 && result.status !== 1)) {
    const why = result.signal ? `killed by ${result.signal}` : `exit status ${result.status}`;
    const detail = (result.stderr.trim().split('\n')[0] ?? '').trim();
    throw new FpgasimError(`the testbench in ${dir} did not finish its comparison (${why})${detail ? `: ${detail}` : ''}`);
  }
  for (const line of result.stdout.split('\n')) if (line.startsWith('  ')) log(line); // the per-test table
  const bitExact = summary.mismatches === 0;
  if (!bitExact || options.sanitize === false) return { ...summary, bitExact, sanitizer: 'skipped', output: result.stdout };

  const sanitizedFlags = [...CONTRACT_FLAGS, ...SANITIZED, ...extra];
  log(`compiling with g++ ${sanitizedFlags.join(' ')} ...`);
  const sanitizedBinary = join(buildDir, 'tb_sanitized');
  await compile(dir, sanitizedBinary, sanitizedFlags);
  log('running the testbench under AddressSanitizer and UndefinedBehaviorSanitizer ...');
  const env = { ...process.env, ASAN_OPTIONS: 'abort_on_error=0:exitcode=3', UBSAN_OPTIONS: 'print_stacktrace=1:exitcode=3' };
  const sanitized = await run(sanitizedBinary, testbenchArgs(dir, options.steps), env);
  const findingLine = sanitized.stderr.split('\n').find((line) => /ERROR: \w+Sanitizer|runtime error:/.test(line));
  if (findingLine !== undefined || sanitized.status !== 0) {
    const why = findingLine?.trim() ?? `the sanitized testbench ended with ${sanitized.signal ?? `exit status ${sanitized.status}`}`;
    return { ...summary, bitExact, sanitizer: { finding: why }, output: result.stdout };
  }
  return { ...summary, bitExact, sanitizer: 'clean', output: result.stdout };
}
