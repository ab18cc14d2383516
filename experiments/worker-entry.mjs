// The file a sweep's worker threads start from: a worker does not inherit the main thread's TypeScript
// loader when fpgasim runs from bin/fpgasim.js, so it registers tsx's own before importing the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
