// Unit strings of the hardware data files ("17.07 GB/s", "250 MHz", "16 GiB") turned into plain SI numbers.
// mathjs does the parsing once, at load time; nothing downstream ever sees a mathjs unit (they are ~400x
// slower than numbers in hot loops).
import { createRequire } from 'node:module';
import type { Unit } from 'mathjs';
import { FpgasimError } from '../kernels/errors.js';

// mathjs takes about a second to load; it is required on the first unit parsed, so the commands that never
// read a device or design file (generate, quantize, --help) start without it.
let mathUnit: typeof import('mathjs').unit | undefined;
function unit(text: string): Unit {
  mathUnit ??= (createRequire(import.meta.url)('mathjs') as typeof import('mathjs')).unit;
  return mathUnit(text);
}

/** The quantities the data files use, each with the SI unit its number is returned in. */
export const QUANTITIES = {
  bandwidth: 'B/s', // bytes per second
  frequency: 'Hz',
  size: 'B',
  time: 's',
  power: 'W',
  energy: 'J',
  energyPerBit: 'J/bit',
} as const;

export type Quantity = keyof typeof QUANTITIES;

/**
 * The SI number a unit string denotes, e.g. parseQuantity('17.07 GB/s', 'bandwidth', where) = 1.707e10.
 * `where` names the file and field for the one-line error (unknown unit, wrong kind of quantity, no unit).
 */
export function parseQuantity(text: unknown, quantity: Quantity, where: string): number {
  const siUnit = QUANTITIES[quantity];
  const allowed = `a ${quantity} with a unit, e.g. "1 ${siUnit}"`;
  if (typeof text !== 'string') throw new FpgasimError(`${where}: ${JSON.stringify(text)} is not a unit string (allowed: ${allowed})`);
  let parsed: Unit;
  try {
    parsed = unit(text);
  } catch {
    throw new FpgasimError(`${where}: "${text}" has an unknown unit (allowed: ${allowed})`);
  }
  if (parsed.value === null || !parsed.equalBase(unit(`1 ${siUnit}`))) {
    throw new FpgasimError(`${where}: "${text}" is not a ${quantity} (allowed: ${allowed})`);
  }
  // 12 significant digits: '150 ns' is 1.5e-7, not mathjs's 1.5000000000000002e-7 (the data have at most 6).
  return Number(parsed.toNumber(siUnit).toPrecision(12));
}
