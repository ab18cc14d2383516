// A chart's data as CSV (RFC 4180): a header of every column in order of first appearance, numbers written
// in full (JavaScript's shortest round-trip form), empty cells for missing values.
import type { Cell, Row } from './charts/chart.js';

function cell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
