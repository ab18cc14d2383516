// Striped placements (a role on a list of m_axi bundles), emitted from real design files for small synthetic
// models and validated bit-exact under g++ and ASan/UBSan: HLSTransform's design with its weights over 2
// bundles; over vu9p-f1's 4 DDR channels with its KV cache over 4 and embedding over 2 (matvec rows unrolled
// by 1); over 4 with rows unrolled by 3, which 4 does not divide; and designs/vu9p-frontier.json (weights and
// KV cache over the 4 DDR channels, rows unrolled by 2) for a stories110M-shaped model scaled down, when that
// file exists. Compiled at -O0 as the sweep is (-ffp-contract=off leaves the optimizer no float freedom;
// validate-hls's -O2 is tested in test/cli/emit-hls.test.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitHlsProject } from '../../../kernels/hls/project.js';
import { validateHlsProject, type ValidateResult } from '../../../kernels/hls/validate.js';
import { synthModel } from '../../../kernels/model/synth.js';
import type { ModelConfig } from '../../../kernels/model/types.js';
import { loadDevice } from '../../../hw-models/devices/load.js';
import { loadDesign } from '../../../sim/design/load.js';
import { hlsConfigOf } from '../../../sim/hls-config.js';
import { PROJECT_ROOT } from '../../helpers/models.js';
import { pool } from './design-points.js';
import { GXX_NOTE, NO_GXX, skipNote } from '../../helpers/skip.js';

// group size 64 (both designs') divides dim and hidden_dim; vocab 90 and seq_len 10 leave the last shares a
// row short, and 6 decode steps write positions into every share of a 4-way striped cache
const GQA_SHAPE: ModelConfig = { dim: 128, hiddenDim: 320, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 90, seqLen: 10 };
const STORIES110M_SCALED: ModelConfig = { dim: 128, hiddenDim: 320, nLayers: 2, nHeads: 2, nKvHeads: 2, vocabSize: 90, seqLen: 10 }; // head size 64 as stories110M
const STEPS = 6;

const DDR = [0, 1, 2, 3].map((i) => `bundles.gmem${i}={"widthBits":512,"memory":"DDR[${i}]","maxReadBurstBeats":16,"maxOutstandingReads":16}`);
const over = (role: string, bundles: string[]) => `placement.${role}=${JSON.stringify(bundles)}`;
const FOUR = ['gmem0', 'gmem1', 'gmem2', 'gmem3'];

interface Variant {
  name: string;
  design: string;
  sets: string[];
  model: ModelConfig;
}

const frontierPresent = existsSync(join(PROJECT_ROOT, 'designs', 'vu9p-frontier.json'));
const VARIANTS: Variant[] = [
  { name: 'weights over 2 bundles', design: 'hlstransform', sets: [over('weights', ['gmem0', 'gmem1'])], model: GQA_SHAPE },
  {
    name: 'weights and KV cache over 4 DDR channels, embedding over 2',
    design: 'hlstransform',
    sets: [...DDR, over('weights', FOUR), over('kv-cache', FOUR), over('embedding', ['gmem3', 'gmem1'])],
    model: GQA_SHAPE,
  },
  { name: 'weights over 4, matvec rows unrolled by 3', design: 'hlstransform', sets: [...DDR, over('weights', FOUR), 'kernels.matvec.unroll.rows=3'], model: GQA_SHAPE },
  ...(frontierPresent ? [{ name: 'vu9p-frontier', design: 'vu9p-frontier', sets: [], model: STORIES110M_SCALED }] : []),
];

