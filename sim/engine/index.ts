// The discrete-event engine: start with Environment (environment.ts); README.md has an example.
export { Environment, SimulationError, type EnvironmentOptions, type TraceHook } from './environment.js';
export { SimEvent, Timeout, Priority, type AnyEvent, type Callback } from './event.js';
export { Process, errorOrigin, type ProcessGenerator, type ErrorOrigin } from './process.js';
export type { ValuesOf, FirstOf } from './condition.js';
export { ClockDomain } from './clock.js';
export { Resource, ResourceRequest } from './resource.js';
export { Fifo } from './fifo.js';
export { PS_PER_S, MAX_TIME_PS, ceilPs, secondsToPs } from './time.js';
