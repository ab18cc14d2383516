// One spelling of a JSON value (object keys sorted, no spaces), so equal values hash equally: an
// experiment's hash and a point's id are sha256 of it.
import { createHash } from 'node:crypto';
import type { Json } from '../sim/design/fields.js';

export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
