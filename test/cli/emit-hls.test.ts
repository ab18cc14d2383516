// fpgasim emit-hls as a user runs it: the HLSTransform design for a synthetic stories15M (group size 32:
// 64 does not divide dim 288) validated bit-exact with g++ and the sanitizers; its pragmas read back out
// of the emitted files and compared with designs/hlstransform.json; the real stories260K; and refusals.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDecodeStep } from '../../kernels/describe-step.js';
import type { KernelName, Loop } from '../../kernels/loops.js';
import { modelFile, PROJECT_ROOT } from '../helpers/models.js';
import { oneErrorLine, runFpgasim } from '../helpers/run-cli.js';
import { GXX_NOTE, NO_GXX } from '../helpers/skip.js';

const root = mkdtempSync(join(tmpdir(), 'fpgasim-emit-hls-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every HLS pragma of a text: `#pragma HLS ...` lines and the FPGASIM_PRAGMA(HLS ...) of directive hooks. */
function pragmasIn(text: string): string[] {
  return [...text.matchAll(/#pragma HLS (.+)$|FPGASIM_PRAGMA\(HLS ([^)]*)\)/gm)].map((m) => (m[1] ?? m[2]).trim());
}

/** The generated header's `#define FPGASIM_...` hooks, each with its pragmas. */
function hooksIn(header: string): Map<string, string[]> {
  return new Map([...header.matchAll(/^#define (FPGASIM_(?:DIRECTIVES|BUFFER)_\w+)(.*)$/gm)].map((m) => [m[1], pragmasIn(m[2])]));
}

describe('fpgasim emit-hls --model-shape stories15M (the HLSTransform design)', () => {
  const out = join(root, 'hls15M');
  const emitted = runFpgasim('emit-hls', '--model-shape', 'stories15M', '--set', 'groupSize=32', '--tokens', '3', '--out', out);

  it('writes the project and says how to check it', () => {
    expect(emitted.stderr).toBe('');
    expect(emitted.status).toBe(0);
    expect(emitted.stdout).toContain('synthesizing a seeded stories15M model (seed 0, group size 32) ...');
    expect(emitted.stdout).toContain("note: the design names Vitis's hls_math (priced as such); the emitted C++ calls fpgasim's glibc-compatible functions instead, bit-exact with the simulator");
    expect(emitted.stdout).toMatch(new RegExp(`^wrote ${out}: 22 files, 17 golden tests \\([\\d,]+ bytes\\); check it with: fpgasim validate-hls ${out}$`, 'm'));
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toContain('design point `hlstransform` (designs/hlstransform.json --set groupSize=32) for synthetic stories15M (seed 0)');
    expect(readme).toContain('vitis_hls -f run_hls.tcl');
    expect(readme).toContain('Math (exp/sin/cos/pow): `glibc`'); // the design names vitis-hls, which is emitted as glibc's functions
    expect(readFileSync(join(out, 'src', 'fpgasim_config.h'), 'utf8')).toContain('#define FPGASIM_MATH_GLIBC 1');
  });

  it.skipIf(NO_GXX)(`is bit-exact under g++ -O2 and clean under ASan/UBSan (validate-hls)${GXX_NOTE}`, () => {
    const result = runFpgasim('validate-hls', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^compiling .* with g\+\+ -std=c\+\+17 -ffp-contract=off -Wall -Wextra -Werror -Wno-unknown-pragmas -Wno-unused-label -O2 \.\.\.$/);
    expect(lines).toContain('running the testbench on the golden vectors ...');
    expect(lines).toContain('running the testbench under AddressSanitizer and UndefinedBehaviorSanitizer ...');
    // 9 kernels (16 tests, 23 tensors) and 3 logits of 32,000 floats
    expect(lines.slice(-3)).toEqual([
      'compared 9 kernels and 3 decode steps: 26 tensors, 997,154 bytes, 0 mismatched elements',
      'bit-exact',
      'sanitizers (address, undefined): no findings',
    ]);
  }, 300_000);

  describe('has the pragmas designs/hlstransform.json describes', () => {
    const design = JSON.parse(readFileSync(join(PROJECT_ROOT, 'designs', 'hlstransform.json'), 'utf8'));
    const header = readFileSync(join(out, 'src', 'fpgasim_config.h'), 'utf8');
    const top = readFileSync(join(out, 'src', 'fpgasim_decode.cpp'), 'utf8');
    const hooks = hooksIn(header);
    const topPragmas = pragmasIn(top);

    it('pipelines and unrolls every loop as the design says (loops inside a pipelined loop are left to HLS)', () => {
      const tiny = { dim: 8, hiddenDim: 16, nLayers: 1, nHeads: 2, nKvHeads: 1, vocabSize: 8, seqLen: 4 };
      const seen = new Set<KernelName>();
      let checked = 0;
      for (const call of describeDecodeStep(tiny, 1, { groupSize: 4, accumulators: design.accumulators })) {
        if (seen.has(call.kernel)) continue;
        seen.add(call.kernel);
        const d = design.kernels[call.kernel];
        const visit = (loop: Loop, insidePipeline: boolean) => {
          const pipelined = d.pipeline.includes(loop.label);
          const unroll = d.unroll?.[loop.label];
          const expected = insidePipeline ? [] : [pipelined ? `PIPELINE II=${d.ii ?? 1}` : 'PIPELINE off', ...(unroll ? [`UNROLL factor=${unroll}`] : [])];
          expect(hooks.get(`FPGASIM_DIRECTIVES_${call.kernel}_${loop.label}`), `${call.kernel} ${loop.label}`).toEqual(expected);
          checked++;
          loop.inner.forEach((inner) => visit(inner, insidePipeline || pipelined));
        };
        call.loops.forEach((loop) => visit(loop, false));
      }
      expect(checked).toBe(25); // every labelled loop of the 8 kernels (test/kernels/hls/directives.test.ts counts them)
      expect(hooks.get('FPGASIM_DIRECTIVES_matvec_rows')).toEqual(['PIPELINE II=1']);
      expect(hooks.get('FPGASIM_DIRECTIVES_rmsnorm_sum_squares')).toEqual(['PIPELINE II=1', 'UNROLL factor=128']);
      expect(hooks.get('FPGASIM_DIRECTIVES_matvec_lanes')).toEqual([]);
    });

    it('partitions the staged row buffer and the activation arrays as the design says', () => {
      expect(hooks.get('FPGASIM_BUFFER_matvec_w_q')).toEqual(['ARRAY_PARTITION variable=wq_row type=cyclic factor=32 dim=1']);
      expect(hooks.get('FPGASIM_BUFFER_matvec_w_s')).toEqual([]); // staged, no partition asked
      expect(header).toMatch(/stage_w_q = true;[\s\S]*stage_w_s = true;[\s\S]*stage_weight = true;[\s\S]*stage_key_cache = false;/);
      // activationPartition cyclic 16, except where a kernel asks for more banks: quantize's x (cyclic 64)
      // is xb and hb; matvec's xq.q (cyclic 16) and xq.s (cyclic 4) and quantize's xq.s (cyclic 16) keep 16
      const factors: Record<string, number> = { x: 16, xb: 64, xb2: 16, hb: 64, hb2: 16, xq: 16, xs: 16, q: 16, k: 16, v: 16, att: 16 };
      for (const [array, factor] of Object.entries(factors)) {
        expect(topPragmas, array).toContain(`ARRAY_PARTITION variable=${array} type=cyclic factor=${factor} dim=1`);
        expect(topPragmas, array).toContain(`BIND_STORAGE variable=${array} type=ram_2p impl=${design.placement.activation}`);
      }
      expect(topPragmas.filter((p) => p.startsWith('ARRAY_PARTITION'))).toHaveLength(11);
    });

    it('puts each array on its m_axi bundle with the bundle\'s burst settings, and the control on s_axilite', () => {
      const ports: [string, string, number][] = [
        ['weights_q', 'weights', 0],
        ['weights_s', 'weights', 0],
        ['norms', 'norm', 13 * 288],
        ['embedding', 'embedding', 32000 * 288],
        ['key_cache', 'kv-cache', 6 * 256 * 288],
        ['value_cache', 'kv-cache', 6 * 256 * 288],
        ['logits', 'logits', 32000],
      ];
      let count = 0;
      for (const [array, role, depth] of ports) {
        // a role striped over a list of bundles has one port per share, <array>_<k> on the k-th bundle
        const where: string | string[] = design.placement[role];
        const shares = Array.isArray(where) ? where.map((bundle, k) => [`${array}_${k}`, bundle, 0] as const) : [[array, where, depth] as const];
        for (const [port, bundle, portDepth] of shares) {
          const b = design.bundles[bundle];
          const line = topPragmas.find((p) => p.startsWith(`INTERFACE mode=m_axi port=${port} `));
          expect(line, port).toMatch(
            new RegExp(`^INTERFACE mode=m_axi port=${port} offset=slave bundle=${bundle} depth=${portDepth || '\\d+'} max_read_burst_length=${b.maxReadBurstBeats} num_read_outstanding=${b.maxOutstandingReads} max_widen_bitwidth=${b.widthBits}$`),
          );
          count++;
        }
      }
      expect(topPragmas.filter((p) => p.startsWith('INTERFACE mode=m_axi'))).toHaveLength(count);
      for (const port of ['token', 'pos', 'return']) expect(topPragmas).toContain(`INTERFACE mode=s_axilite port=${port}`);
      expect(topPragmas).not.toContain('DATAFLOW'); // composition "sequential"
    });

    it('synthesizes for the device part at the design clock, and links one compute unit', () => {
      const tcl = readFileSync(join(out, 'run_hls.tcl'), 'utf8');
      expect(tcl).toContain('set_part {xcvu9p-flgb2104-2-i}');
      expect(tcl).toContain('create_clock -period 4 -name default'); // 250 MHz
      for (const step of ['set_top fpgasim_decode', 'open_solution -reset -flow_target vitis solution1', 'csim_design', 'csynth_design', 'cosim_design', 'export_design -format xo']) {
        expect(tcl).toContain(step);
      }
      const cfg = readFileSync(join(out, 'connectivity.cfg'), 'utf8');
      expect(cfg).toContain('[connectivity]\nnk=fpgasim_decode:1:fpgasim_decode_1\n');
      expect(cfg).not.toMatch(/^sp=/m); // hlstransform leaves every bundle on the platform's default bank (striped designs: test/kernels/hls/striped.test.ts)
    });
  });
});

describe('fpgasim emit-hls --model (the real stories260K, group size 4)', () => {
  const q80 = modelFile('stories260K_q80_gs4.bin');

  it.skipIf(!q80.present || NO_GXX)(`decodes 8 steps bit-exact through the emitted C++ ${q80.missing}${GXX_NOTE}`, () => {
    const out = join(root, 'hls260K');
    const emitted = runFpgasim('emit-hls', '--model', q80.path, '--set', 'groupSize=4', '--set', 'accumulators.matvec=4', '--tokens', '8', '--out', out);
    expect(emitted.stderr).toBe('');
    expect(emitted.status).toBe(0);
    const result = runFpgasim('validate-hls', out, '--no-sanitize');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('compared 9 kernels and 8 decode steps: 31 tensors');
    expect(result.stdout).toMatch(/0 mismatched elements\nbit-exact\nsanitizers: skipped \(--no-sanitize\)\n$/);
    expect(readFileSync(join(out, 'golden', 'manifest.txt'), 'utf8')).toContain('scalar decode token.0 1\n');
  }, 300_000);
});

describe('fpgasim emit-hls refuses, in one line', () => {
  const out = join(root, 'refused');

  it('a missing model', () => {
    expect(oneErrorLine(runFpgasim('emit-hls', '--out', out))).toBe('fpgasim: give the model: --model-shape NAME (a seeded synthetic model) or --model FILE');
  });

  it('a shape whose weights exceed 1 GiB', () => {
    expect(oneErrorLine(runFpgasim('emit-hls', '--model-shape', 'llama2-7b', '--out', out))).toMatch(
      /^fpgasim: --model-shape llama2-7b: its weights take 7\.\d GiB in device memory, over emit-hls's 1 GiB limit/,
    );
  });

  it('striped norms (weights, embedding and KV cache may be striped; the norms may not)', () => {
    const refused = runFpgasim('emit-hls', '--model-shape', '64,128,1,2,2,16,8', '--set', 'placement.norm=["gmem0","gmem1"]', '--out', out);
    expect(oneErrorLine(refused)).toBe('fpgasim: placement.norm = ["gmem0","gmem1"]: emit-hls stripes only weights, embedding, kv-cache over several bundles; give norm one bundle');
  });
});