describe.skipIf(NO_GXX)(`striped designs emitted and validated with g++${GXX_NOTE}`, () => {
  const root = mkdtempSync(join(tmpdir(), 'fpgasim-hls-striped-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dirOf = (v: Variant) => join(root, v.name.replace(/\W+/g, '-'));
  const runs = pool(
    VARIANTS.map((v, i) => async (): Promise<ValidateResult> => {
      const design = loadDesign(v.design, v.sets);
      const hls = hlsConfigOf(design, loadDevice(design.device), `designs/${v.design}.json ${v.sets.join(' ')}`);
      const model = synthModel(v.model, { seed: i, groupSize: design.groupSize });
      emitHlsProject({ hls, model, modelName: `synthetic ${v.name}`, steps: STEPS, seed: i, outDir: dirOf(v) });
      return validateHlsProject(dirOf(v), { extraFlags: ['-O0'] });
    }),
    2,
  );

  VARIANTS.forEach((v, i) => {
    it(`${v.name}: bit-exact, clean under ASan/UBSan`, async () => {
      const result = await runs[i];
      expect(result.firstMismatch).toBeNull();
      // the attention test compares each share of both caches
      const cacheShares = Number(/constexpr int kCacheShares = (\d+);/.exec(readFileSync(join(dirOf(v), 'src', 'fpgasim_config.h'), 'utf8'))?.[1]);
      expect(result).toMatchObject({ bitExact: true, mismatches: 0, sanitizer: 'clean', kernels: 9, decodeSteps: STEPS, tensors: 21 + 2 * cacheShares + STEPS });
    }, 240_000);
  });

  it('over 4 DDR channels: one m_axi port per share on its own bundle, each bundle linked to its channel', async () => {
    await runs[1];
    const dir = dirOf(VARIANTS[1]);
    const top = readFileSync(join(dir, 'src', 'fpgasim_decode.cpp'), 'utf8');
    // a share holds ceil(rows / 4) rows of every matrix: wq, wk, wv, wo, w1, w3 (dim 128 columns) and w2 (320)
    // of 2 layers, and 23 of the classifier's 90
    const shareValues = 2 * ((32 + 16 + 16 + 32 + 80 + 80) * 128 + 32 * 320) + 23 * 128;
    expect(readFileSync(join(dir, 'src', 'fpgasim_config.h'), 'utf8')).toContain('constexpr int kWeightShares = 4;  // weights_q, weights_s\nconstexpr int kEmbeddingShares = 2;\nconstexpr int kCacheShares = 4;');
    for (const [k, bundle] of FOUR.entries()) {
      expect(top).toContain(`#pragma HLS INTERFACE mode=m_axi port=weights_q_${k} offset=slave bundle=${bundle} depth=${shareValues} max_read_burst_length=16 num_read_outstanding=16 max_widen_bitwidth=512\n`);
      expect(top).toContain(`#pragma HLS INTERFACE mode=m_axi port=weights_s_${k} offset=slave bundle=${bundle} depth=${shareValues / 64} `);
    }
    // a layer's cache holds ceil(10 / 4) = 3 positions of kv_dim 64 in each share
    for (const [k, bundle] of FOUR.entries()) {
      for (const cache of ['key_cache', 'value_cache']) expect(top).toMatch(new RegExp(`^#pragma HLS INTERFACE mode=m_axi port=${cache}_${k} offset=slave bundle=${bundle} depth=${2 * 3 * 64} `, 'm'));
    }
    expect(top).toMatch(/^#pragma HLS INTERFACE mode=m_axi port=embedding_0 offset=slave bundle=gmem3 depth=5760 .*\n#pragma HLS INTERFACE mode=m_axi port=embedding_1 offset=slave bundle=gmem1 depth=5760 /m);
    expect(top.match(/^#pragma HLS INTERFACE mode=m_axi /gm)).toHaveLength(8 + 1 + 2 + 8 + 1); // + norms, embedding, caches, logits
    expect(top).toContain('fpgasim_decode(const int8_t* weights_q_0, const int8_t* weights_q_1, const int8_t* weights_q_2, const int8_t* weights_q_3, const float* weights_s_0,');
    expect(top).toContain('  const fpgasim_striped<const int8_t, 4> weights_q = {{weights_q_0, weights_q_1, weights_q_2, weights_q_3}};\n');
    expect(top).toContain('  const fpgasim_striped<float, 4> key_cache = {{key_cache_0, key_cache_1, key_cache_2, key_cache_3}};\n');
    expect(readFileSync(join(dir, 'connectivity.cfg'), 'utf8').split('\n').filter((l) => l.startsWith('sp='))).toEqual([
      'sp=fpgasim_decode_1.m_axi_gmem0:DDR[0]',
      'sp=fpgasim_decode_1.m_axi_gmem1:DDR[1]',
      'sp=fpgasim_decode_1.m_axi_gmem2:DDR[2]',
      'sp=fpgasim_decode_1.m_axi_gmem3:DDR[3]',
    ]);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('- placement.weights stripes each matrix by rows over 4 bundles (`gmem0`, `gmem1`, `gmem2`, `gmem3`): row r is row r / 4 of share r % 4, the port `<array>_<r % 4>`.');
    expect(readme).toContain(`| \`weights_q_3\` | weights, share 3 | \`gmem3\` | ${shareValues.toLocaleString('en-US')} |`);
  }, 240_000);

  it.skipIf(!frontierPresent)(`vu9p-frontier${skipNote(!frontierPresent, 'designs/vu9p-frontier.json absent')}: every array on the bundles its placement lists`, async () => {
    await runs[VARIANTS.length - 1];
    const design = JSON.parse(readFileSync(join(PROJECT_ROOT, 'designs', 'vu9p-frontier.json'), 'utf8'));
    const top = readFileSync(join(dirOf(VARIANTS[VARIANTS.length - 1]), 'src', 'fpgasim_decode.cpp'), 'utf8');
    const arrays: Record<string, string[]> = { weights: ['weights_q', 'weights_s'], embedding: ['embedding'], norm: ['norms'], 'kv-cache': ['key_cache', 'value_cache'], logits: ['logits'] };
    let ports = 0;
    for (const [role, names] of Object.entries(arrays)) {
      const where: string | string[] = design.placement[role];
      if (!Array.isArray(where) && !(where in design.bundles)) continue; // on chip
      for (const array of names) {
        const shares: [string, string][] = Array.isArray(where) ? where.map((bundle, k) => [`${array}_${k}`, bundle]) : [[array, where]];
        for (const [port, bundle] of shares) {
          const b = design.bundles[bundle];
          expect(top).toMatch(new RegExp(`^#pragma HLS INTERFACE mode=m_axi port=${port} offset=slave bundle=${bundle} depth=\\d+ max_read_burst_length=${b.maxReadBurstBeats} num_read_outstanding=${b.maxOutstandingReads} max_widen_bitwidth=${b.widthBits}$`, 'm'));
          ports++;
        }
      }
    }
    expect(top.match(/^#pragma HLS INTERFACE mode=m_axi /gm)).toHaveLength(ports);
    expect(ports).toBeGreaterThan(7); // something is striped
  }, 240_000);
});
