// From a design point's directives to the emitted pragmas (kernels/hls/directives.ts), the refusals of
// checkHlsConfig, the device-memory image, and the v++ connectivity file: rules checked on small cases.
import { describe, expect, it } from 'vitest';
import { checkHlsConfig, type HlsConfig } from '../../../kernels/hls/config.js';
import { deviceImage, imageLayout } from '../../../kernels/hls/device-image.js';
import { activationPragmas, bufferHooks, loopHooks } from '../../../kernels/hls/directives.js';
import { clockPeriodNs, emitConnectivity } from '../../../kernels/hls/emit-tcl.js';
import { synthModel } from '../../../kernels/model/synth.js';
import type { ModelConfig } from '../../../kernels/model/types.js';
import { placementOf, sequentialPoint } from './design-points.js';
import { locationOf } from '../../../kernels/design.js';

const MODEL: ModelConfig = { dim: 16, hiddenDim: 32, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 12, seqLen: 8 };

const hookOf = (hls: HlsConfig, kernel: string, label: string) => loopHooks(hls).find((h) => h.kernel === kernel && h.label === label)?.pragmas;

describe('loop directive hooks', () => {
  it('turn off HLS\'s own pipelining of every loop a design does not pipeline', () => {
    const hooks = loopHooks(sequentialPoint(4));
    // embed 1, rmsnorm 3, quantize 3, matvec 3, rope 1, attention 12 (softmax's 4 included), swiglu 1, residual 1
    expect(hooks).toHaveLength(25);
    expect(new Set(hooks.map((h) => h.macro)).size).toBe(25);
    expect(hooks.every((h) => h.pragmas.length === 1 && h.pragmas[0] === 'PIPELINE off')).toBe(true);
  });

  it('pipeline and unroll the named loop, and leave the loops inside a pipelined one to HLS', () => {
    const hls = sequentialPoint(4);
    hls.design.kernels.matvec = { pipeline: ['rows', 'lanes'], ii: 3, unroll: { rows: 2, groups: 4 }, partition: {}, stage: [] };
    expect(hookOf(hls, 'matvec', 'rows')).toEqual(['PIPELINE II=3', 'UNROLL factor=2']);
    expect(hookOf(hls, 'matvec', 'groups')).toEqual([]);
    expect(hookOf(hls, 'matvec', 'lanes')).toEqual([]);
    hls.design.kernels.attention = { pipeline: ['softmax_exp'], ii: 1, unroll: { softmax_exp: 8, heads: 2 }, partition: {}, stage: [] };
    expect(hookOf(hls, 'attention', 'softmax_exp')).toEqual(['PIPELINE II=1', 'UNROLL factor=8']);
    expect(hookOf(hls, 'attention', 'heads')).toEqual(['PIPELINE off', 'UNROLL factor=2']);
    expect(loopHooks(hls).find((h) => h.label === 'softmax_exp')?.macro).toBe('FPGASIM_DIRECTIVES_attention_softmax_exp');
  });
});

describe('staged-array buffers', () => {
  it('exist only for off-chip arrays, partitioned as the kernel asks', () => {
    const hls = sequentialPoint(4);
    hls.design.kernels.matvec.stage = ['w.q'];
    hls.design.kernels.matvec.partition = { 'w.q': { type: 'block', factor: 4 }, 'w.s': { type: 'complete', factor: 1 } };
    hls.design.kernels.attention.stage = ['key_cache'];
    hls.design.placement['kv-cache'] = locationOf('uram');
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
    hls.design.activationPartition = { type: 'cyclic', factor: 4 };
    hls.design.kernels.quantize.partition = { x: { type: 'cyclic', factor: 2 } }; // fewer banks than the default: ignored
    hls.design.kernels.attention.partition = { k: { type: 'block', factor: 64 }, att: { type: 'complete', factor: 1 } };
    const arrays = byName(hls);
    expect(arrays.get('xb')).toMatchObject({ source: 'activationPartition', pragmas: ['ARRAY_PARTITION variable=xb type=cyclic factor=4 dim=1', 'BIND_STORAGE variable=xb type=ram_2p impl=bram'] });
    expect(arrays.get('k')).toMatchObject({ source: 'kernels.attention.partition.k', pragmas: ['ARRAY_PARTITION variable=k type=block factor=8 dim=1', 'BIND_STORAGE variable=k type=ram_2p impl=bram'] });
    expect(arrays.get('att')?.pragmas).toEqual(['ARRAY_PARTITION variable=att type=complete dim=1']);
    expect(arrays.get('xs')?.array.elements).toBe(32 / 4);
  });

  it('become registers (complete partitioning, no storage binding) when placed in registers', () => {
    const hls = sequentialPoint(4);
    hls.design.placement.activation = locationOf('registers');
    for (const a of byName(hls).values()) expect(a.pragmas).toEqual([`ARRAY_PARTITION variable=${a.array.name} type=complete dim=1`]);
  });

  it('bind to the design\'s storage and stay whole with partition none', () => {
    const hls = sequentialPoint(4);
    hls.design.placement.activation = locationOf('uram');
    expect(byName(hls).get('hb')?.pragmas).toEqual(['BIND_STORAGE variable=hb type=ram_2p impl=uram']);
  });
});

