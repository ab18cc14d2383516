// From a design point's directives to the emitted pragmas (kernels/hls/directives.ts), the refusals of
// checkHlsConfig, the device-memory image, and the v++ connectivity file: rules checked on small cases.
import { describe, expect, it } from 'vitest';
import { checkHlsConfig, type HlsConfig } from '../../../kernels/hls/config.js';
import { deviceImage, imageLayout } from '../../../kernels/hls/device-image.js';
import { activationPragmas, bufferHooks, loopHooks } from '../../../kernels/hls/directives.js';
import { clockPeriodNs, emitConnectivity } from '../../../kernels/hls/emit-tcl.js';
import { synthModel } from '../../../kernels/model/synth.js';
import type { ModelConfig } from '../../../kernels/model/types.js';
import { sequentialPoint } from './design-points.js';

const MODEL: ModelConfig = { dim: 16, hiddenDim: 32, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 12, seqLen: 8 };

const hookOf = (hls: HlsConfig, kernel: string, label: string) => loopHooks(hls).find((h) => h.kernel === kernel && h.label === label)?.pragmas;

describe('loop directive hooks', () => {
  it('turn off HLS\'s own pipelining of every loop a design does not pipeline', () => {
    const hooks = loopHooks(sequentialPoint(4));
    expect(hooks).toHaveLength(24);
    expect(new Set(hooks.map((h) => h.macro)).size).toBe(24);
    expect(hooks.every((h) => h.pragmas.length === 1 && h.pragmas[0] === 'PIPELINE off')).toBe(true);
  });

  it('pipeline and unroll the named loop, and leave the loops inside a pipelined one to HLS', () => {
    const hls = sequentialPoint(4);
    hls.kernels.matvec = { pipeline: ['rows', 'lanes'], ii: 3, unroll: { rows: 2, groups: 4 }, partition: {}, stage: [] };
    expect(hookOf(hls, 'matvec', 'rows')).toEqual(['PIPELINE II=3', 'UNROLL factor=2']);
    expect(hookOf(hls, 'matvec', 'groups')).toEqual([]);
    expect(hookOf(hls, 'matvec', 'lanes')).toEqual([]);
    hls.kernels.attention = { pipeline: ['softmax_exp'], ii: 1, unroll: { softmax_exp: 8, heads: 2 }, partition: {}, stage: [] };
    expect(hookOf(hls, 'attention', 'softmax_exp')).toEqual(['PIPELINE II=1', 'UNROLL factor=8']);
    expect(hookOf(hls, 'attention', 'heads')).toEqual(['PIPELINE off', 'UNROLL factor=2']);
    expect(loopHooks(hls).find((h) => h.label === 'softmax_exp')?.macro).toBe('FPGASIM_DIRECTIVES_attention_softmax_exp');
  });
});

describe('staged-array buffers', () => {
  it('exist only for off-chip arrays, partitioned as the kernel asks', () => {
    const hls = sequentialPoint(4);
    hls.kernels.matvec.stage = ['w.q'];
    hls.kernels.matvec.partition = { 'w.q': { type: 'block', factor: 4 }, 'w.s': { type: 'complete', factor: 1 } };
    hls.kernels.attention.stage = ['key_cache'];
    hls.placement['kv-cache'] = 'uram';
    const buffers = new Map(bufferHooks(hls).map((b) => [b.macro, b]));
    expect(buffers.get('FPGASIM_BUFFER_matvec_w_q')).toMatchObject({ staged: true, pragmas: ['ARRAY_PARTITION variable=wq_row type=block factor=4 dim=1'] });
    expect(buffers.get('FPGASIM_BUFFER_matvec_w_s')).toMatchObject({ staged: false, pragmas: [] });
    expect(buffers.get('FPGASIM_BUFFER_attention_key_cache')).toMatchObject({ staged: false, pragmas: [] }); // already on chip
  });
});

describe('on-chip activation arrays', () => {
  const byName = (hls: HlsConfig) => new Map(activationPragmas(hls, MODEL).map((a) => [a.array.name, a]));

  it('take the most banks any kernel using them asks for, else activationPartition; factors stop at the length', () => {
    const hls = sequentialPoint(4);
    hls.activationPartition = { type: 'cyclic', factor: 4 };
    hls.kernels.quantize.partition = { x: { type: 'cyclic', factor: 2 } }; // fewer banks than the default: ignored
    hls.kernels.attention.partition = { k: { type: 'block', factor: 64 }, att: { type: 'complete', factor: 1 } };
    const arrays = byName(hls);
    expect(arrays.get('xb')).toMatchObject({ source: 'activationPartition', pragmas: ['ARRAY_PARTITION variable=xb type=cyclic factor=4 dim=1', 'BIND_STORAGE variable=xb type=ram_2p impl=bram'] });
    expect(arrays.get('k')).toMatchObject({ source: 'kernels.attention.partition.k', pragmas: ['ARRAY_PARTITION variable=k type=block factor=8 dim=1', 'BIND_STORAGE variable=k type=ram_2p impl=bram'] });
    expect(arrays.get('att')?.pragmas).toEqual(['ARRAY_PARTITION variable=att type=complete dim=1']);
    expect(arrays.get('xs')?.array.elements).toBe(32 / 4);
  });

  it('become registers (complete partitioning, no storage binding) when placed in registers', () => {
    const hls = sequentialPoint(4);
    hls.placement.activation = 'registers';
    for (const a of byName(hls).values()) expect(a.pragmas).toEqual([`ARRAY_PARTITION variable=${a.array.name} type=complete dim=1`]);
  });

  it('bind to the design\'s storage and stay whole with partition none', () => {
    const hls = sequentialPoint(4);
    hls.placement.activation = 'uram';
    expect(byName(hls).get('hb')?.pragmas).toEqual(['BIND_STORAGE variable=hb type=ram_2p impl=uram']);
  });
});

