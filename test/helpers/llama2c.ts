// llama2.c itself as a test peer: ../shared/reference/llama2c/run.c and runq.c (never modified, never copied
// into the project) patched in a temp dir so that generate() also writes every step's logits (raw float32,
// vocab_size values a step) and every token it picks (int32), then built with gcc -O2 and run.
//
// glibc on x86-64 picks an FMA or an SSE2 build of expf/sinf/cosf/powf at run time; fpgasim's "glibc" math
// is the SSE2 build (kernels/math/README.md), so the peer runs with the FMA selection switched off through
// GLIBC_TUNABLES (glibc 2.33+ names, then the older *_Usable names; unknown names are ignored). On a CPU
// without FMA the SSE2 build is chosen anyway.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from './models.js';

export const LLAMA2C_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'reference', 'llama2c');
export const HAS_GCC = spawnSync('gcc', ['--version']).status === 0;

/** The environment that makes glibc choose its non-FMA (SSE2) expf/sinf/cosf/powf. */
export const GLIBC_SSE2_ENV = { GLIBC_TUNABLES: 'glibc.cpu.hwcaps=-AVX2,-FMA,-AVX2_Usable,-FMA_Usable' };

/** Why the llama2.c peer cannot run here, or undefined when it can. */
export function llama2cMissing(): string | undefined {
  if (!HAS_GCC) return 'gcc is not on PATH';
  for (const file of ['run.c', 'runq.c']) if (!existsSync(join(LLAMA2C_DIR, file))) return `${join(LLAMA2C_DIR, file)} is absent`;
  return undefined;
}

/** Replaces the one occurrence of anchor in text by anchor + addition; throws if anchor is not there exactly once. */
function insertAfter(text: string, anchor: string, addition: string, file: string): string {
  const at = text.indexOf(anchor);
  if (at < 0 || text.indexOf(anchor, at + 1) >= 0) throw new Error(`${file}: expected exactly one '${anchor}' in generate() to patch`);
  return text.slice(0, at + anchor.length) + addition + text.slice(at + anchor.length);
}

const RECORD_LOGITS = `
        { static FILE* fpgasim_out = NULL; if (!fpgasim_out) fpgasim_out = fopen(getenv("FPGASIM_LOGITS"), "wb");
          fwrite(logits, sizeof(float), transformer->config.vocab_size, fpgasim_out); fflush(fpgasim_out); }`;
const RECORD_TOKEN = `
        { static FILE* fpgasim_out = NULL; if (!fpgasim_out) fpgasim_out = fopen(getenv("FPGASIM_TOKENS"), "wb");
          fwrite(&next, sizeof(int), 1, fpgasim_out); fflush(fpgasim_out); }`;

/** llama2.c's source with generate() recording logits and tokens: a text transformation of generate() only. */
export function patchLlama2c(source: string, file: string): string {
  const start = source.indexOf('\nvoid generate(');
  const end = source.indexOf('\n}\n', start);
  if (start < 0 || end < 0) throw new Error(`${file}: no generate() function to patch`);
  let body = source.slice(start, end);
  body = insertAfter(body, 'float* logits = forward(transformer, token, pos);', RECORD_LOGITS, file);
  body = insertAfter(body, '        pos++;', RECORD_TOKEN, file);
  return source.slice(0, start) + body + source.slice(end);
}

export interface Llama2cRun {
  tokens: Int32Array; // every token generate() picked (forced prompt tokens included), BOS last if it stopped there
  logits: Float32Array; // (steps run, vocab_size)
}

export interface Llama2cPeer {
  run(binary: 'run' | 'runq', args: { model: string; tokenizer: string; prompt: string; steps: number; temperature: number; topp: number; seed: number }): Llama2cRun;
  dispose(): void;
}

/** Patches and builds run.c and runq.c once with gcc -O2. */
export function buildLlama2c(): Llama2cPeer {
  const dir = mkdtempSync(join(tmpdir(), 'fpgasim-llama2c-'));
  for (const name of ['run', 'runq']) {
    const file = join(LLAMA2C_DIR, `${name}.c`);
    writeFileSync(join(dir, `${name}.c`), patchLlama2c(readFileSync(file, 'utf8'), file));
    const built = spawnSync('gcc', ['-O2', '-o', join(dir, name), join(dir, `${name}.c`), '-lm'], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`gcc -O2 ${name}.c failed:\n${built.stderr}`);
  }
  let runs = 0;
  return {
    run(binary, a) {
      const id = runs++;
      const [logitsPath, tokensPath] = [join(dir, `logits${id}.bin`), join(dir, `tokens${id}.bin`)];
      const args = [a.model, '-z', a.tokenizer, '-i', a.prompt, '-n', String(a.steps), '-t', String(a.temperature), '-p', String(a.topp), '-s', String(a.seed)];
      const result = spawnSync(join(dir, binary), args, { encoding: 'utf8', env: { ...process.env, ...GLIBC_SSE2_ENV, FPGASIM_LOGITS: logitsPath, FPGASIM_TOKENS: tokensPath } });
      if (result.status !== 0) throw new Error(`${binary} ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
      const [logits, tokens] = [readFileSync(logitsPath), readFileSync(tokensPath)];
      return {
        logits: new Float32Array(logits.buffer, logits.byteOffset, logits.byteLength / 4),
        tokens: new Int32Array(tokens.buffer, tokens.byteOffset, tokens.byteLength / 4),
      };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
