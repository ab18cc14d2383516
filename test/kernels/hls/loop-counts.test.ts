// The C++ headers' loop structure against the kernels' loop descriptions: each header is compiled by g++
// with every directive hook FPGASIM_DIRECTIVES_<kernel>_<label> (a loop's first statement) defined as a
// counter, and with its off-chip arrays (weights, embedding, KV cache) passed as counting proxies; each
// kernel runs once, and the iterations each labelled loop ran and the bytes it moved off chip are compared
// with the description's trip counts (times those of the loops around it) and bytes. A label renamed, a
// loop added or dropped, a trip count or an off-chip access changed on one side only fails here.
// Not counted: operations by kind, and on-chip array bytes (the headers use plain float arrays).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDecodeStep } from '../../../kernels/describe-step.js';
import { emitConfigHeader } from '../../../kernels/hls/emit-config-header.js';
import { CONTRACT_FLAGS } from '../../../kernels/hls/validate.js';
import { totalBytes, type KernelName, type Loop } from '../../../kernels/loops.js';
import type { ModelConfig } from '../../../kernels/model/types.js';
import type { Accumulators } from '../../../kernels/reduction.js';
import { GXX_NOTE, NO_GXX } from '../../helpers/skip.js';
import { sequentialPoint } from './design-points.js';

