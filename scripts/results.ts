// npm run results: rewrites experiments/RESULTS.md from the built-in studies (experiments/studies/results.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderResults } from '../experiments/studies/results.js';

const file = join(import.meta.dirname, '..', 'experiments', 'RESULTS.md');
writeFileSync(file, renderResults());
console.log(`wrote ${file}`);
