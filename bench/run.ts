// `npm run bench`: runs the benchmark sections in order and prints what each measures. Speed is measured
// here, never asserted in tests (DESIGN.md). Add a section by writing a BenchSection and listing it below.
//
//   npm run bench                    every section
//   npm run bench -- --only decode   the named sections (repeat --only, or separate names by commas)
//   npm run bench -- --list          the sections and what they measure
import { parseArgs } from 'node:util';
import { decodeSection } from './decode.js';
import { matvecSection } from './matvec.js';
import { simulateSection } from './simulate.js';
import { sweepSection } from './sweep.js';
import type { BenchSection } from './section.js';

const SECTIONS: BenchSection[] = [decodeSection, matvecSection, simulateSection, sweepSection];

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string', multiple: true }, list: { type: 'boolean', default: false } } });
  if (values.list) {
    for (const section of SECTIONS) console.log(`${section.name.padEnd(12)} ${section.describe}`);
    return 0;
  }
  const wanted = values.only?.flatMap((names) => names.split(',')) ?? SECTIONS.map((section) => section.name);
  const unknown = wanted.filter((name) => !SECTIONS.some((section) => section.name === name));
  if (unknown.length > 0) {
    console.error(`bench: no section named ${unknown.join(', ')} (sections: ${SECTIONS.map((section) => section.name).join(', ')})`);
    return 1;
  }
  let ok = true;
  for (const section of SECTIONS.filter((s) => wanted.includes(s.name))) {
    console.log(`\n== ${section.name}: ${section.describe}`);
    ok = (await section.run((line) => console.log(line))) && ok;
  }
  return ok ? 0 : 1;
}

process.exitCode = await main();
