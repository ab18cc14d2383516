// A report on disk: for every chart the records can make, <id>.vl.json (the vega-lite spec, data inline),
// <id>.svg, <id>.png (2x, slide-ready) and <id>.csv; then index.html showing them with the headline table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHARTS } from './charts/index.js';
import { toCsv } from './csv.js';
import { headlineRows } from './headline.js';
import { reportHtml, type PageChart } from './html.js';
import type { ReportRecord } from './records.js';
import { renderChart } from './render.js';

export interface ReportOptions {
  title?: string;
  generatedBy?: string; // shown on the page: the command that made it
  notes?: string[]; // what the records are, shown on the page
  log?: (line: string) => void; // progress, one line per chart
}

export interface ReportSummary {
  outDir: string; // absolute
  indexHtml: string; // absolute path of index.html
  charts: { id: string; files: string[] }[]; // files written, relative to outDir
  missing: { id: string; needs: string }[]; // charts the records could not make
}

export async function writeReport(records: readonly ReportRecord[], outDir: string, options: ReportOptions = {}): Promise<ReportSummary> {
  const log = options.log ?? (() => {});
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const written: ReportSummary['charts'] = [];
  const pageCharts: PageChart[] = [];
  const missing: ReportSummary['missing'] = [];
  for (const definition of CHARTS) {
    const chart = definition.build(records);
    if (!chart) {
      missing.push({ id: definition.id, needs: definition.needs });
      log(`${definition.id}: not drawn (needs ${definition.needs})`);
      continue;
    }
    const started = performance.now();
    const rendered = await renderChart(chart.spec);
    const files = { spec: `${chart.id}.vl.json`, svg: `${chart.id}.svg`, png: `${chart.id}.png`, csv: `${chart.id}.csv` };
    writeFileSync(join(dir, files.spec), `${JSON.stringify(chart.spec, null, 2)}\n`);
    writeFileSync(join(dir, files.svg), rendered.svg);
    writeFileSync(join(dir, files.png), rendered.png);
    writeFileSync(join(dir, files.csv), toCsv(chart.rows));
    written.push({ id: chart.id, files: Object.values(files) });
    pageCharts.push({ id: chart.id, title: chart.title, files });
    log(`${chart.id}: ${files.png} ${rendered.widthPx}x${rendered.heightPx} px, ${files.svg}, ${files.spec}, ${files.csv} (${Math.round(performance.now() - started)} ms)`);
  }
  const indexHtml = join(dir, 'index.html');
  writeFileSync(
    indexHtml,
    reportHtml({
      title: options.title ?? 'fpgasim report',
      generatedBy: options.generatedBy ?? 'fpgasim',
      notes: options.notes ?? [],
      headline: headlineRows(records),
      charts: pageCharts,
      missing: missing.map((m) => ({ title: CHARTS.find((c) => c.id === m.id)!.title, needs: m.needs })),
    }),
  );
  log(`index.html: ${pageCharts.length} charts and the headline table`);
  return { outDir: dir, indexHtml, charts: written, missing };
}
