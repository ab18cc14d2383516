// A part's whole-chip resources by part number ('xcvu13p-flga2577-2-e'): from a board file in ../devices
// whose part has the same die, else from parts.json beside this file. The die is what decides the budget;
// package, speed grade and temperature grade do not change the resource counts.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FpgasimError } from '../../kernels/errors.js';
import { listDevices } from '../devices/load.js';
import type { Resources } from '../devices/types.js';

export interface Part {
  die: string; // 'xcvu13p'
  wholeChip: Resources;
  source: string; // the board file or the data-sheet line the counts come from
}

const die = (part: string): string => part.trim().toLowerCase().split('-')[0];

let table: Record<string, Resources & { source: string }> | undefined;
function partsTable(): Record<string, Resources & { source: string }> {
  table ??= JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'parts.json'), 'utf8')).parts;
  return table!;
}

export function findPart(partNumber: string, where: string): Part {
  const wanted = die(partNumber);
  const devices = listDevices();
  const board = devices.find((d) => die(d.part) === wanted);
  if (board) return { die: wanted, wholeChip: board.wholeChip, source: board.file };
  const row = partsTable()[wanted];
  if (!row) {
    const known = [...new Set([...devices.map((d) => die(d.part)), ...Object.keys(partsTable())])].sort();
    throw new FpgasimError(`${where} = ${JSON.stringify(partNumber)} is not a known part (allowed: a part number of ${known.join(', ')})`);
  }
  const { source, ...wholeChip } = row;
  return { die: wanted, wholeChip, source: `hw-models/parts/parts.json: ${source}` };
}
