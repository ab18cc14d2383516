// experiments/RESULTS.md is what `npm run results` writes from the simulator as it is: the whole file is
// regenerated here (every point of the five studies, about 8 s in one process) and compared byte for byte,
// so committed results cannot go stale. After a change that moves a number: npm run results, and commit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderResults } from '../../experiments/studies/results.js';
import { PROJECT_ROOT } from '../helpers/models.js';

describe('experiments/RESULTS.md', () => {
  it('equals a fresh regeneration of every built-in study (run npm run results when it does not)', () => {
    const committed = readFileSync(join(PROJECT_ROOT, 'experiments', 'RESULTS.md'), 'utf8');
    const fresh = renderResults();
    for (const study of [...fresh.matchAll(/<!-- study (\S+) -->/g)].map((m) => m[1])) {
      const section = (text: string) => text.slice(text.indexOf(`<!-- study ${study} -->`), text.indexOf(`<!-- end ${study} -->`));
      expect(section(committed), `${study}: run npm run results`).toBe(section(fresh));
    }
    expect(committed).toBe(fresh);
  }, 120_000);
});
