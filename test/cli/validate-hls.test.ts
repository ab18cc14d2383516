// fpgasim validate-hls catching what breaks bit-exactness: g++ allowed to fuse multiply-adds is reported
// with its location (test, tensor, index, both bit patterns) and exit 1; and no g++ is one line. (A
// perturbed generated constant is caught in test/kernels/hls/project.test.ts.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitHlsProject } from '../../kernels/hls/project.js';
import { synthModel } from '../../kernels/model/synth.js';
import { PROJECT_ROOT } from '../helpers/models.js';
import { oneErrorLine, runFpgasim } from '../helpers/run-cli.js';
import { sequentialPoint } from '../kernels/hls/design-points.js';
import { GXX_NOTE, NO_GXX } from '../helpers/skip.js';

const MISMATCH = /^fpgasim: not bit-exact: (\d+) mismatched elements, the first at (\S+) (\S+)\[(\d+)\]: expected (0x[0-9a-f]{8}) actual (0x[0-9a-f]{8})$/;

describe.skipIf(NO_GXX)(`fpgasim validate-hls finds broken numerics${GXX_NOTE}`, () => {
  const root = mkdtempSync(join(tmpdir(), 'fpgasim-validate-hls-'));
  const dir = join(root, 'project');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeAll(() => {
    const model = synthModel({ dim: 64, hiddenDim: 128, nLayers: 2, nHeads: 4, nKvHeads: 2, vocabSize: 64, seqLen: 8 }, { seed: 5, groupSize: 8 });
    emitHlsProject({ hls: sequentialPoint(8), model, modelName: 'validate-hls test model', steps: 2, seed: 5, outDir: dir });
  });

  it('reports fused multiply-adds (-ffp-contract=fast -mfma) as a mismatch with its location', () => {
    const result = runFpgasim('validate-hls', dir, '--cxxflags=-ffp-contract=fast -mfma', '--no-sanitize');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('-ffp-contract=off -Wall -Wextra -Werror -Wno-unknown-pragmas -Wno-unused-label -O2 -ffp-contract=fast -mfma ...');
    const [, count, test, tensor, index, expected, actual] = MISMATCH.exec(oneErrorLine(result)) ?? [];
    expect(Number(count)).toBeGreaterThan(0);
    expect(test).toMatch(/^(matvec|rmsnorm|rope|softmax|attention|swiglu|decode)/); // a kernel that multiplies and adds
    expect(tensor).toBeTruthy();
    expect(Number(index)).toBeGreaterThanOrEqual(0);
    expect(expected).not.toBe(actual);
    expect(result.stdout).toMatch(new RegExp(`compared 9 kernels and 2 decode steps: \\d+ tensors, [\\d,]+ bytes, ${count} mismatched elements`));
  }, 120_000);

  it('says in one line when g++ is missing', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'validate-hls', dir], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATH: join(root, 'no-such-bin') },
    });
    expect(oneErrorLine(result)).toBe('fpgasim: g++ was not found on PATH: validate-hls compiles the emitted C++ with g++ (install it, e.g. apt-get install g++)');
  });
});
