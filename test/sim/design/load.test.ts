// Design points: the HLSTransform design loads with its units in SI; every kind of bad design is refused
// with one FpgasimError line naming the field; --set overrides are checked like the file; and the checks
// that need the device and the model (memories, group size, capacity) name what is wrong.
import { describe, expect, it } from 'vitest';
import { FpgasimError } from '../../../kernels/errors.js';
import { MODEL_SHAPES } from '../../../kernels/model/shapes.js';
import { loadDevice } from '../../../hw-models/devices/load.js';
import { checkDesignAgainst } from '../../../sim/design/check.js';
import { applySets, loadDesign, parseDesign } from '../../../sim/design/load.js';
import { hlstransform, hlstransformEdited, hlstransformJson, type DesignJson } from '../../helpers/designs.js';

/** The message of the FpgasimError that fn throws (fails the test for any other outcome). */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FpgasimError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a FpgasimError, nothing was thrown');
}

describe('loadDesign: the HLSTransform design', () => {
  const design = hlstransform();

  it('loads, with the clock in Hz and every field as the paper describes it', () => {
    expect(design.name).toBe('hlstransform');
    expect(design.device).toBe('vu9p-f1');
    expect(design.clockHz).toBe(250e6);
    expect(design.groupSize).toBe(64);
    expect(design.composition).toBe('sequential');
    expect(design.math).toBe('vitis-hls'); // HLSTransform's code calls expf/powf/sinf/cosf, which Vitis builds from hls_math
    expect(design.accumulators).toEqual({ matvec: 1, rmsnorm: 1, softmax: 1, attentionScore: 1, attentionValue: 1 });
    expect(design.bundles.gmem0).toEqual({ widthBits: 512, memory: null, maxReadBurstBeats: 16, maxOutstandingReads: 16 });
    expect(design.activationPartition).toEqual({ type: 'cyclic', factor: 16 });
    expect(design.kernels.matvec.pipeline).toEqual(['rows']);
    expect(design.kernels.matvec.ii).toBe(1); // the default when a kernel does not ask
    expect(design.kernels.matvec.partition['w.q']).toEqual({ type: 'cyclic', factor: 32 });
    expect(design.kernels.rmsnorm.unroll).toEqual({ sum_squares: 128, normalize: 64 });
    expect(design.kernels.embed.unroll).toEqual({});
    expect(design.host).toEqual({ sampling: 'host', logitsToHost: true });
  });

  it('takes glibc\'s math when a design does not name one (fpgasim then equals llama2.c)', () => {
    expect(hlstransformEdited((j) => delete j.math).math).toBe('glibc');
  });

  it('turns other clock units into Hz too', () => {
    expect(hlstransform('clock=0.3 GHz').clockHz).toBe(300e6);
    expect(hlstransform('clock=125000 kHz').clockHz).toBe(125e6);
  });

  it('reports an unknown design name with the built-in ones', () => {
    expect(errorOf(() => loadDesign('hlstransfrom'))).toMatch(/^unknown design 'hlstransfrom' \(built in: hlstransform/);
    expect(errorOf(() => loadDesign('no/such/design.json'))).toBe('design file no/such/design.json does not exist');
  });
});

describe('parseDesign: a bad design is one line naming the field', () => {
  const cases: [what: string, edit: (json: DesignJson) => void, message: RegExp][] = [
    ['an unknown top-level key', (j) => (j.colour = 'red'), /unknown key colour \(allowed: name, description, device, clock/],
    ['a missing top-level key', (j) => delete j.placement, /missing placement$/],
    ['an unknown kernel key', (j) => (j.kernels.matvec.unrol = { rows: 2 }), /unknown key kernels\.matvec\.unrol \(allowed: pipeline, ii, unroll, partition, stage\)/],
    ['an unknown kernel', (j) => (j.kernels.conv2d = { pipeline: [] }), /unknown key kernels\.conv2d/],
    ['a negative unroll factor', (j) => (j.kernels.rmsnorm.unroll.sum_squares = -1), /kernels\.rmsnorm\.unroll\.sum_squares = -1 is not allowed \(an integer from 1 to/],
    ['a zero unroll factor', (j) => (j.kernels.rmsnorm.unroll.sum_squares = 0), /kernels\.rmsnorm\.unroll\.sum_squares = 0 is not allowed/],
    ['a fractional unroll factor', (j) => (j.kernels.swiglu.unroll.lanes = 2.5), /kernels\.swiglu\.unroll\.lanes = 2\.5 is not allowed/],
    ['a zero requested II', (j) => (j.kernels.matvec.ii = 0), /kernels\.matvec\.ii = 0 is not allowed/],
    ['a zero partition factor', (j) => (j.kernels.matvec.partition['w.q'].factor = 0), /kernels\.matvec\.partition\.w\.q\.factor = 0 is not allowed/],
    ['a cyclic partition without a factor', (j) => delete j.kernels.matvec.partition['w.q'].factor, /kernels\.matvec\.partition\.w\.q\.factor = undefined is not allowed \(a factor for cyclic/],
    ['an unknown partition type', (j) => (j.kernels.matvec.partition['w.q'].type = 'diagonal'), /kernels\.matvec\.partition\.w\.q\.type = "diagonal" is not allowed \(one of none, cyclic, block, complete\)/],
    ['a pipeline label that is not a loop of the kernel', (j) => (j.kernels.rmsnorm.pipeline = ['rows']), /kernels\.rmsnorm\.pipeline\[0\] = "rows" is not allowed \(a loop of rmsnorm: sum_squares, scale, normalize\)/],
    ['an unroll label that is not a loop of the kernel', (j) => (j.kernels.rope.unroll = { lanes: 4 }), /kernels\.rope\.unroll = "lanes" is not allowed \(a loop of rope: pairs\)/],
    ['a partition of an array the kernel does not have', (j) => (j.kernels.rope.partition = { 'w.q': { type: 'complete' } }), /kernels\.rope\.partition = "w\.q" is not allowed \(an array of rope: q, k\)/],
    ['zero accumulators', (j) => (j.accumulators.softmax = 0), /accumulators\.softmax = 0 is not allowed \(an integer from 1 to 256\)/],
    ['a bundle width of 48 bits', (j) => (j.bundles.gmem0.widthBits = 48), /bundles\.gmem0\.widthBits = 48 is not allowed \(a power of two from 32 to 512\)/],
    ['a bundle width of 1024 bits', (j) => (j.bundles.gmem0.widthBits = 1024), /bundles\.gmem0\.widthBits = 1024 is not allowed \(an integer from 32 to 512\)/],
    ['a placement naming an unknown bundle', (j) => (j.placement.weights = 'gmem7'), /placement\.weights = "gmem7" is not allowed \(a bundle \(gmem0, gmem1, gmem\)/],
    ['activations placed off chip', (j) => (j.placement.activation = 'gmem0'), /placement\.activation = "gmem0" is not allowed \(on-chip storage \(bram, uram, lutram, registers\)\)/],
    ['a clock in an unknown unit', (j) => (j.clock = 'fast'), /clock: "fast" has an unknown unit/],
    ['a clock without a unit', (j) => (j.clock = 250), /clock: 250 is not a unit string/],
    ['a clock that is not a frequency', (j) => (j.clock = '4 ns'), /clock: "4 ns" is not a frequency/],
    ['a 5 GHz clock', (j) => (j.clock = '5 GHz'), /clock = "5 GHz" is not allowed \(a clock from 1 MHz to 1 GHz\)/],
    ['an unknown composition', (j) => (j.composition = 'parallel'), /composition = "parallel" is not allowed \(one of sequential, dataflow\)/],
    ['an unknown math library', (j) => (j.math = 'fast'), /math = "fast" is not allowed \(one of glibc, binary32, vitis-hls\)/],
  ];
  for (const [what, edit, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(errorOf(() => hlstransformEdited(edit))).toMatch(message);
    });
  }

  it('names the file the design came from', () => {
    const json = hlstransformJson();
    json.clock = '5 GHz';
    expect(errorOf(() => parseDesign(json, 'designs/mine.json'))).toMatch(/^designs\/mine\.json: clock = "5 GHz"/);
  });
});

describe('placement: an off-chip array behind one bundle, striped over several, or on chip', () => {
  it('reads a bundle name, a list of bundles and on-chip storage', () => {
    const design = hlstransform('placement.weights=["gmem0","gmem1"]', 'placement.kv-cache=uram');
    expect(design.placement.weights).toEqual({ offChip: true, bundles: ['gmem0', 'gmem1'] });
    expect(design.placement.logits).toEqual({ offChip: true, bundles: ['gmem1'] });
    expect(design.placement['kv-cache']).toEqual({ offChip: false, storage: 'uram' });
    expect(design.placement.activation).toEqual({ offChip: false, storage: 'bram' });
  });

  it('refuses an empty list, a bundle named twice, an unknown bundle in a list and striped activations', () => {
    expect(errorOf(() => hlstransform('placement.weights=[]'))).toMatch(/placement\.weights = \[\] is not allowed \(a bundle \(gmem0, gmem1, gmem\), a list of bundles/);
    expect(errorOf(() => hlstransform('placement.weights=["gmem0","gmem0"]'))).toMatch(/placement\.weights = \["gmem0","gmem0"\] is not allowed/);
    expect(errorOf(() => hlstransform('placement.weights=["gmem0","gmem9"]'))).toMatch(/placement\.weights = \["gmem0","gmem9"\] is not allowed/);
    expect(errorOf(() => hlstransform('placement.activation=["gmem0"]'))).toMatch(/placement\.activation = \["gmem0"\] is not allowed \(on-chip storage/);
  });
});

describe('applySets: --set overrides', () => {
  it('sets numbers, strings with units and nested paths, and the result is checked like the file', () => {
    const design = hlstransform('clock=300 MHz', 'kernels.matvec.ii=2', 'accumulators.matvec=4', 'bundles.gmem0.widthBits=256', 'composition=dataflow');
    expect(design.clockHz).toBe(300e6);
    expect(design.kernels.matvec.ii).toBe(2);
    expect(design.accumulators.matvec).toBe(4);
    expect(design.bundles.gmem0.widthBits).toBe(256);
    expect(design.composition).toBe('dataflow');
  });

  it('takes JSON values: objects, lists and null', () => {
    const design = hlstransform('kernels.matvec.unroll={"rows":2}', 'kernels.attention.pipeline=["scores"]', 'bundles.gmem1.memory="DDR[1]"');
    expect(design.kernels.matvec.unroll).toEqual({ rows: 2 });
    expect(design.kernels.attention.pipeline).toEqual(['scores']);
    expect(design.bundles.gmem1.memory).toBe('DDR[1]');
  });

  it('adds a new key, creating the objects on its way (matvec has no unroll object in the file)', () => {
    expect(hlstransform('kernels.attention.unroll.values=2').kernels.attention.unroll).toEqual({ softmax_exp: 16, softmax_normalize: 16, values: 2 });
    expect(hlstransform('kernels.matvec.unroll.rows=4').kernels.matvec.unroll).toEqual({ rows: 4 });
  });

  it('leaves the JSON it was given unchanged', () => {
    const json = hlstransformJson();
    applySets(json, ['clock=300 MHz']);
    expect(json.clock).toBe('250 MHz');
  });

  it('refuses a typo in the path as an unknown key, naming the allowed ones', () => {
    expect(errorOf(() => hlstransform('kernels.matvc.ii=2'))).toMatch(/hlstransform\.json: unknown key kernels\.matvc \(allowed: embed, rmsnorm, quantize, matvec/);
    expect(errorOf(() => hlstransform('kernels.matvec.unrol.rows=2'))).toMatch(/unknown key kernels\.matvec\.unrol \(allowed: pipeline, ii, unroll, partition, stage\)/);
  });

  it('refuses a new key the design does not know (caught by the checks of the file)', () => {
    expect(errorOf(() => hlstransform('kernels.matvec.unrol=2'))).toMatch(/unknown key kernels\.matvec\.unrol/);
  });

  it('refuses a set without "=" and a bad value, naming the field', () => {
    expect(errorOf(() => hlstransform('clock'))).toBe('--set "clock": expected path=value, e.g. kernels.matvec.ii=2 or clock="300 MHz"');
    expect(errorOf(() => hlstransform('clock=fast'))).toMatch(/clock: "fast" has an unknown unit/);
    expect(errorOf(() => hlstransform('kernels.matvec.ii=-1'))).toMatch(/kernels\.matvec\.ii = -1 is not allowed/);
    expect(errorOf(() => hlstransform('clock.mhz=300'))).toMatch(/^--set clock\.mhz=300: clock is not an object$/);
  });

  // array names contain dots ('w.q', 'xq.q', 'xq.s'); `fpgasim simulate --help` has this very example
  it('reaches a partition of an array whose name has a dot (kernels.matvec.partition.w.q.factor)', () => {
    const design = hlstransform('kernels.matvec.partition.w.q.factor=64');
    expect(design.kernels.matvec.partition['w.q']).toEqual({ type: 'cyclic', factor: 64 });
  });
});

describe('checkDesignAgainst: the design with its device and model', () => {
  const f1 = loadDevice('vu9p-f1');
  const stories110M = MODEL_SHAPES.stories110M;

  it('accepts the HLSTransform design for stories110M on the F1', () => {
    expect(() => checkDesignAgainst(hlstransform(), f1, stories110M)).not.toThrow();
  });

  it('refuses a bundle connected to a memory the device lacks, naming the bundle and the memories it has', () => {
    expect(errorOf(() => checkDesignAgainst(hlstransform('bundles.gmem1.memory="HBM[3]"'), f1, stories110M))).toBe(
      'bundles.gmem1.memory = "HBM[3]" is not a memory of vu9p-f1 (it has DDR[0], DDR[1], DDR[2], DDR[3])',
    );
  });

  it('refuses a group size that does not divide the model', () => {
    // stories15M: dim 288 = 4.5 x 64
    expect(errorOf(() => checkDesignAgainst(hlstransform(), f1, MODEL_SHAPES.stories15M))).toBe('groupSize = 64 must divide dim 288 and hidden_dim 768 (e.g. --set groupSize=32)');
    expect(() => checkDesignAgainst(hlstransform('groupSize=32'), f1, MODEL_SHAPES.stories15M)).not.toThrow();
  });

  it('refuses a clock above the device limit and a bundle wider than its ports', () => {
    expect(errorOf(() => checkDesignAgainst(hlstransform('clock=600 MHz'), f1, stories110M))).toBe("clock = 600 MHz is above vu9p-f1's 500 MHz limit");
    const kv260 = loadDevice('kv260'); // 128-bit HP ports
    expect(errorOf(() => checkDesignAgainst(hlstransform(), kv260, stories110M))).toBe("bundles.gmem0.widthBits = 512 is outside kv260's m_axi widths 32..128");
  });

  it('refuses Llama 2 7B on the KV260, whose one 4 GiB DDR cannot hold its weights and caches', () => {
    const narrow = hlstransform('bundles.gmem0.widthBits=128', 'bundles.gmem1.widthBits=128', 'bundles.gmem.widthBits=128');
    const kv260 = loadDevice('kv260');
    expect(() => checkDesignAgainst(narrow, kv260, stories110M)).not.toThrow();
    const message = errorOf(() => checkDesignAgainst(narrow, kv260, MODEL_SHAPES['llama2-7b']));
    expect(message).toMatch(/^placement puts (\d+\.\d\d) GiB in DDR\[0\], which holds 4\.00 GiB: spread the arrays over more bundles and memories$/);
    // int8 weights with their scales (~6.9 GB), the float32 embedding (0.5 GB) and the two float32 caches (4 GiB)
    expect(Number(/puts (\d+\.\d\d) GiB/.exec(message)![1])).toBeGreaterThan(10);
  });
});
