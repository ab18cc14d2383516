import { describe, expect, it, vi } from 'vitest';
import { describeDecodeStep } from '../../kernels/describe-step.js';
import { Transformer } from '../../kernels/forward.js';
import { totalBytes, totalOps, type KernelCall, type KernelName } from '../../kernels/loops.js';
import { LAYER_MATRICES } from '../../kernels/model/layout.js';
import { synthModel } from '../../kernels/model/synth.js';
import { kvDim, type ModelConfig } from '../../kernels/model/types.js';
import { SEQUENTIAL } from '../../kernels/reduction.js';

// Every kernel forward() calls is wrapped to record its name (and a matvec's n, d), so the test compares
// the description with the calls forward() really makes.
const { recorded, recording } = vi.hoisted(() => {
  const recorded: { kernel: string; n?: number; d?: number }[] = [];
  type Fn = (...args: unknown[]) => unknown;
  /** The module with export `fn` wrapped to record `kernel` (and what `detail` picks from the arguments). */
  const recording = (module: Record<string, unknown>, fn: string, kernel: string, detail = (_args: unknown[]) => ({})) => ({
    ...module,
    [fn]: (...args: unknown[]) => {
      recorded.push({ kernel, ...detail(args) });
      return (module[fn] as Fn)(...args);
    },
  });
  return { recorded, recording };
});
vi.mock('../../kernels/embed.js', async (original) => recording(await original(), 'embed', 'embed'));
vi.mock('../../kernels/rmsnorm.js', async (original) => recording(await original(), 'rmsnorm', 'rmsnorm'));
vi.mock('../../kernels/quantize.js', async (original) => recording(await original(), 'quantize', 'quantize'));
vi.mock('../../kernels/matvec.js', async (original) =>
  recording(await original(), 'matvecQ8', 'matvec', (args) => ({ n: args[4] as number, d: args[5] as number })),
);
vi.mock('../../kernels/rope.js', async (original) => recording(await original(), 'rope', 'rope'));
vi.mock('../../kernels/attention.js', async (original) => recording(await original(), 'attention', 'attention'));
vi.mock('../../kernels/swiglu.js', async (original) => recording(await original(), 'swiglu', 'swiglu'));
vi.mock('../../kernels/residual.js', async (original) => recording(await original(), 'residualAdd', 'residual'));

/** GQA (4 query heads, 2 key/value heads), hidden_dim 40, group size 4. */
const SHAPE: ModelConfig = { dim: 16, hiddenDim: 40, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 32, seqLen: 8 };
const GS = 4;
const PARAMS = { groupSize: GS, accumulators: SEQUENTIAL };
const matvecs = (calls: KernelCall[]) => calls.filter((call) => call.kernel === 'matvec');
const readsOf = (call: KernelCall) => totalBytes(call.loops, 'reads');

describe('describeDecodeStep', () => {
  const model = synthModel(SHAPE, { seed: 1, groupSize: GS });

  it('lists the kernels in the order forward() calls them, with the same matvec shapes', () => {
    const transformer = new Transformer(model);
    transformer.forward(3, 0);
    recorded.length = 0;
    transformer.forward(5, 1);
    const calls = describeDecodeStep(SHAPE, 1, PARAMS);
    expect(calls.map((call) => call.kernel)).toEqual(recorded.map((r) => r.kernel as KernelName));
    expect(calls.length).toBe(1 + 18 * SHAPE.nLayers + 3);
    const described = matvecs(calls).map((call) => ({ n: call.arrays.find((a) => a.name === 'xq.q')?.elements, d: call.arrays.find((a) => a.name === 'out')?.elements }));
    expect(described).toEqual(recorded.filter((r) => r.kernel === 'matvec').map(({ n, d }) => ({ n, d })));
    expect(new Set(calls.map((call) => call.name)).size).toBe(calls.length);
    expect(calls.map((call) => call.layer)).toEqual([null, ...[0, 1].flatMap((l) => Array(18).fill(l)), null, null, null]);
  });

  it('counts one int8 multiply per weight of each matvec: sum of d * n over the step', () => {
    const { dim, hiddenDim, nLayers, vocabSize } = SHAPE;
    const kvd = kvDim(SHAPE); // 8
    const perLayer = dim * dim * 2 + kvd * dim * 2 + hiddenDim * dim * 3; // wq wo, wk wv, w1 w3 w2
    const expected = nLayers * perLayer + vocabSize * dim;
    expect(expected).toBe(2 * (512 + 256 + 1920) + 512);
    const mul8 = describeDecodeStep(SHAPE, 3, PARAMS).reduce((total, call) => total + (totalOps(call.loops).mul8 ?? 0), 0);
    expect(mul8).toBe(expected);
  });

  it('reads every weight matrix once per step (int8 values + float32 scales) and one embedding row', () => {
    const w = model.weights;
    const matrices = [...LAYER_MATRICES.flatMap((name) => w[name]), w.wcls];
    const weightBytes = matrices.reduce((total, m) => total + m.q.byteLength + m.s.byteLength, 0);
    const calls = describeDecodeStep(SHAPE, 2, PARAMS);
    const read = (role: string) =>
      calls.reduce((total, call) => {
        const names = call.arrays.filter((a) => a.role === role).map((a) => a.name);
        return total + names.reduce((sum, name) => sum + (readsOf(call)[name] ?? 0), 0);
      }, 0);
    expect(read('weights')).toBe(weightBytes);
    expect(read('embedding')).toBe(SHAPE.dim * 4);
  });

  it('reads (pos + 1) key and value rows per query head: cache bytes grow linearly with pos', () => {
    const cacheReads = (pos: number) => {
      const call = describeDecodeStep(SHAPE, pos, PARAMS).find((c) => c.name === 'L1.attention') as KernelCall;
      return readsOf(call);
    };
    for (let pos = 0; pos < SHAPE.seqLen; pos++) {
      expect(cacheReads(pos).key_cache, `pos ${pos}`).toBe((pos + 1) * SHAPE.dim * 4);
      expect(cacheReads(pos).value_cache, `pos ${pos}`).toBe((pos + 1) * SHAPE.dim * 4);
    }
  });
});
