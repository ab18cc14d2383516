// fpgasim simulate as a user runs it: the JSON with every field of a SimResult, the readable summary with the
// paper's ratios, the per-loop table, and one 'fpgasim:' line for every mistake.
import { describe, expect, it } from 'vitest';
import { modelFile } from '../helpers/models.js';
import { oneErrorLine, runFpgasim } from '../helpers/run-cli.js';

describe('fpgasim simulate --json (the HLSTransform design, stories110M, 256 tokens)', () => {
  const result = runFpgasim('simulate', '--json');
  const json = JSON.parse(result.stdout);

  it('prints one JSON object with the run it describes', () => {
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(json).toMatchObject({ design: 'hlstransform', device: 'vu9p-f1', clockHz: 250e6, tokens: 256, model: 'stories110M', mode: 'flow', generated: null });
  });

  it('has every FPGA field: speed, cycles, power, energy, fit', () => {
    for (const key of ['tokensPerSecond', 'cyclesPerToken', 'powerW', 'energyPerTokenJ']) {
      expect(json.fpga[key], key).toBeTypeOf('number');
      expect(json.fpga[key], key).toBeGreaterThan(0);
    }
    expect(json.fpga.fits).toBeTypeOf('boolean');
    expect(json.fpga.cyclesPerToken).toBeCloseTo(250e6 / json.fpga.tokensPerSecond, 3);
  });

  it('has used and available for DSP, BRAM18, URAM, LUT and FF', () => {
    expect(Object.keys(json.fpga.resources).sort()).toEqual(['bram18', 'dsp', 'ff', 'lut', 'uram']);
    for (const [name, r] of Object.entries(json.fpga.resources) as [string, { used: number; available: number }][]) {
      expect(Number.isInteger(r.used), name).toBe(true);
      expect(r.available, name).toBeGreaterThan(0);
    }
    expect(json.fpga.resources.dsp.available).toBe(5640);
  });

  it('has the kernels (name, cycles, share) and the memories (channel, bytes per token, utilization)', () => {
    expect(json.fpga.kernels.map((k: { name: string }) => k.name).sort()).toEqual(['attention', 'embed', 'matvec', 'quantize', 'residual', 'rmsnorm', 'rope', 'swiglu']);
    for (const k of json.fpga.kernels) expect(Object.keys(k).sort()).toEqual(['cycles', 'name', 'share']);
    expect(json.fpga.memory).toHaveLength(1);
    expect(json.fpga.memory[0]).toMatchObject({ channel: 'DDR[0]' });
    expect(json.fpga.memory[0].bytesPerToken).toBeGreaterThan(1e8);
    expect(json.fpga.memory[0].utilization).toBeGreaterThan(0);
    expect(json.fpga.memory[0].utilization).toBeLessThan(1);
  });

  it('has the CPU and GPU baselines: platform, tokens/s, power, energy per token', () => {
    expect(json.baselines.cpu.platform).toBe('xeon-e5-2686v4');
    expect(json.baselines.gpu.platform).toBe('rtx3090');
    for (const b of [json.baselines.cpu, json.baselines.gpu]) {
      for (const key of ['tokensPerSecond', 'powerW', 'energyPerTokenJ']) expect(b[key], key).toBeGreaterThan(0);
    }
  });
});

