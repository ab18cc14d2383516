// The int8 decode speed of kernels/forward.ts on a synthetic stories110M model, next to a C peer
// (bench/c/q80_decode.c, llama2.c runq.c's arithmetic) built with gcc -O2 and with -O3 -march=native and
// run on the same file, the same positions and the same tokens in the same run.
//
//   1. synthesize the model into a temporary directory (never committed; removed afterwards)
//   2. build the C peer twice
//   3. time TypeScript as users get it (Transformer's int8Dot 'auto': WebAssembly matvecs where they apply)
//      and in plain TypeScript (int8Dot 'js'): WARMUP positions, then REPEATS runs over positions
//      0..POSITIONS-1; the median run
//   4. time each C build the same way
//   5. print the table and the ratios; check that both TypeScript paths give the same logits to the bit,
//      and that the argmax of the first positions' logits agree with C's
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Transformer, type Int8Dot } from '../kernels/forward.js';
import { loadModel } from '../kernels/model/read.js';
import type { Model } from '../kernels/model/types.js';
import { MODEL_SHAPES } from '../kernels/model/shapes.js';
import { synthModel } from '../kernels/model/synth.js';
import { writeQ8Checkpoint } from '../kernels/model/write.js';
import { median, type BenchSection } from './section.js';

const SHAPE = 'stories110M';
const SEED = 'bench';
const POSITIONS = 24;
const WARMUP_POSITIONS = 4;
const REPEATS = 5;
/** Positions whose argmax TypeScript and C must agree on (the peer uses libm, so only a sanity check). */
const CHECKED_POSITIONS = 6;
const PEER_SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'c', 'q80_decode.c');
const TYPESCRIPT_PATHS: { name: string; int8Dot: Int8Dot }[] = [
  { name: 'TypeScript', int8Dot: 'auto' },
  { name: 'TypeScript, plain (js)', int8Dot: 'js' },
];
const BUILDS = [
  { name: 'C -O2', flags: ['-O2'] },
  { name: 'C -O3 -march=native', flags: ['-O3', '-march=native'] },
];

/** The token fed at position pos; q80_decode.c's token_at feeds the same. */
const tokenAt = (pos: number, vocabSize: number) => (1 + 7919 * pos) % vocabSize;

interface Timing {
  tokensPerSecond: number[]; // one per repeat
  argmax: number[]; // per position, from the first repeat
}

interface TypeScriptTiming extends Timing {
  logits: Buffer; // the first CHECKED_POSITIONS positions' logits, from the first repeat
}

function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

function timeTypeScript(model: Model, int8Dot: Int8Dot, log: (line: string) => void): TypeScriptTiming {
  const transformer = new Transformer(model, undefined, { int8Dot });
  log(`  int8Dot '${int8Dot}': the matvecs run in ${transformer.int8Dot === 'wasm' ? 'WebAssembly' : 'plain TypeScript'}`);
  const vocabSize = transformer.config.vocabSize;
  for (let pos = 0; pos < WARMUP_POSITIONS; pos++) transformer.forward(tokenAt(pos, vocabSize), pos);
  const timing: TypeScriptTiming = { tokensPerSecond: [], argmax: [], logits: Buffer.alloc(0) };
  const checkedLogits: Buffer[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const start = performance.now();
    for (let pos = 0; pos < POSITIONS; pos++) {
      const logits = transformer.forward(tokenAt(pos, vocabSize), pos);
      if (r === 0) timing.argmax.push(argmax(logits));
      if (r === 0 && pos < CHECKED_POSITIONS) checkedLogits.push(Buffer.from(logits.slice().buffer));
    }
    timing.tokensPerSecond.push(POSITIONS / ((performance.now() - start) / 1000));
    log(`  run ${r + 1}/${REPEATS}: ${timing.tokensPerSecond[r].toFixed(2)} tok/s`);
  }
  timing.logits = Buffer.concat(checkedLogits);
  return timing;
}

function timeC(binary: string, modelPath: string): Timing {
  const stdout = execFileSync(binary, [modelPath, String(POSITIONS), String(WARMUP_POSITIONS), String(REPEATS)], { encoding: 'utf8' });
  return JSON.parse(stdout) as Timing;
}

const fixed = (value: number, width: number, digits = 2) => value.toFixed(digits).padStart(width);

export const decodeSection: BenchSection = {
  name: 'decode',
  describe: `int8 decode tokens/s on a synthetic ${SHAPE}: TypeScript (as users get it, and plain) vs a C peer (gcc -O2, -O3 -march=native)`,
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'fpgasim-bench-'));
    try {
      const modelPath = join(dir, `${SHAPE}.bin`);
      log(`synthesizing ${SHAPE} (seed '${SEED}') into ${modelPath}`);
      writeFileSync(modelPath, writeQ8Checkpoint(synthModel(MODEL_SHAPES[SHAPE], { seed: SEED })));

      const binaries = BUILDS.map((build, i) => {
        const binary = join(dir, `q80_decode_${i}`);
        log(`building the C peer: gcc ${build.flags.join(' ')}`);
        execFileSync('gcc', [...build.flags, '-o', binary, PEER_SOURCE, '-lm']);
        return binary;
      });

      const model = loadModel(modelPath);
      const tsTimings = TYPESCRIPT_PATHS.map((path) => {
        log(`timing ${path.name}: ${WARMUP_POSITIONS} warm-up positions, then ${REPEATS} runs of positions 0..${POSITIONS - 1}`);
        return { name: path.name, timing: timeTypeScript(model, path.int8Dot, log) };
      });
      const results: { name: string; timing: Timing }[] = [...tsTimings];
      BUILDS.forEach((build, i) => {
        log(`timing ${build.name}: the same positions`);
        const timing = timeC(binaries[i], modelPath);
        log(`  runs: ${timing.tokensPerSecond.map((t) => t.toFixed(2)).join(', ')} tok/s`);
        results.push({ name: build.name, timing });
      });

      const medians = results.map((r) => median(r.timing.tokensPerSecond));
      log('');
      log(`${'implementation'.padEnd(24)} ${'median tok/s'.padStart(12)} ${'TS / this'.padStart(10)}`);
      results.forEach((r, i) => log(`${r.name.padEnd(24)} ${fixed(medians[i], 12)} ${fixed(medians[0] / medians[i], 9)}x`));
      log('');
      const medianOf = (name: string) => medians[results.findIndex((r) => r.name === name)];
      log(
        `TypeScript ${fixed(medians[0], 0)} tok/s: ${fixed(medians[0] / medianOf('C -O2'), 0)}x C -O2, ${fixed(medians[0] / medianOf('C -O3 -march=native'), 0)}x C -O3 -march=native (target >= 1x C -O2)`,
      );

      const sameBits = tsTimings.every((t) => t.timing.logits.equals(tsTimings[0].timing.logits));
      log(`logits of positions 0..${CHECKED_POSITIONS - 1}: ${TYPESCRIPT_PATHS.map((p) => p.name).join(' and ')} ${sameBits ? 'equal to the bit' : 'DIFFER'}`);
      let agree = sameBits;
      const expected = results[0].timing.argmax.slice(0, CHECKED_POSITIONS);
      for (const r of results.slice(TYPESCRIPT_PATHS.length)) {
        const got = r.timing.argmax.slice(0, CHECKED_POSITIONS);
        const same = got.every((token, pos) => token === expected[pos]);
        agree &&= same;
        log(`argmax of positions 0..${CHECKED_POSITIONS - 1}: TypeScript [${expected}], ${r.name} [${got}]: ${same ? 'agree' : 'DISAGREE'}`);
      }
      return agree;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
