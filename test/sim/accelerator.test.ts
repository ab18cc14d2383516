// The accelerator on the event engine, on a tiny shape where every total can be recomputed from the
// schedules: host time per token, kernel wall time, activity counts, bytes per channel, dataflow groups.
import { describe, expect, it } from 'vitest';
import { describeDecodeStep } from '../../kernels/describe-step.js';
import type { ModelConfig } from '../../kernels/model/types.js';
import { loadDevice } from '../../hw-models/devices/load.js';
import { runAccelerator } from '../../sim/accelerator.js';
import type { Design } from '../../kernels/design.js';
import { secondsToPs } from '../../sim/engine/index.js';
import { scheduleCall, stepGroups } from '../../sim/step-plan.js';
import { TINY_SHAPE, hlstransform, hlstransformEdited } from '../helpers/designs.js';

const device = loadDevice('vu9p-f1');

function run(design: Design, config: ModelConfig = TINY_SHAPE, tokens = 6, onToken?: (pos: number) => void) {
  return runAccelerator({ design, device, config, tokens, mode: 'flow', onToken });
}

/** Every call of every step, scheduled on its own: what the run's totals must add up to. */
function scheduledSteps(design: Design, config: ModelConfig, tokens: number) {
  return Array.from({ length: tokens }, (_, pos) => describeDecodeStep(config, pos, design).map((call) => scheduleCall(call, design, device))).flat();
}

describe('runAccelerator on a tiny shape (2 layers, dim 64), HLSTransform directives', () => {
  const design = hlstransform('groupSize=16');
  const tokens = 6;
  const out = run(design, TINY_SHAPE, tokens);
  const calls = scheduledSteps(design, TINY_SHAPE, tokens);

  it("charges the F1 host its launch, the logits copy over PCIe and the sampling, every token", () => {
    const logitsBytes = TINY_SHAPE.vocabSize * 4;
    // hw-models/devices/vu9p-f1.json's host: 30 us launch, 15 us + 11 GB/s copy, 1 ns per logit
    expect(device.host).toMatchObject({ link: 'pcie', kernelLaunchS: 30e-6, copyLatencyS: 15e-6, copyBandwidthBytesPerS: 11e9, samplingSPerLogit: 1e-9 });
    const perToken = secondsToPs(30e-6) + secondsToPs(15e-6 + logitsBytes / 11e9) + secondsToPs(1e-9 * TINY_SHAPE.vocabSize);
    expect(out.hostPs).toBe(tokens * perToken);
  });

  it("charges a Zynq part's host its own costs: the Arm cores over AXI, reading the logits in the shared DDR", () => {
    const kv260 = loadDevice('kv260');
    expect(kv260.host).toMatchObject({ link: 'axi', kernelLaunchS: 10e-6, copyLatencyS: 5e-6, copyBandwidthBytesPerS: 3e9, samplingSPerLogit: 2.5e-9 });
    const design = hlstransform('groupSize=16', 'device=kv260');
    const onKv260 = runAccelerator({ design, device: kv260, config: TINY_SHAPE, tokens: 2, mode: 'flow' });
    const perToken = secondsToPs(10e-6) + secondsToPs(5e-6 + (TINY_SHAPE.vocabSize * 4) / 3e9) + secondsToPs(2.5e-9 * TINY_SHAPE.vocabSize);
    expect(onKv260.hostPs).toBe(2 * perToken);
  });

  it('runs calls one after another: the total is the host time plus every kernel\'s wall time', () => {
    const kernelPs = Object.values(out.kernelBusyPs).reduce((a, b) => a + b, 0);
    expect(out.totalPs).toBe(out.hostPs + kernelPs);
    expect(Object.keys(out.kernelBusyPs).sort()).toEqual(['attention', 'embed', 'matvec', 'quantize', 'residual', 'rmsnorm', 'rope', 'swiglu']);
  });

  it('lets no kernel finish faster than its scheduled compute cycles', () => {
    const periodPs = 1e12 / design.clockHz;
    for (const [kernel, ps] of Object.entries(out.kernelBusyPs)) {
      const own = calls.filter((s) => s.call.kernel === kernel);
      const cycles = own.reduce((sum, s) => sum + s.cycles, 0);
      // a call that starts between two clock edges (after a host wait of a fractional number of cycles)
      // counts the rest of that cycle as its first (sim/engine/clock.ts): up to one cycle less per call
      expect(ps).toBeGreaterThan(cycles * periodPs - own.length * periodPs);
    }
  });

  it('counts one int8 product per weight per token, and the bytes every segment streams', () => {
    const { dim, hiddenDim, nLayers, vocabSize } = TINY_SHAPE;
    const kvDim = 32; // dim x n_kv_heads / n_heads
    const weightsPerToken = nLayers * (2 * dim * dim + 2 * kvDim * dim + 3 * dim * hiddenDim) + vocabSize * dim;
    expect(out.ops.mul8).toBe(tokens * weightsPerToken);
    const bytes = calls.reduce((sum, s) => sum + s.segments.reduce((t, g) => t + Object.values(g.offChipBytes).reduce((a, b) => a + b, 0), 0), 0);
    expect(out.channels.map((c) => c.id)).toEqual(['DDR[0]']); // every bundle of the design goes to the default bank
    expect(out.channels[0].bytes).toBeGreaterThanOrEqual(bytes); // transfers are whole bytes
    expect(out.channels[0].bytes).toBeLessThan(bytes + calls.length * 4);
  });

  it('keeps the schedules of the last step for the loop table', () => {
    expect(out.schedules.map((s) => s.call.name)).toEqual(describeDecodeStep(TINY_SHAPE, tokens - 1, design).map((c) => c.name));
  });

  it('calls onToken once per position, in order, and is reproducible to the picosecond', () => {
    const positions: number[] = [];
    const again = run(design, TINY_SHAPE, tokens, (pos) => positions.push(pos));
    expect(positions).toEqual([0, 1, 2, 3, 4, 5]);
    expect({ ...again, schedules: [] }).toEqual({ ...out, schedules: [] });
  });
});

