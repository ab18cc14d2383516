// A benchmark section: one named measurement that `npm run bench` runs (all of them, or the ones named by
// --only). A section prints its own progress and results through `log`, and returns false when a sanity
// check failed, so the run exits non-zero.
export interface BenchSection {
  name: string; // what --only selects, e.g. 'decode'
  describe: string; // one line for --list
  run(log: (line: string) => void): Promise<boolean>;
}

/** The median of a non-empty list of measurements. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
