// DIR/results.jsonl: one result per line, appended as points finish. Each line goes out in a single write
// call from one writer, so a killed run can leave at most one torn line, at the end, with no newline; reading
// for a resume cuts it off (its point is simply redone). Once every point of a run is in, the file is
// rewritten in canonical order (to a temporary file, then renamed over it, so no reader sees half of it).
import { closeSync, existsSync, openSync, readFileSync, renameSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { FpgasimError } from '../kernels/errors.js';
import type { ResultRecord } from './record.js';

export const RESULTS_FILE = 'results.jsonl';

export interface ReadResults {
  records: ResultRecord[];
  tornBytes: number; // bytes of an unfinished last line (cut off when repairing)
}

/** The records of a results file; with repair, an unfinished last line is truncated away. */
export function readResults(path: string, options: { repair: boolean }): ReadResults {
  if (!existsSync(path)) return { records: [], tornBytes: 0 };
  const text = readFileSync(path, 'utf8');
  const complete = text.lastIndexOf('\n') + 1;
  const tornBytes = Buffer.byteLength(text.slice(complete));
  if (tornBytes > 0 && options.repair) truncateSync(path, Buffer.byteLength(text.slice(0, complete)));
  const records = text
    .slice(0, complete)
    .split('\n')
    .slice(0, -1)
    .map((line, i) => {
      try {
        return JSON.parse(line) as ResultRecord;
      } catch {
        throw new FpgasimError(`${path}: line ${i + 1} is not a result (not JSON); the file was changed by something other than fpgasim sweep`);
      }
    });
  return { records, tornBytes };
}

/** Appends records, each as one line written by one write call. */
export class ResultsAppender {
  private readonly fd: number;

  constructor(path: string) {
    this.fd = openSync(path, 'a');
  }

  append(line: string): void {
    writeSync(this.fd, `${line}\n`);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Writes records in canonical (index) order, replacing the file atomically. */
export function writeResultsInOrder(path: string, records: readonly ResultRecord[]): void {
  const sorted = [...records].sort((a, b) => a.index - b.index);
  writeFileSync(`${path}.tmp`, sorted.map((r) => `${JSON.stringify(r)}\n`).join(''));
  renameSync(`${path}.tmp`, path);
}