describe('a memory-bound matvec waits for DDR', () => {
  // every matvec buffer completely partitioned: the II is the m_axi bound, 64 B per cycle at 300 MHz = 19.2 GB/s,
  // more than one DDR4-2133 channel sustains (17.07 GB/s x 0.85)
  const design = hlstransformEdited(
    (j) => (j.kernels.matvec.partition = Object.fromEntries(['w.q', 'w.s', 'xq.q', 'xq.s'].map((a) => [a, { type: 'complete' }]))),
    ['clock=300 MHz'],
  );
  const config: ModelConfig = { dim: 768, hiddenDim: 2048, nLayers: 1, nHeads: 12, nKvHeads: 12, vocabSize: 32000, seqLen: 16 };
  const out = run(design, config, 2);
  const matvecs = scheduledSteps(design, config, 2).filter((s) => s.call.kernel === 'matvec');

  it('takes at least bytes / sustained bandwidth, more than its compute cycles', () => {
    const ddr = device.memories[0];
    const bytes = matvecs.reduce((sum, s) => sum + s.segments[0].offChipBytes.gmem0, 0);
    const computeS = matvecs.reduce((sum, s) => sum + s.cycles, 0) / design.clockHz;
    const memoryS = bytes / (ddr.peakBandwidthBytesPerS * ddr.efficiency);
    expect(memoryS).toBeGreaterThan(computeS);
    expect(out.kernelBusyPs.matvec / 1e12).toBeGreaterThanOrEqual(memoryS);
    expect(out.kernelBusyPs.matvec / 1e12).toBeLessThan(memoryS * 1.05);
  });
});

describe('stepGroups: which calls a dataflow design overlaps', () => {
  const groups = (design: Design) => stepGroups(describeDecodeStep(TINY_SHAPE, 0, design), design).map((g) => g.calls.map((c) => c.name));

  it('sequential: every call alone', () => {
    expect(groups(hlstransform('groupSize=16')).every((g) => g.length === 1)).toBe(true);
  });

  it("dataflow: kernels/step.ts's regions per layer, wq, wk and wv side by side, w1 and w3 streaming into SwiGLU", () => {
    expect(groups(hlstransform('groupSize=16', 'composition=dataflow')).filter((g) => g.length > 1)).toEqual([
      ['L0.wq', 'L0.wk', 'L0.wv'],
      ['L0.w1', 'L0.w3', 'L0.swiglu'],
      ['L1.wq', 'L1.wk', 'L1.wv'],
      ['L1.w1', 'L1.w3', 'L1.swiglu'],
    ]);
  });

  it('runs the streaming region on the engine: w1 and w3 into SwiGLU through two FIFOs of depth 2, reported', () => {
    const out = run(hlstransform('groupSize=16', 'composition=dataflow'));
    expect(out.dataflow.map((d) => d.region)).toEqual(['ffn_gate']);
    const report = out.dataflow[0].report;
    expect(report.tasks.map((t) => t.name)).toEqual(['w1', 'w3', 'swiglu']);
    expect(report.fifos.map((f) => [f.name, f.depth])).toEqual([['hb', 2], ['hb2', 2]]);
    // SwiGLU is faster per element than a matvec row: it waits for rows and never blocks its producers
    expect(report.tasks[2].starvedCycles).toBeGreaterThan(0);
    expect(report.tasks.map((t) => t.blockedCycles)).toEqual([0, 0, 0]);
    expect(run(hlstransform('groupSize=16')).dataflow).toEqual([]);
  });

  it('dataflow finishes the tiny model sooner, with more matvec time overlapping', () => {
    const sequential = run(hlstransform('groupSize=16'));
    const dataflow = run(hlstransform('groupSize=16', 'composition=dataflow'));
    expect(dataflow.totalPs).toBeLessThan(sequential.totalPs);
    // each call's wall time is counted, so overlapped calls add up to more than the time that passed
    const kernelPs = Object.values(dataflow.kernelBusyPs).reduce((a, b) => a + b, 0);
    expect(kernelPs + dataflow.hostPs).toBeGreaterThan(dataflow.totalPs);
  });
});
