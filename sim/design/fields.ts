// Small checkers for reading JSON by hand: each names the field's path, the value and what is allowed,
// in one line, as a FpgasimError.
import { FpgasimError } from '../../kernels/errors.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class Fields {
  constructor(readonly source: string) {}

  fail(path: string, value: unknown, allowed: string): never {
    throw new FpgasimError(`${this.source}: ${path} = ${JSON.stringify(value)} is not allowed (${allowed})`);
  }

  /** An object with exactly the required keys plus any of the optional ones. */
  object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Record<string, Json> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, value, 'an object');
    const record = value as Record<string, Json>;
    const known = new Set([...required, ...optional]);
    for (const key of Object.keys(record)) {
      if (!known.has(key)) throw new FpgasimError(`${this.source}: unknown key ${path ? `${path}.` : ''}${key} (allowed: ${[...known].join(', ')})`);
    }
    for (const key of required) {
      if (!(key in record)) throw new FpgasimError(`${this.source}: missing ${path ? `${path}.` : ''}${key}`);
    }
    return record;
  }

  /** An object whose keys are names (free) and whose values are checked by `each`. */
  map<T>(value: unknown, path: string, each: (v: Json, path: string, key: string) => T): Record<string, T> {
    const record = this.object(value, path, [], Object.keys((value as object) ?? {}));
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, each(v, `${path}.${k}`, k)]));
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.length === 0) this.fail(path, value, 'a non-empty string');
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (!allowed.includes(value as T)) this.fail(path, value, `one of ${allowed.join(', ')}`);
    return value as T;
  }

  integer(value: unknown, path: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) this.fail(path, value, `an integer from ${min} to ${max}`);
    return value;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, value, 'true or false');
    return value;
  }

  strings(value: unknown, path: string): string[] {
    if (!Array.isArray(value)) this.fail(path, value, 'a list of strings');
    return value.map((v, i) => this.string(v, `${path}[${i}]`));
  }
}
