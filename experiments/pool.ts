// Worker threads that simulate points: each worker is kept two points ahead (one running, one queued) so it
// never waits for the main thread, and every result comes back to the main thread, the only writer.
import { Worker } from 'node:worker_threads';
import type { Json } from '../sim/design/fields.js';
import type { Point } from './points.js';
import type { WorkerInput, WorkerResult } from './worker.js';

const WORKER_ENTRY = new URL('./worker-entry.mjs', import.meta.url);
const AHEAD = 2;

export async function runPool(resolvedExperiment: Record<string, Json>, points: readonly Point[], jobs: number, onResult: (result: WorkerResult) => void): Promise<void> {
  if (points.length === 0) return;
  const workers = Array.from({ length: Math.min(jobs, points.length) }, () => new Worker(WORKER_ENTRY, { workerData: { experiment: resolvedExperiment } satisfies WorkerInput }));
  let next = 0;
  let received = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (worker: Worker) => {
        if (next < points.length) worker.postMessage(points[next++]);
      };
      for (const worker of workers) {
        worker.on('message', (result: WorkerResult) => {
          received++;
          try {
            onResult(result);
          } catch (error) {
            reject(error);
            return;
          }
          if (received === points.length) resolve();
          else feed(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (received < points.length) reject(new Error(`a sweep worker exited (code ${code}) with ${points.length - received} points unfinished`));
        });
        for (let k = 0; k < AHEAD; k++) feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
