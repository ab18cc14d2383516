// emitHlsProject: what it writes, that the same inputs give the same bytes, what it refuses, and that a
// perturbed generated constant is caught by validation at the exact place it first changes a result.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitHlsProject } from '../../../kernels/hls/project.js';
import { validateHlsProject } from '../../../kernels/hls/validate.js';
import { synthModel } from '../../../kernels/model/synth.js';
import type { ModelConfig } from '../../../kernels/model/types.js';
import { randomF32Model } from '../model/fixtures.js';
import { sequentialPoint } from './design-points.js';
import { GXX_NOTE, NO_GXX } from '../../helpers/skip.js';

const SHAPE: ModelConfig = { dim: 32, hiddenDim: 64, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 24, seqLen: 8 };
const root = mkdtempSync(join(tmpdir(), 'fpgasim-hls-project-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const emit = (name: string, overrides: Partial<Parameters<typeof emitHlsProject>[0]> = {}) =>
  emitHlsProject({ hls: sequentialPoint(4), model: synthModel(SHAPE, { seed: 9, groupSize: 4 }), modelName: 'test shape', steps: 2, seed: 9, outDir: join(root, name), ...overrides });

describe('emitHlsProject', () => {
  const first = emit('first');

  it('writes the headers, the testbench, the generated sources, the golden data and the scripts', () => {
    expect(first.files.filter((f) => f.startsWith('include/'))).toEqual([
      'include/fpgasim_attention.h',
      'include/fpgasim_design_math.h',
      'include/fpgasim_embed.h',
      'include/fpgasim_hls.h',
      'include/fpgasim_math.h',
      'include/fpgasim_math_glibc.h',
      'include/fpgasim_matvec.h',
      'include/fpgasim_quantize.h',
      'include/fpgasim_residual.h',
      'include/fpgasim_rmsnorm.h',
      'include/fpgasim_rope.h',
      'include/fpgasim_softmax.h',
      'include/fpgasim_stream.h',
      'include/fpgasim_striped.h',
      'include/fpgasim_swiglu.h',
    ]);
    expect(first.files.filter((f) => !f.startsWith('include/'))).toEqual([
      'tb/tb.cpp',
      'src/fpgasim_config.h',
      'src/fpgasim_decode.cpp',
      'golden/manifest.txt',
      'run_hls.tcl',
      'connectivity.cfg',
      'README.md',
    ]);
    expect(first.tests).toBe(17); // 16 kernel tests and the decode steps
    const manifest = readFileSync(join(root, 'first', 'golden', 'manifest.txt'), 'utf8');
    expect(manifest).toContain('test decode decode\nscalar decode steps 2\nscalar decode token.0 1\nscalar decode token.1 ');
    expect(manifest).toContain('tensor matvec.wq out out f32 32 matvec.wq.out.out.bin\n');
  });

  it('gives byte-identical golden data for the same model, design and seed', () => {
    emit('second');
    const files = readdirSync(join(root, 'first', 'golden')).sort();
    expect(readdirSync(join(root, 'second', 'golden')).sort()).toEqual(files);
    for (const file of files) expect(readFileSync(join(root, 'second', 'golden', file)).equals(readFileSync(join(root, 'first', 'golden', file))), file).toBe(true);
  });

  it('refuses a float32 model, a group size other than the design\'s, and more steps than seq_len', () => {
    expect(() => emit('refused', { model: randomF32Model(SHAPE, 'f32', true) })).toThrow(
      'test shape: emit-hls needs a Q8_0 (version 2) model; quantize a float32 one with fpgasim quantize',
    );
    expect(() => emit('refused', { model: synthModel(SHAPE, { seed: 1, groupSize: 8 }) })).toThrow(
      "test shape has group size 8 but the design's groupSize is 4: add --set groupSize=8",
    );
    expect(() => emit('refused', { steps: 9 })).toThrow('--tokens 9: allowed 1..seq_len 8');
  });
});

describe.skipIf(NO_GXX)(`validating emitted projects${GXX_NOTE}`, () => {
  it('finds a perturbed generated constant (the offset of the FFN norms) at the first logit it changes', async () => {
    const dir = join(root, 'perturbed');
    cpSync(join(root, 'first'), dir, { recursive: true });
    const header = join(dir, 'src', 'fpgasim_config.h');
    const text = readFileSync(header, 'utf8');
    expect(text).toContain('constexpr int64_t kNormRmsFfn = 64;');
    writeFileSync(header, text.replace('constexpr int64_t kNormRmsFfn = 64;', 'constexpr int64_t kNormRmsFfn = 65;'));
    const result = await validateHlsProject(dir, { extraFlags: ['-O0'], sanitize: false });
    expect(result.bitExact).toBe(false);
    // every kernel test still matches: only the decode step reads the norms through that offset
    expect(result.firstMismatch).toMatch(/^decode logits\.0\[0\]: expected 0x[0-9a-f]{8} actual 0x[0-9a-f]{8}$/);
    expect(result.output).toMatch(/^ {2}matvec\.wq +matvec +1 tensors +128 bytes +0 mismatches$/m);
    expect(result.output).toMatch(/^ {2}decode +decode +2 tensors +192 bytes +\d+ mismatches$/m);
  }, 120_000);

  it('refuses a directory that is not a project', async () => {
    await expect(validateHlsProject(root)).rejects.toThrow(`${root} is not an emit-hls project: src/fpgasim_decode.cpp is missing (write one with fpgasim emit-hls --out ${root})`);
  });
});
