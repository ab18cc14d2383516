// Conditions over several events: allOf succeeds when every event has succeeded (with their values, in
// order), anyOf when the first one succeeds (with its index and value). Either fails as soon as one of its
// events fails, with that event's error.

import type { Environment } from './environment.js';
import { SimEvent, type AnyEvent } from './event.js';

export type ValuesOf<E extends readonly AnyEvent[]> = { -readonly [K in keyof E]: E[K] extends SimEvent<infer V> ? V : never };
export interface FirstOf<V> {
  index: number;
  value: V;
}

export function allOf<E extends readonly AnyEvent[]>(env: Environment, events: E): SimEvent<ValuesOf<E>> {
  const all = new SimEvent<ValuesOf<E>>(env, `allOf(${events.length})`);
  let pending = events.length;
  const onChild = (child: AnyEvent): void => {
    if (all.triggered) return;
    if (!child.ok) all.fail(child.error);
    else if (--pending === 0) all.succeed(events.map((e) => e.value) as ValuesOf<E>);
  };
  if (pending === 0) all.succeed([] as unknown as ValuesOf<E>);
  watch(events, onChild);
  return all;
}

export function anyOf<E extends readonly AnyEvent[]>(env: Environment, events: E): SimEvent<FirstOf<ValuesOf<E>[number]>> {
  if (events.length === 0) throw new Error('anyOf needs at least one event');
  const first = new SimEvent<FirstOf<ValuesOf<E>[number]>>(env, `anyOf(${events.length})`);
  events.forEach((event, index) => {
    const onChild = (child: AnyEvent): void => {
      if (first.triggered) return;
      if (!child.ok) first.fail(child.error);
      else first.succeed({ index, value: child.value });
    };
    watch([event], onChild);
  });
  return first;
}

// Events processed already count at once; the others call back when processed.
function watch(events: readonly AnyEvent[], onChild: (child: AnyEvent) => void): void {
  for (const event of events) {
    if (event.processed) onChild(event);
    else event.addCallback(onChild);
  }
}
