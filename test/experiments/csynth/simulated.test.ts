import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareCsynth, relativeError, type Comparison } from '../../../experiments/csynth/compare.js';
import { readCsynthReport } from '../../../experiments/csynth/parse.js';
import { simulateSteps, type SimulatedSteps } from '../../../experiments/csynth/simulated.js';
import { parseModelShape } from '../../../kernels/model/shapes.js';
import { loadDesign } from '../../../sim/design/load.js';
import { simulate } from '../../../sim/simulate.js';
import { PROJECT_ROOT } from '../../helpers/models.js';

describe('simulateSteps', () => {
  // stories15M (seq_len 256) keeps the three runs short; its dim 288 needs a group size of 32
  const design = loadDesign('hlstransform', ['groupSize=32']);
  const config = parseModelShape('stories15M');
  const kernelCycles = (tokens: number) => simulate({ design, config, modelName: 'stories15M', tokens }).fpga.kernels.reduce((sum, k) => sum + k.cycles, 0);

  it('times a decode step at the first position, on average and at the last, as the kernels\' cycles without the host', () => {
    const steps = simulateSteps(design, config, 'stories15M');
    expect(steps).toMatchObject({ design: 'hlstransform', device: 'vu9p-f1', part: 'xcvu9p-flgb2104-2-i', clockHz: 250e6, model: 'stories15M', seqLen: 256 });
    // the same figures from the per-kernel cycles of SimResult (host excluded), a second derivation
    expect(steps.stepCycles.first).toBeCloseTo(kernelCycles(1), 3);
    expect(steps.stepCycles.average).toBeCloseTo(kernelCycles(256), 3);
    expect(steps.stepCycles.last).toBeCloseTo(256 * kernelCycles(256) - 255 * kernelCycles(255), 1);
    expect(steps.stepCycles.first).toBeLessThan(steps.stepCycles.average);
    expect(steps.stepCycles.average).toBeLessThan(steps.stepCycles.last);
    // attention's loops run over the positions so far: 1 at the first step, seq_len at the last
    const scores = (rows: SimulatedSteps['loops']['first']) => rows.find((r) => r.call === 'L0.attention' && r.path === 'heads/scores')!;
    expect(scores(steps.loops.first).trip).toBe(1);
    expect(scores(steps.loops.last).trip).toBe(256);
    const rows = (s: SimulatedSteps['loops']['first']) => s.find((r) => r.call === 'L0.wq')!;
    expect(rows(steps.loops.first)).toEqual(rows(steps.loops.last));
  });
});

// The report is hand-written in the real csynth.xml layout (test/fixtures/csynth/README.md): this checks the
// comparison's arithmetic, not the simulator's accuracy.
describe('the hand-written hlstransform decode report against the hlstransform design (stories110M)', () => {
  let steps: SimulatedSteps;
  let c: Comparison;
  beforeAll(() => {
    steps = simulateSteps(loadDesign('hlstransform'), parseModelShape('stories110M'), 'stories110M');
    c = compareCsynth(readCsynthReport(join(PROJECT_ROOT, 'test', 'fixtures', 'csynth', 'hlstransform-decode.xml')), steps);
  });
  const find = (figure: string) => {
    const found = c.rows.find((r) => r.figure === figure);
    if (!found) throw new Error(`no row ${figure}`);
    return found;
  };

  it('compares every reported figure, each error being (simulated - reported) / reported', () => {
    expect(c.rows).toHaveLength(85);
    for (const r of c.rows) expect(r.relativeError).toBe(relativeError(r.reported, r.simulated));
    expect(c.summary.compared).toBe(80); // all but the five figures of the unmatched layers loop
    expect(c.warnings).toEqual([]);
  });

  it('puts the simulated decode step beside the overall latency', () => {
    expect(find('target clock period (ns)')).toMatchObject({ reported: 4, simulated: 4, relativeError: 0 });
    expect(find('estimated clock period (ns)')).toMatchObject({ reported: 3.65, simulated: 4 });
    expect(find('latency best case (cycles)')).toMatchObject({ reported: 3398406, simulated: steps.stepCycles.first });
    expect(find('latency average case (cycles)')).toMatchObject({ reported: 4391226, simulated: steps.stepCycles.average });
    expect(find('latency worst case (cycles)')).toMatchObject({ reported: 5384046, simulated: steps.stepCycles.last });
    expect(find('interval max (cycles)')).toMatchObject({ reported: 5384047, simulated: steps.stepCycles.last });
    expect(find('DSP used')).toMatchObject({ reported: 5024, simulated: steps.resources.dsp.used });
    expect(find('DSP available')).toMatchObject({ reported: 6840, simulated: 5640 }); // the F1 shell leaves 5,640 of the VU9P's 6,840
  });

  it('matches each kernel loop to its layer-0 call (the matvec shapes by trip count) and lists the layers loop as unmatched', () => {
    const notes = Object.fromEntries(c.rows.filter((r) => r.figure.endsWith(' trip count')).map((r) => [r.figure.replace(' trip count', ''), r.note]));
    expect(notes).toEqual({
      'fpgasim_decode/layers': 'unmatched (listed below)',
      'fpgasim_embed_Pipeline_copy/copy': 'embed copy',
      'fpgasim_rmsnorm_Pipeline_sum_squares/sum_squares': 'L0.rms_att sum_squares, 768 / unroll 128',
      'fpgasim_rmsnorm_Pipeline_normalize/normalize': 'L0.rms_att normalize, 768 / unroll 64',
      'fpgasim_quantize_Pipeline_groups/groups': 'L0.quantize_att groups, 12 / unroll 8',
      'fpgasim_matvec_768_768_Pipeline_rows/rows': 'L0.wq rows',
      'fpgasim_matvec_2048_768_Pipeline_rows/rows': 'L0.w1 rows',
      'fpgasim_matvec_32000_768_Pipeline_rows/rows': 'classifier rows',
      'fpgasim_rope_Pipeline_pairs/pairs': 'L0.rope pairs, 384 / unroll 16',
      'fpgasim_attention_Pipeline_kv_write/kv_write': 'L0.attention kv_write',
      'fpgasim_attention/heads': 'L0.attention heads',
      'fpgasim_swiglu_Pipeline_lanes/lanes': 'L0.swiglu lanes, 2048 / unroll 4',
      'fpgasim_residual_Pipeline_lanes/lanes': 'L0.residual_att lanes, 768 / unroll 64',
    });
    expect(c.unmatchedLoops).toEqual(["fpgasim_decode/layers: no simulator loop 'layers' in any kernel"]);
    // the loops over positions: the report's range against the first and the last position
    expect(find('fpgasim_attention_Pipeline_scores/scores trip count (min)')).toMatchObject({ reported: 1, simulated: 1, relativeError: 0 });
    expect(find('fpgasim_attention_Pipeline_scores/scores trip count (max)')).toMatchObject({ reported: 1024, simulated: 1024, relativeError: 0 });
    expect(find('fpgasim_matvec_768_768_Pipeline_rows/rows trip count')).toMatchObject({ reported: 768, simulated: 768, relativeError: 0 });
    expect(find('fpgasim_matvec_768_768_Pipeline_rows/rows latency').reported).toBe(18482);
  });
});
