import { describe, expect, it } from 'vitest';
import { oneErrorLine, runFpgasim } from '../helpers/run-cli.js';

describe('fpgasim baselines', () => {
  it('prints predictions beside the published stories110M figures and the error of each', () => {
    const result = runFpgasim('baselines', '--model-shape', 'stories110M', '--tokens', '256');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('stories110M, 256 tokens, batch 1');
    expect(lines.find((l) => l.startsWith('rtx3090'))).toMatch(/^rtx3090\s+107\.3\s+107\.3\s+0\.0%\s+130\.5\s+130\.5\s+0\.0%\s+1\.217\s+1\.234\s+-1\.5%$/);
    expect(lines.find((l) => l.startsWith('xeon-e5-2686v4'))).toMatch(/^xeon-e5-2686v4\s+23\.1\s+23\.1\s+0\.0%\s+42\.5\s+42\.5\s+0\.0%\s+1\.838\s+1\.838\s+0\.0%$/);
    expect(lines.find((l) => l.startsWith('h100'))).toMatch(/^h100\s+107\.3\s+250\.6\s+2\.335$/);
    expect(result.stdout).toContain('DERIVED');
  });

  it('prints one JSON object with --json, published null where nothing matches the run', () => {
    const result = runFpgasim('baselines', '--model-shape', 'stories110M', '--tokens', '256', '--json');
    expect(result.status).toBe(0);
    const { platforms } = JSON.parse(result.stdout);
    expect(platforms.map((p: { platform: string }) => p.platform)).toEqual(['xeon-e5-2686v4', 'rtx3090', 'a100', 'h100']);
    const gpu = platforms[1];
    expect(gpu.tokensPerSecond).toBeCloseTo(107.3, 2);
    expect(gpu.published.tokensPerSecond).toBe(107.3);
    expect(gpu.published.powerW).toBeCloseTo(130.53, 2);
    expect(platforms[0].published.derived).toBe(true);
    expect(platforms[2].published).toBeNull();
    const big = JSON.parse(runFpgasim('baselines', '--model-shape', '4096,11008,32,32,32,32000,4096', '--tokens', '1024', '--json').stdout);
    expect(big.platforms.every((p: { published: unknown }) => p.published === null)).toBe(true);
    expect(big.platforms[0].tokensPerSecond).toBeCloseTo(0.384, 3); // llama2-7b on one Broadwell core
  });

  it('refuses a run longer than the model\'s seq_len and an unknown shape, in one line', () => {
    expect(oneErrorLine(runFpgasim('baselines', '--model-shape', 'stories15M', '--tokens', '300'))).toBe(
      'fpgasim: tokens 300 is not allowed (allowed: an integer from 1 to seq_len 256)',
    );
    expect(oneErrorLine(runFpgasim('baselines', '--model-shape', 'gpt4'))).toContain("fpgasim: model shape 'gpt4' is neither a preset");
  });
});
