import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResults, ResultsAppender, writeResultsInOrder } from '../../experiments/results-file.js';
import type { ResultRecord } from '../../experiments/record.js';
import { tempDir } from './helpers.js';

const rec = (index: number) => ({ index, id: `id${index}`, params: {}, status: 'error', timing: 'analytic', error: 'x', internal: false }) as ResultRecord;

describe('results.jsonl', () => {
  it('appends one complete line per record and reads them back', () => {
    const path = join(tempDir('results'), 'results.jsonl');
    const out = new ResultsAppender(path);
    out.append(JSON.stringify(rec(2)));
    out.append(JSON.stringify(rec(0)));
    out.close();
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(rec(2))}\n${JSON.stringify(rec(0))}\n`);
    expect(readResults(path, { repair: false })).toEqual({ records: [rec(2), rec(0)], tornBytes: 0 });
  });

  it('cuts off a torn last line when repairing, and only then', () => {
    const path = join(tempDir('results'), 'results.jsonl');
    writeFileSync(path, `${JSON.stringify(rec(0))}\n`);
    appendFileSync(path, JSON.stringify(rec(1)).slice(0, 20));
    expect(readResults(path, { repair: false })).toEqual({ records: [rec(0)], tornBytes: 20 });
    expect(readFileSync(path, 'utf8')).toHaveLength(JSON.stringify(rec(0)).length + 1 + 20);
    expect(readResults(path, { repair: true }).tornBytes).toBe(20);
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(rec(0))}\n`);
  });

  it('refuses a complete line that is not JSON (a hand edit, not a kill)', () => {
    const path = join(tempDir('results'), 'results.jsonl');
    writeFileSync(path, `${JSON.stringify(rec(0))}\n{oops\n`);
    expect(() => readResults(path, { repair: true })).toThrow(/results\.jsonl: line 2 is not a result \(not JSON\)/);
  });

  it('rewrites in canonical order', () => {
    const path = join(tempDir('results'), 'results.jsonl');
    writeResultsInOrder(path, [rec(3), rec(1), rec(2)]);
    expect(readResults(path, { repair: false }).records.map((r) => r.index)).toEqual([1, 2, 3]);
  });
});
