import { describe, expect, it } from 'vitest';
import { describeStepCall } from '../../kernels/describe-step.js';
import { topArrays, topStep } from '../../kernels/hls/top-calls.js';
import type { ModelConfig } from '../../kernels/model/types.js';
import { SEQUENTIAL } from '../../kernels/reduction.js';
import { bindings, DATAFLOW_REGIONS, DECODE_STEP } from '../../kernels/step.js';

/** GQA (4 query heads, 2 key/value heads), hidden_dim 40 (wider than dim), group size 4. */
const SHAPE: ModelConfig = { dim: 16, hiddenDim: 40, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 32, seqLen: 8 };
const GS = 4;
const calls = [...DECODE_STEP.before, ...DECODE_STEP.layer, ...DECODE_STEP.after];
const layerOf = (i: number) => (i >= DECODE_STEP.before.length && i < DECODE_STEP.before.length + DECODE_STEP.layer.length ? 1 : null);

describe('the decode step table (kernels/step.ts)', () => {
  const arrays = new Map(topArrays(SHAPE, GS).map((a) => [a.name, a]));

  it("binds every on-chip array of each call's loop description to a top-level array of the same size", () => {
    for (const [i, call] of calls.entries()) {
      const described = describeStepCall(call, SHAPE, layerOf(i), 3, { groupSize: GS, accumulators: SEQUENTIAL });
      const bound = bindings(call);
      const activations = described.arrays.filter((a) => a.role === 'activation');
      expect(Object.keys(bound).sort(), call.name).toEqual(activations.map((a) => a.name).sort());
      for (const a of activations) {
        const top = arrays.get(bound[a.name]);
        expect(top, `${call.name}: ${a.name} -> ${bound[a.name]}`).toBeDefined();
        // the quantized input is one buffer of the widest length that every quantize/matvec uses a prefix of
        if (a.name.startsWith('xq.')) expect(top!.elements).toBeGreaterThanOrEqual(a.elements);
        else expect(top!.elements, `${call.name}: ${a.name}`).toBe(a.elements);
        expect(top!.cType === 'int8_t' ? 1 : 4, `${call.name}: ${a.name}`).toBe(a.bytesPerElement);
      }
    }
  });

  it('emits one C++ call per table entry, in order, with the same bindings', () => {
    const step = topStep();
    const emitted = [...step.before, ...step.layer, ...step.after];
    expect(emitted.map((c) => c.kernel)).toEqual(calls.map((c) => c.kernel));
    expect(emitted.map((c) => c.binds)).toEqual(calls.map(bindings));
    // each C++ call is the kernel's header function, and a matvec names its own matrix
    for (const [i, c] of emitted.entries()) {
      expect(c.cpp.startsWith(`fpgasim_${c.kernel}<`), c.cpp).toBe(true);
      const call = calls[i];
      if (call.kernel === 'matvec') expect(c.cpp).toMatch(new RegExp(`^fpgasim_matvec<\\w+, \\w+, matvec_config>\\(${call.out}, xq, xs, weights_q \\+ kValues${call.matrix === 'wcls' ? 'Wcls' : `W${call.matrix.slice(1)}`}`));
    }
  });

  it('has DATAFLOW regions of consecutive layer calls, each stream from the call writing it to the one reading it', () => {
    const names = DECODE_STEP.layer.map((c) => c.name);
    for (const region of DATAFLOW_REGIONS) {
      const first = names.indexOf(region.calls[0]);
      expect(names.slice(first, first + region.calls.length), region.name).toEqual(region.calls);
      for (const s of region.streams) {
        const from = DECODE_STEP.layer.find((c) => c.name === s.from)!;
        const to = DECODE_STEP.layer.find((c) => c.name === s.to)!;
        expect(from.kernel === 'matvec' && from.out, `${region.name}: ${s.from} writes ${s.array}`).toBe(s.array);
        expect(Object.values(bindings(to)), `${region.name}: ${s.to} reads ${s.array}`).toContain(s.array);
        expect(region.calls).toContain(s.from);
        expect(region.calls).toContain(s.to);
      }
    }
  });
});
