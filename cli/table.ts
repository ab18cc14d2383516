// A plain-text table for command output: columns padded to their widest cell, numbers right-aligned.
// Shared by the commands that print tables.

export function formatTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  const numeric = (cell: string) => /^[-+]?[\d.,]+(%| \S+)?$/.test(cell);
  const line = (row: string[]) =>
    row
      .map((cell, col) => (numeric(cell) ? cell.padStart(widths[col]) : cell.padEnd(widths[col])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