const INCLUDE_DIR = resolve(import.meta.dirname, '../../../kernels/hls/include');
const root = mkdtempSync(join(tmpdir(), 'fpgasim-loop-counts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Which call of the step each kernel is measured on (a quantize and a matvec of hidden_dim inputs or outputs). */
const MEASURED: Record<KernelName, string> = {
  embed: 'embed',
  rmsnorm: 'L0.rms_att',
  quantize: 'L0.quantize_w2',
  matvec: 'L0.w1',
  rope: 'L0.rope',
  attention: 'L0.attention',
  swiglu: 'L0.swiglu',
  residual: 'L0.residual_att',
};

/** The off-chip arrays the driver passes as counting proxies (the kernels' templated array arguments). */
const PROXIED = ['table', 'w.q', 'w.s', 'key_cache', 'value_cache'];

// Inputs are never zero (an all-zero quantize group skips its round loop, in TypeScript as in C++).
const DRIVER = String.raw`
#include "fpgasim_config.h"
#include <cstdio>
#include <map>
#include <string>
#include <type_traits>
static std::map<std::string, long> fpgasim_counts;
#define FPGASIM_COUNT(name) fpgasim_counts[name]++;
#include "fpgasim_attention.h"
#include "fpgasim_embed.h"
#include "fpgasim_matvec.h"
#include "fpgasim_quantize.h"
#include "fpgasim_residual.h"
#include "fpgasim_rmsnorm.h"
#include "fpgasim_rope.h"
#include "fpgasim_swiglu.h"

// An off-chip array as the kernels index it (fpgasim_row, fpgasim_store, + offset), counting bytes moved.
static std::map<std::string, long> fpgasim_bytes;
template <typename T>
struct counted {
  T* data;
  const char* name;
};
template <typename T>
struct counted_row {
  T* data;
  const char* name;
  std::remove_const_t<T> operator[](int64_t col) const {
    fpgasim_bytes[std::string("read ") + name] += sizeof(T);
    return data[col];
  }
};
template <int64_t ROW, typename T>
counted_row<T> fpgasim_row(const counted<T>& a, int64_t row, int64_t first = 0) { return {a.data + row * ROW + first, a.name}; }
template <int64_t ROW, typename T>
void fpgasim_store(const counted<T>& a, int64_t row, int64_t col, T value) {
  fpgasim_bytes[std::string("write ") + a.name] += sizeof(T);
  a.data[row * ROW + col] = value;
}

static float f[8][1 << 14];
static int8_t b[2][1 << 14];
static void report(const char* kernel) {
  for (const auto& [hook, n] : fpgasim_counts) std::printf("%s loop %s %ld\n", kernel, hook.c_str(), n);
  for (const auto& [access, n] : fpgasim_bytes) std::printf("%s %s %ld\n", kernel, access.c_str(), n);
  fpgasim_counts.clear();
  fpgasim_bytes.clear();
}
int main() {
  for (int a = 0; a < 8; a++) for (int i = 0; i < (1 << 14); i++) f[a][i] = 0.0625f + 0.125f * static_cast<float>((i * 37 + a) % 17 - 8);
  for (int a = 0; a < 2; a++) for (int i = 0; i < (1 << 14); i++) b[a][i] = static_cast<int8_t>((i * 13 + a) % 255 - 127);
  const counted<const float> table{f[1], "table"};
  const counted<const int8_t> wq{b[1], "w.q"};
  const counted<const float> ws{f[2], "w.s"};
  const counted<float> key_cache{f[4], "key_cache"}, value_cache{f[5], "value_cache"};
  fpgasim_embed<DIM>(f[0], table, 1); report("embed");
  fpgasim_rmsnorm<DIM, rmsnorm_config>(f[0], f[1], f[2]); report("rmsnorm");
  fpgasim_quantize<HIDDEN_DIM, quantize_config>(b[0], f[0], f[1]); report("quantize");
  fpgasim_matvec<DIM, HIDDEN_DIM, matvec_config>(f[0], b[0], f[1], wq, ws); report("matvec");
  fpgasim_rope<DIM, KV_DIM, HEAD_SIZE>(f[0], f[1], POS); report("rope");
  fpgasim_attention<attention_config>(f[0], f[1], f[2], f[3], key_cache, value_cache, f[6], POS); report("attention");
  fpgasim_swiglu<HIDDEN_DIM>(f[0], f[0], f[1]); report("swiglu");
  fpgasim_residual<DIM>(f[0], f[1]); report("residual");
  return 0;
}
`;

/** Iterations of each labelled loop in one run of a loop nest. */
function iterations(loops: Loop[], times = 1, into: Record<string, number> = {}): Record<string, number> {
  for (const loop of loops) {
    into[loop.label] = (into[loop.label] ?? 0) + times * loop.trip;
    iterations(loop.inner, times * loop.trip, into);
  }
  return into;
}

interface Counted {
  loops: Record<string, number>; // label -> iterations
  bytes: Record<string, number>; // 'read <array>' / 'write <array>' -> bytes, off-chip arrays
}

/** What the compiled headers counted, per kernel. */
function countRuns(name: string, model: ModelConfig, groupSize: number, accumulators: Accumulators, pos: number): Record<string, Counted> {
  const hls = { ...sequentialPoint(groupSize), accumulators };
  const config = emitConfigHeader(hls, model, 'loop-count test').replace(/^#define (FPGASIM_DIRECTIVES_(\w+?)_(\w+))\b.*$/gm, (_, macro, _kernel, label) => `#define ${macro} FPGASIM_COUNT("${label}")`);
  const dir = mkdtempSync(join(root, `${name}-`));
  writeFileSync(join(dir, 'fpgasim_config.h'), config);
  writeFileSync(join(dir, 'driver.cpp'), DRIVER);
  const binary = join(dir, 'driver');
  const compiled = spawnSync('g++', [...CONTRACT_FLAGS, '-O0', `-DPOS=${pos}`, '-I', dir, '-I', INCLUDE_DIR, join(dir, 'driver.cpp'), '-o', binary], { encoding: 'utf8' });
  expect(compiled.stderr).toBe('');
  const run = spawnSync(binary, [], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  const counts: Record<string, Counted> = {};
  for (const line of run.stdout.trim().split('\n')) {
    const [kernel, what, name, n] = line.split(' ');
    const c = (counts[kernel] ??= { loops: {}, bytes: {} });
    if (what === 'loop') c.loops[name] = Number(n);
    else c.bytes[`${what} ${name}`] = Number(n);
  }
  return counts;
}

const CASES: { name: string; model: ModelConfig; groupSize: number; accumulators: Accumulators; pos: number }[] = [
  {
    name: 'gqa-split-sums',
    model: { dim: 16, hiddenDim: 40, nLayers: 1, nHeads: 4, nKvHeads: 2, vocabSize: 8, seqLen: 8 },
    groupSize: 4,
    accumulators: { matvec: 2, rmsnorm: 3, softmax: 2, attentionScore: 3, attentionValue: 4 },
    pos: 5,
  },
  {
    name: 'mha-sequential-pos0',
    model: { dim: 24, hiddenDim: 48, nLayers: 1, nHeads: 3, nKvHeads: 3, vocabSize: 8, seqLen: 4 },
    groupSize: 8,
    accumulators: { matvec: 1, rmsnorm: 1, softmax: 1, attentionScore: 1, attentionValue: 1 },
    pos: 0,
  },
];

describe.skipIf(NO_GXX)(`the C++ headers' labelled loops against the loop descriptions${GXX_NOTE}`, () => {
  it('every header labels (and hooks) exactly the loops its kernel describes', () => {
    const hooks = new Set<string>();
    for (const file of readdirSync(INCLUDE_DIR)) {
      for (const m of readFileSync(join(INCLUDE_DIR, file), 'utf8').matchAll(/^\s*FPGASIM_DIRECTIVES_(\w+)\s*$/gm)) hooks.add(m[1]);
    }
    const c = CASES[0];
    const described = new Set(
      describeDecodeStep(c.model, c.pos, c).flatMap((call) => Object.keys(iterations(call.loops)).map((label) => `${call.kernel}_${label}`)),
    );
    expect([...hooks].sort()).toEqual([...described].sort());
  });

  for (const c of CASES) {
    it(`${c.name}: each labelled loop runs its described iterations, and moves its described off-chip bytes`, () => {
      const counted = countRuns(c.name, c.model, c.groupSize, c.accumulators, c.pos);
      const calls = describeDecodeStep(c.model, c.pos, c);
      for (const [kernel, callName] of Object.entries(MEASURED)) {
        const call = calls.find((x) => x.name === callName)!;
        expect(call.kernel).toBe(kernel);
        expect(counted[kernel].loops, `${c.name} ${callName}`).toEqual(iterations(call.loops));
        const offChip = call.arrays.filter((a) => PROXIED.includes(a.name)).map((a) => a.name);
        const described: Record<string, number> = {};
        for (const kind of ['reads', 'writes'] as const) {
          for (const [array, n] of Object.entries(totalBytes(call.loops, kind))) if (offChip.includes(array)) described[`${kind === 'reads' ? 'read' : 'write'} ${array}`] = n;
        }
        expect(Object.keys(described).length, callName).toBe(offChip.length + (kernel === 'attention' ? 2 : 0)); // the cache is read and written
        expect(counted[kernel].bytes, `${c.name} ${callName} bytes`).toEqual(described);
      }
    }, 60_000);
  }
});
