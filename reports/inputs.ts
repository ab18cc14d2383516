// What `fpgasim report --from` reads: a `fpgasim simulate --json` output (one result, or several, one per
// line), or a sweep's directory (its results.jsonl, named after its experiment.json), or a results.jsonl.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FpgasimError } from '../kernels/errors.js';
import type { OkRecord } from '../experiments/record.js';
import { readResults, RESULTS_FILE } from '../experiments/results-file.js';
import { readRunInfo } from '../experiments/run-dir.js';
import type { SimResult } from '../sim/simulate.js';
import { baselineRecordsFromSweepLine, fpgaRecordFromSweepLine, publishedRecords, recordsFromSimResult } from './adapters.js';
import type { ReportRecord } from './records.js';
import { dedupe } from './select.js';

export interface Inputs {
  records: ReportRecord[];
  notes: string[]; // what was read, and what was left out, for the report page
}

const isSimResult = (x: unknown): x is SimResult =>
  typeof x === 'object' && x !== null && 'fpga' in x && 'baselines' in x && 'design' in x && typeof (x as SimResult).fpga?.tokensPerSecond === 'number';

function readSimulateOutput(path: string): Inputs {
  const text = readFileSync(path, 'utf8').trim();
  let values: unknown[];
  try {
    values = text.startsWith('[') ? (JSON.parse(text) as unknown[]) : text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);
  } catch (error) {
    throw new FpgasimError(`--from ${path}: not JSON (${(error as Error).message}); expected the output of fpgasim simulate --json`);
  }
  if (values.length === 0) throw new FpgasimError(`--from ${path}: empty; expected the output of fpgasim simulate --json`);
  return {
    records: values.flatMap((v, i) => {
      if (!isSimResult(v)) throw new FpgasimError(`--from ${path}: result ${i + 1} is not a simulation result (no fpga.tokensPerSecond); expected the output of fpgasim simulate --json`);
      return recordsFromSimResult(v);
    }),
    notes: [`${path}: ${values.length} simulation result${values.length === 1 ? '' : 's'}`],
  };
}

function readSweep(resultsPath: string, name: string): Inputs {
  const lines = readResults(resultsPath, { repair: false }).records;
  const ok = lines.filter((l): l is OkRecord => l.status === 'ok');
  if (ok.length === 0) throw new FpgasimError(`--from ${resultsPath}: no simulated point (${lines.length} lines, none with status ok)`);
  const notes = [`${resultsPath}: ${ok.length} simulated design points of ${name}`];
  const failed = lines.length - ok.length;
  if (failed > 0) notes.push(`${failed} point${failed === 1 ? '' : 's'} of ${name} could not be simulated and are not shown (see their error in ${resultsPath})`);
  return { records: ok.flatMap((l) => [fpgaRecordFromSweepLine(l, `${name} #${l.index}`), ...baselineRecordsFromSweepLine(l)]), notes };
}

function readOne(path: string): Inputs {
  if (!existsSync(path)) throw new FpgasimError(`--from ${path} does not exist (a simulate --json file, a sweep directory, or a ${RESULTS_FILE})`);
  if (statSync(path).isDirectory()) {
    const results = join(path, RESULTS_FILE);
    if (!existsSync(results)) throw new FpgasimError(`--from ${path} holds no ${RESULTS_FILE}: not the output of fpgasim sweep`);
    return readSweep(results, String(readRunInfo(path).experiment.name ?? basename(path)));
  }
  return path.endsWith('.jsonl') && basename(path) === RESULTS_FILE ? readSweep(path, basename(join(path, '..'))) : readSimulateOutput(path);
}

/** Records of every input, with the published figures for each workload they cover. */
export function readInputs(paths: readonly string[]): Inputs {
  const inputs = paths.map(readOne);
  return withPublished({ records: inputs.flatMap((i) => i.records), notes: inputs.flatMap((i) => i.notes) });
}

/** Adds the published figures of every workload the records cover, once each. */
export function withPublished(inputs: Inputs): Inputs {
  const workloads = new Set(inputs.records.map((r) => JSON.stringify([r.model, r.tokens])));
  const published = [...workloads].flatMap((w) => {
    const [model, tokens] = JSON.parse(w) as [string, number];
    return publishedRecords(model, tokens);
  });
  return { records: dedupe([...inputs.records, ...published]), notes: inputs.notes };
}