describe('fpgasim simulate (text)', () => {
  const result = runFpgasim('simulate', '--loops');

  it('prints the headline and the comparison table beside the paper\'s ratios', () => {
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^hlstransform on vu9p-f1 \(xcvu9p-flgb2104-2-i\) at 250 MHz, stories110M, 256 tokens, flow-level timing only\n/);
    expect(result.stdout).toMatch(/FPGA: [\d.]+ tokens\/s, [\d.]+ ms\/token \([\d,]+ cycles\), [\d.]+ W, [\d.]+ J\/token/);
    const comparison = result.stdout.slice(result.stdout.indexOf('Comparison'));
    expect(comparison).toMatch(/CPU xeon-e5-2686v4 \(model\).*[\d.]+x \(paper 2\.46x\).*[\d.]+x \(paper 12\.75x\)/);
    expect(comparison).toMatch(/GPU rtx3090 \(model\).*[\d.]+x \(paper 0\.53x\).*[\d.]+x \(paper 8\.25x\)/);
  });

  it('prints the kernel model\'s measured error beside the figures, and a J/token band for the fitted energies', () => {
    expect(result.stdout).toMatch(/Error band of the kernel model: cycles ±\d+% \(median \|error\| over \d+ public cases not used for fitting\)/);
    expect(result.stdout).toMatch(/^DSP\s+[\d,]+\s+[\d,]+\s+[\d.]+%\s+DSP ±\d+% \(median/m);
    const band = /J\/token ([\d.]+) to ([\d.]+) with the fitted per-action energies halved or doubled/.exec(result.stdout);
    const point = Number(/([\d.]+) J\/token/.exec(result.stdout)![1]);
    expect(Number(band![1])).toBeLessThan(point);
    expect(Number(band![2])).toBeGreaterThan(point);
  });

  it('prints the loop table with why each II is what it is', () => {
    expect(result.stdout).toMatch(/call\s+loop\s+trip\s+unroll\s+II\s+depth\s+starts\s+cycles\s+why this II/);
    expect(result.stdout).toMatch(/L0\.wq\s+rows\s+768\s+1\s+24\s+60\s+1\s+18,468\s+memory ports: w\.q 1536 accesses \/ 64 ports/);
    expect(result.stdout).toMatch(/L0\.rms_att\s+sum_squares\s+768\s+128\s+512\s+.*recurrence: add float32 4 cycles x 128 per iteration \/ 1 accumulator\(s\)/);
    expect(result.stdout).toMatch(/L0\.attention\s+heads\/scores\s+.*m_axi gmem: 4 beats of 64 B/);
  });
});

describe('fpgasim simulate refuses mistakes with one line', () => {
  it('an unknown --set path', () => {
    expect(oneErrorLine(runFpgasim('simulate', '--set', 'kernels.matvc.ii=2'))).toMatch(/^fpgasim: .*hlstransform\.json: unknown key kernels\.matvc \(allowed: embed, /);
  });

  it('a bad --set value', () => {
    expect(oneErrorLine(runFpgasim('simulate', '--set', 'clock=fast'))).toMatch(/^fpgasim: .*clock: "fast" has an unknown unit/);
  });

  it('an unknown design', () => {
    expect(oneErrorLine(runFpgasim('simulate', '--design', 'nosuch'))).toMatch(/^fpgasim: unknown design 'nosuch' \(built in: hlstransform/);
  });

  it('more tokens than the model\'s seq_len', () => {
    expect(oneErrorLine(runFpgasim('simulate', '--tokens', '1025'))).toBe("fpgasim: tokens 1025 is not allowed (1..1024, the model's seq_len)");
  });
});

describe('fpgasim simulate --help examples', () => {
  // the array name w.q has a dot of its own, which --set must not split
  it('runs the what-if example: faster clock, wider row buffer', () => {
    const result = runFpgasim('simulate', '--set', 'clock=300 MHz', '--set', 'kernels.matvec.partition.w.q.factor=64', '--tokens', '8', '--loops');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('at 300 MHz');
  });
});

describe('fpgasim simulate --model: the kernels executed while timed', () => {
  const q80 = modelFile('stories260K_q80_gs4.bin');
  const tok = modelFile('tok512.bin');
  it.skipIf(!q80.present || !tok.present)(`reports llama2.c runq.c's tokens for "Once upon a time" ${q80.missing}`, () => {
    const result = runFpgasim('simulate', '--model', q80.path, '--tokenizer', tok.path, '--prompt', 'Once upon a time', '--tokens', '16', '--set', 'groupSize=4', '--json');
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout);
    // the first 17 of the 65 tokens in ../shared/models/README.md
    expect(json.generated).toEqual([1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338]);
    expect(json.config).toMatchObject({ dim: 64, hiddenDim: 172, nLayers: 5, vocabSize: 512 });
  });

  it.skipIf(!q80.present)(`refuses a model whose group size is not the design's ${q80.missing}`, () => {
    expect(oneErrorLine(runFpgasim('simulate', '--model', q80.path, '--tokens', '4', '--set', 'groupSize=2'))).toMatch(
      /^fpgasim: the model must be Q8_0 with group size 2 \(the design's groupSize\) to run functionally/,
    );
  });
});
