// Rewrites the validation table in README.md from `fpgasim validate-model`'s figures (npm run validation-readme).
import { readFileSync, writeFileSync } from 'node:fs';
import { README_BEGIN, README_END, validationMarkdown } from '../../experiments/validation/summary.js';
import { validateModel } from '../../experiments/validation/validate.js';

const path = new URL('../../README.md', import.meta.url);
const readme = readFileSync(path, 'utf8');
const begin = readme.indexOf(README_BEGIN);
const end = readme.indexOf(README_END);
if (begin < 0 || end < begin) throw new Error(`README.md has no ${README_BEGIN} ... ${README_END} block to rewrite`);
writeFileSync(path, readme.slice(0, begin) + validationMarkdown(validateModel()) + readme.slice(end + README_END.length));
process.stdout.write('README.md: validation table rewritten\n');
