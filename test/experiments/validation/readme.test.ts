// The README quotes the validation figures the model gives now: rerun `npm run validation-readme` after a change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { README_BEGIN, README_END, validationMarkdown } from '../../../experiments/validation/summary.js';
import { validateModel } from '../../../experiments/validation/validate.js';
import { PROJECT_ROOT } from '../../helpers/models.js';

describe('README.md validation table', () => {
  it('is what validate-model gives now', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const block = readme.slice(readme.indexOf(README_BEGIN), readme.indexOf(README_END) + README_END.length);
    expect(block).toBe(validationMarkdown(validateModel()));
  });
});
