import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readModel } from '../../kernels/model/read.js';
import { synthModel } from '../../kernels/model/synth.js';
import type { Q8Weights } from '../../kernels/model/types.js';
import { writeQ8Checkpoint } from '../../kernels/model/write.js';
import { oneErrorLine, runFpgasim } from '../helpers/run-cli.js';
import { TINY } from '../kernels/model/fixtures.js';

describe('fpgasim synth-model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fpgasim-synth-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the seeded model of a custom shape, the same bytes as synthModel', () => {
    const out = join(dir, 'tiny.bin');
    const result = runFpgasim('synth-model', '--shape', '16,40,2,4,2,32,8', '--seed', '7', '--group-size', '4', '--out', out);
    // 256 header + 80 norm floats * 4 + 5888 weights * (1 int8 + 4 / group size 4 scale bytes)
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`wrote ${out}: synthetic 16,40,2,4,2,32,8 Q8_0 model, seed 7, group size 4, 12352 bytes\n`);
    const bytes = readFileSync(out);
    expect(Buffer.from(writeQ8Checkpoint(synthModel(TINY, { seed: 7, groupSize: 4 }))).equals(bytes)).toBe(true);
    const model = readModel(bytes, out);
    expect(model.config).toEqual(TINY);
    expect((model.weights as Q8Weights).groupSize).toBe(4);
  });

  it('writes a preset with the default seed 0 and group size', () => {
    const out = join(dir, 'stories260K.bin');
    expect(runFpgasim('synth-model', '--shape', 'stories260K', '--out', out).status).toBe(0);
    const model = readModel(readFileSync(out), out);
    expect(model.config.hiddenDim).toBe(172);
    expect((model.weights as Q8Weights).groupSize).toBe(4);
    expect(readFileSync(out).equals(writeQ8Checkpoint(synthModel(model.config, { seed: 0 })))).toBe(true);
  });

  it('refuses llama2-7b (over 4 GiB) and bad shapes with one line, writing nothing', () => {
    const out = join(dir, 'refused.bin');
    expect(oneErrorLine(runFpgasim('synth-model', '--shape', 'llama2-7b', '--out', out))).toMatch(
      /^fpgasim: synth-model: this shape needs a 6\.5 GiB file, over the 4 GiB limit .*timing-only shape.*--timing-only \/ --model-shape/,
    );
    expect(oneErrorLine(runFpgasim('synth-model', '--shape', '16,40,2,5,1,32,8', '--out', out))).toBe(
      "fpgasim: model shape '16,40,2,5,1,32,8': n_heads 5 does not divide dim 16",
    );
    expect(oneErrorLine(runFpgasim('synth-model', '--shape', 'stories260K', '--group-size', '8', '--out', out))).toContain(
      'group size 8 does not divide hidden_dim 172',
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });
});
