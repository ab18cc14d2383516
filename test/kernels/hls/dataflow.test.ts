// A DATAFLOW design emitted and validated: designs/vu9p-dataflow.json (kernels/step.ts's regions; its
// weights and KV cache striped over four DDR channels) for a small synthetic model. The generated top
// function carries the regions the simulator times, and g++ (with the stream shim of fpgasim_stream.h)
// computes the TypeScript kernels' bytes through them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitHlsProject } from '../../../kernels/hls/project.js';
import { validateHlsProject } from '../../../kernels/hls/validate.js';
import { synthModel } from '../../../kernels/model/synth.js';
import type { ModelConfig } from '../../../kernels/model/types.js';
import { DATAFLOW_REGIONS, STREAM_DEPTH } from '../../../kernels/step.js';
import { loadDevice } from '../../../hw-models/devices/load.js';
import { loadDesign } from '../../../sim/design/load.js';
import { hlsConfigOf } from '../../../sim/hls-config.js';
import { GXX_NOTE, NO_GXX } from '../../helpers/skip.js';

const SHAPE: ModelConfig = { dim: 128, hiddenDim: 320, nLayers: 2, nHeads: 2, nKvHeads: 2, vocabSize: 90, seqLen: 10 }; // group size 64 divides both
const STEPS = 4;

describe('designs/vu9p-dataflow.json emitted as DATAFLOW', () => {
  const root = mkdtempSync(join(tmpdir(), 'fpgasim-hls-dataflow-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const design = loadDesign('vu9p-dataflow');
  const hls = hlsConfigOf(design, loadDevice(design.device), 'designs/vu9p-dataflow.json');
  emitHlsProject({ hls, model: synthModel(SHAPE, { seed: 3, groupSize: design.groupSize }), modelName: 'synthetic dataflow', steps: STEPS, seed: 3, outDir: root });
  const top = readFileSync(join(root, 'src', 'fpgasim_decode.cpp'), 'utf8');

  it("writes one function per region of kernels/step.ts, with DATAFLOW and a stream per streamed activation, called from the layer loop", () => {
    for (const region of DATAFLOW_REGIONS) {
      const body = new RegExp(`static void fpgasim_region_${region.name}\\(([^)]*)\\) \\{\\n#pragma HLS DATAFLOW\\n([\\s\\S]*?)\\n\\}`).exec(top);
      expect(body, region.name).not.toBeNull();
      for (const s of region.streams) {
        expect(body![2]).toContain(`  hls::stream<float> ${s.array}_stream("${s.array}_stream");\n#pragma HLS STREAM variable=${s.array}_stream depth=${STREAM_DEPTH}`);
      }
      expect(body![2].split('\n').filter((line) => line.startsWith('  fpgasim_')).length, region.name).toBe(region.calls.length);
      expect(top).toMatch(new RegExp(`^    fpgasim_region_${region.name}\\(.*, l\\);$`, 'm'));
    }
    // w1 and w3 write their streams, SwiGLU reads both into hb; hb2 is only a stream now
    expect(top).toMatch(/fpgasim_matvec<DIM, HIDDEN_DIM, matvec_config>\(hb_stream, xq, xs, weights_q \+ kValuesW1/);
    expect(top).toContain('fpgasim_swiglu<HIDDEN_DIM>(hb, hb_stream, hb2_stream);');
    expect(top).not.toMatch(/float hb2\[/);
  });

  it.skipIf(NO_GXX)(`is bit-exact under g++, clean under ASan/UBSan${GXX_NOTE}`, async () => {
    const result = await validateHlsProject(root, { extraFlags: ['-O0'] });
    expect(result.firstMismatch).toBeNull();
    expect(result).toMatchObject({ bitExact: true, mismatches: 0, sanitizer: 'clean', decodeSteps: STEPS });
  }, 240_000);
});