describe('checkHlsConfig refuses what the emitted C++ cannot express', () => {
  it.each([
    ['placement.weights', (h: HlsConfig) => (h.placement.weights = 'bram'), 'placement.weights = "bram": emit-hls keeps weights in device memory behind an m_axi bundle (gmem); on-chip placement is supported for activation and kv-cache only'],
    ['placement.kv-cache', (h: HlsConfig) => (h.placement['kv-cache'] = 'registers'), 'placement.kv-cache = "registers": allowed are a bundle (gmem), bram, uram or lutram'],
    ['groupSize', (h: HlsConfig) => (h.groupSize = 3), 'groupSize = 3 must divide dim 16 and hidden_dim 32'],
    ['accumulators', (h: HlsConfig) => (h.accumulators.softmax = 0), 'accumulators.softmax: accumulators must be an integer from 1 to 256, got 0'],
  ])('%s', (_, change, message) => {
    const hls = sequentialPoint(4);
    change(hls);
    expect(() => checkHlsConfig(hls, MODEL)).toThrow(message);
  });
});

describe('the device-memory image', () => {
  const model = synthModel(MODEL, { seed: 3, groupSize: 4 });
  const layout = imageLayout(MODEL, 4);
  const image = deviceImage(model, layout);

  it('lays the matrices out in llama2.c order, every layer of one before the next, then the classifier', () => {
    const wk = layout.matrices.wk;
    expect(wk).toEqual({ valuesOffset: 2 * 16 * 16, scalesOffset: (2 * 16 * 16) / 4, elements: 8 * 16 });
    expect(image.weightsQ.subarray(wk.valuesOffset + wk.elements, wk.valuesOffset + 2 * wk.elements)).toEqual(model.weights.wk[1].q);
    expect(image.weightsS.subarray(wk.scalesOffset + wk.elements / 4, wk.scalesOffset + (2 * wk.elements) / 4)).toEqual(model.weights.wk[1].s);
    const cls = layout.matrices.wcls;
    expect(cls.valuesOffset + cls.elements).toBe(layout.weightsQElements);
    expect(image.weightsQ.subarray(cls.valuesOffset)).toEqual(model.weights.tokenEmbedding.q); // the shared classifier, copied
  });

  it('keeps the norms in order and the embedding dequantized', () => {
    expect(layout.norms).toEqual({ rmsAtt: 0, rmsFfn: 32, rmsFinal: 64 });
    expect(image.norms.subarray(32, 64)).toEqual(model.weights.rmsFfn);
    expect(image.embedding).toBe(model.weights.tokenEmbeddingF32);
    expect(layout.cacheElements).toBe(2 * 8 * 8);
  });
});

describe('v++ and Vitis settings', () => {
  it('maps each used bundle with a memory, and gives the clock period in ns', () => {
    const hls = sequentialPoint(4);
    hls.bundles = {
      a: { widthBits: 512, memory: 'HBM[3]', maxReadBurstBeats: 16, maxOutstandingReads: 16 },
      b: { widthBits: 256, memory: null, maxReadBurstBeats: 16, maxOutstandingReads: 16 },
      unused: { widthBits: 64, memory: 'DDR[1]', maxReadBurstBeats: 16, maxOutstandingReads: 16 },
    };
    hls.placement = { weights: 'a', embedding: 'a', norm: 'b', 'kv-cache': 'a', logits: 'b', activation: 'bram' };
    expect(emitConnectivity(hls).split('\n').slice(1)).toEqual([
      '[connectivity]',
      'nk=fpgasim_decode:1:fpgasim_decode_1',
      'sp=fpgasim_decode_1.m_axi_a:HBM[3]',
      "# m_axi_b: the design names no memory; v++ connects it to the platform's default bank",
      '',
    ]);
    expect(clockPeriodNs(250e6)).toBe('4');
    expect(clockPeriodNs(300e6)).toBe('3.333333');
  });
});
