import { describe, expect, it } from 'vitest';
import { Environment, Resource } from '../../../sim/engine/index.js';

describe('Resource', () => {
  it('makes the second of two processes wait until the first releases the only unit', () => {
    const env = new Environment();
    const port = new Resource(env, 1, 'bram port');
    const log: string[] = [];
    const user = (name: string, arrivePs: number, holdPs: number) =>
      env.process(function* () {
        yield env.timeout(arrivePs);
        const request = yield* port.request();
        log.push(`${name} got @${env.now}`);
        yield env.timeout(holdPs);
        port.release(request);
        log.push(`${name} released @${env.now}`);
      }, name);
    user('A', 0, 4000);
    user('B', 1000, 2000);
    env.run();
    expect(log).toEqual(['A got @0', 'A released @4000', 'B got @4000', 'B released @6000']);
  });

  it('grants waiters first come, first served, capacity units at a time', () => {
    const env = new Environment();
    const adders = new Resource(env, 2, 'adders');
    const grants: string[] = [];
    for (const [name, arrivePs] of [['w', 0], ['x', 10], ['y', 20], ['z', 30]] as const) {
      env.process(function* () {
        yield env.timeout(arrivePs);
        const request = yield* adders.request();
        grants.push(`${name}@${env.now}`);
        yield env.timeout(100);
        adders.release(request);
      }, name);
    }
    env.run(25);
    expect([adders.inUse, adders.queueLength]).toEqual([2, 1]);
    env.run();
    expect(grants).toEqual(['w@0', 'x@10', 'y@100', 'z@110']);
    expect([adders.inUse, adders.queueLength]).toEqual([0, 0]);
  });

  it('skips a request withdrawn while waiting', () => {
    const env = new Environment();
    const unit = new Resource(env, 1);
    const grants: string[] = [];
    env.process(function* holder() {
      const request = yield* unit.request();
      yield env.timeout(500);
      unit.release(request);
    });
    env.process(function* impatient() {
      yield env.timeout(1);
      const request = unit.request();
      const outcome = yield* env.anyOf([request, env.timeout(100)]);
      if (outcome.index === 1) unit.release(request); // gave up waiting
      grants.push(`impatient gave up @${env.now}`);
    });
    env.process(function* patient() {
      yield env.timeout(2);
      const request = yield* unit.request();
      grants.push(`patient @${env.now}`);
      unit.release(request);
    });
    env.run();
    expect(grants).toEqual(['impatient gave up @101', 'patient @500']);
  });
});
