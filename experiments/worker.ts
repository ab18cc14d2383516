// A sweep worker thread: parses the experiment once, then simulates the points the main thread sends, one
// message each way per point. The result goes back as its finished JSON line, so the main thread only writes.
import { parentPort, workerData } from 'node:worker_threads';
import { evaluatePoint } from './evaluate.js';
import { parseExperiment } from './experiment.js';
import type { Point } from './points.js';

export interface WorkerInput {
  experiment: Parameters<typeof parseExperiment>[0]; // the resolved experiment
}

export interface WorkerResult {
  index: number;
  line: string;
}

const { experiment: resolved } = workerData as WorkerInput;
const experiment = parseExperiment(resolved, 'experiment', process.cwd());
parentPort!.on('message', (point: Point) => {
  const record = evaluatePoint(experiment, point);
  parentPort!.postMessage({ index: point.index, line: JSON.stringify(record) } satisfies WorkerResult);
});
