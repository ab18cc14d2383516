// The summary of a sweep's run directory, as experiments/RESULTS.md shows each built-in study:
//
//   npx tsx experiments/studies/summarize.ts runs/vu9p-frontier
import { join } from 'node:path';
import { readResults, RESULTS_FILE } from '../results-file.js';
import { readRunInfo } from '../run-dir.js';
import { summarizeStudy } from './summary.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npx tsx experiments/studies/summarize.ts RUN_DIR');
  process.exit(2);
}
const info = readRunInfo(dir);
const { records } = readResults(join(dir, RESULTS_FILE), { repair: false });
console.log(summarizeStudy(String(info.experiment.name), records, info.hash));