describe('checkHlsConfig refuses what the emitted C++ cannot express', () => {
  it.each([
    ['placement.weights', (h: HlsConfig) => (h.design.placement.weights = locationOf('bram')), 'placement.weights = "bram": emit-hls keeps weights in device memory behind an m_axi bundle (gmem, gmem1); on-chip placement is supported for activation and kv-cache only'],
    ['placement.kv-cache', (h: HlsConfig) => (h.design.placement['kv-cache'] = locationOf('registers')), 'placement.kv-cache = "registers": allowed are a bundle (gmem, gmem1), a list of bundles, bram, uram or lutram'],
    ['striped norms', (h: HlsConfig) => (h.design.placement.norm = locationOf(['gmem', 'gmem1'])), 'placement.norm = ["gmem","gmem1"]: emit-hls stripes only weights, embedding, kv-cache over several bundles; give norm one bundle'],
    ['a stripe over an unknown bundle', (h: HlsConfig) => (h.design.placement.weights = locationOf(['gmem', 'gmem9'])), 'placement.weights = ["gmem","gmem9"]: a stripe lists distinct bundles (gmem, gmem1)'],
    ['a bundle twice in a stripe', (h: HlsConfig) => (h.design.placement['kv-cache'] = locationOf(['gmem1', 'gmem1'])), 'placement.kv-cache = ["gmem1","gmem1"]: a stripe lists distinct bundles (gmem, gmem1)'],
    ['groupSize', (h: HlsConfig) => (h.design.groupSize = 3), 'groupSize = 3 must divide dim 16 and hidden_dim 32'],
    ['accumulators', (h: HlsConfig) => (h.design.accumulators.softmax = 0), 'accumulators.softmax: accumulators must be an integer from 1 to 256, got 0'],
  ])('%s', (_, change, message) => {
    const hls = sequentialPoint(4);
    hls.design.bundles.gmem1 = { ...hls.design.bundles.gmem, memory: 'DDR[1]' };
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
    expect(image.weightsQ).toHaveLength(1);
    expect(image.weightsQ[0].subarray(wk.valuesOffset + wk.elements, wk.valuesOffset + 2 * wk.elements)).toEqual(model.weights.wk[1].q);
    expect(image.weightsS[0].subarray(wk.scalesOffset + wk.elements / 4, wk.scalesOffset + (2 * wk.elements) / 4)).toEqual(model.weights.wk[1].s);
    const cls = layout.matrices.wcls;
    expect(cls.valuesOffset + cls.elements).toBe(layout.weightsQElements);
    expect(image.weightsQ[0].subarray(cls.valuesOffset)).toEqual(model.weights.tokenEmbedding.q); // the shared classifier, copied
  });

  it('keeps the norms in order and the embedding dequantized', () => {
    expect(layout.norms).toEqual({ rmsAtt: 0, rmsFfn: 32, rmsFinal: 64 });
    expect(image.norms.subarray(32, 64)).toEqual(model.weights.rmsFfn);
    expect(image.embedding).toEqual([model.weights.tokenEmbeddingF32]);
    expect(layout.cacheElements).toBe(2 * 8 * 8);
  });

  it('stripes rows over the shares, row r at row r / K of share r % K, each array padded to ceil(rows / K) rows', () => {
    const striped = imageLayout(MODEL, 4, { weights: 3, embedding: 5, kvCache: 3 });
    const image3 = deviceImage(model, striped);
    // wk is (kv_dim 8, dim 16): 3 rows in every share, the third share's last row padding
    const wk = striped.matrices.wk;
    expect(wk).toEqual({ valuesOffset: 2 * 6 * 16, scalesOffset: (2 * 6 * 16) / 4, elements: 3 * 16 });
    expect(striped.weightsQElements).toBe(2 * ((6 + 3 + 3 + 6 + 11 + 11) * 16 + 6 * 32) + 4 * 16); // w2's rows hold hidden_dim 32 values
    const rowOf = (tensor: { q: Int8Array; s: Float32Array }, r: number) => tensor.q.subarray(r * 16, (r + 1) * 16);
    for (const r of [0, 1, 2, 6, 7]) {
      const at = wk.valuesOffset + wk.elements + Math.floor(r / 3) * 16; // layer 1
      expect(image3.weightsQ[r % 3].subarray(at, at + 16), `wk row ${r}`).toEqual(rowOf(model.weights.wk[1], r));
      const scales = at / 4;
      expect(image3.weightsS[r % 3].subarray(scales, scales + 4), `wk scales ${r}`).toEqual(model.weights.wk[1].s.subarray(r * 4, (r + 1) * 4));
    }
    const padding = wk.valuesOffset + 2 * 16;
    expect(image3.weightsQ[2].subarray(padding, padding + 16).every((v) => v === 0)).toBe(true); // row 8 does not exist
    // the embedding: 12 tokens over 5 shares, 3 rows each; token 11 is row 2 of share 1
    expect(striped.embeddingElements).toBe(3 * 16);
    expect(image3.embedding[1].subarray(2 * 16, 3 * 16)).toEqual(model.weights.tokenEmbeddingF32.subarray(11 * 16, 12 * 16));
    // the cache: seq_len 8 over 3 shares, 3 positions a layer in each
    expect(striped).toMatchObject({ layerCacheElements: 3 * 8, cacheElements: 2 * 3 * 8, normElements: 5 * 16 });
    const bytes = (a: { byteLength: number }[]) => a.reduce((sum, x) => sum + x.byteLength, 0);
    expect(bytes(image3.weightsQ)).toBe(3 * striped.weightsQElements);
    expect(bytes(image3.weightsS)).toBe(4 * 3 * striped.weightsSElements);
  });
});

describe('v++ and Vitis settings', () => {
  it('maps each used bundle with a memory, and gives the clock period in ns', () => {
    const hls = sequentialPoint(4);
    hls.design.bundles = {
      a: { widthBits: 512, memory: 'HBM[3]', maxReadBurstBeats: 16, maxOutstandingReads: 16 },
      b: { widthBits: 256, memory: null, maxReadBurstBeats: 16, maxOutstandingReads: 16 },
      unused: { widthBits: 64, memory: 'DDR[1]', maxReadBurstBeats: 16, maxOutstandingReads: 16 },
    };
    hls.design.placement = placementOf({ weights: 'a', embedding: 'a', norm: 'b', 'kv-cache': 'a', logits: 'b', activation: 'bram' });
    expect(emitConnectivity(hls).split('\n').slice(1)).toEqual([
      '[connectivity]',
      'nk=fpgasim_decode:1:fpgasim_decode_1',
      'sp=fpgasim_decode_1.m_axi_a:HBM[3]',
      "# m_axi_b: the design names no memory; v++ connects it to the platform's default bank",
      '',
    ]);
    hls.design.placement.weights = locationOf(['b', 'unused']);
    // in port order: the weights' shares first
    expect(emitConnectivity(hls).split('\n').slice(3)).toEqual([
      "# m_axi_b: the design names no memory; v++ connects it to the platform's default bank",
      'sp=fpgasim_decode_1.m_axi_unused:DDR[1]',
      'sp=fpgasim_decode_1.m_axi_a:HBM[3]',
      '',
    ]);
    expect(clockPeriodNs(250e6)).toBe('4');
    expect(clockPeriodNs(300e6)).toBe('3.333333');
  });
});
