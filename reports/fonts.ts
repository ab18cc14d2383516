// The font files chart text is drawn with. resvg draws nothing for text whose font it cannot find, so a
// chart without a usable font would come out with no title, no axis labels and no legend; finding none is
// an error instead. Loading named files (not every system font) also keeps the PNGs the same run to run.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FpgasimError } from '../kernels/errors.js';

export interface ChartFont {
  family: string; // as the SVG names it (one of CHART_FONT's families)
  files: string[]; // regular first, then bold when present
}

/** The families of CHART_FONT with their regular and bold files, as Debian, Fedora and Homebrew name them. */
const CANDIDATES: { family: string; regular: string; bold: string }[] = [
  { family: 'DejaVu Sans', regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' },
  { family: 'Liberation Sans', regular: 'LiberationSans-Regular.ttf', bold: 'LiberationSans-Bold.ttf' },
  { family: 'Noto Sans', regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
];

/** Folders to search instead of the system's (colon-separated), e.g. for a font installed without root. */
export const FONT_DIRS_ENV = 'FPGASIM_FONT_DIRS';

/**
 * The DejaVu Sans that `npm install` brings (the dejavu-fonts-ttf package): searched first, so every machine
 * draws charts with the same font, and a fresh one needs no system font package.
 */
function bundledFontDir(): string[] {
  try {
    return [join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf')];
  } catch {
    return [];
  }
}

export function fontDirs(): string[] {
  const chosen = process.env[FONT_DIRS_ENV]?.split(':').filter(Boolean);
  if (chosen && chosen.length > 0) return chosen;
  return [...bundledFontDir(), '/usr/share/fonts', '/usr/local/share/fonts', join(homedir(), '.local/share/fonts'), join(homedir(), '.fonts'), '/Library/Fonts', '/opt/homebrew/share/fonts'];
}

/** Every file under dir (fonts sit a few folders deep: /usr/share/fonts/truetype/dejavu/). */
function filesUnder(dir: string, depth = 4): Map<string, string> {
  const found = new Map<string, string>();
  if (depth < 0 || !existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // font folders often hold symbolic links (to another package's files): follow them
    const kind = entry.isSymbolicLink() ? statSync(path, { throwIfNoEntry: false }) : entry;
    if (kind?.isDirectory()) for (const [name, p] of filesUnder(path, depth - 1)) if (!found.has(name)) found.set(name, p);
    if (kind?.isFile() && !found.has(entry.name)) found.set(entry.name, path);
  }
  return found;
}

/** The first candidate family under dirs; throws a one-line FpgasimError saying how to install one if none is. */
export function findChartFont(dirs: readonly string[]): ChartFont {
  const files = new Map<string, string>();
  for (const dir of dirs) for (const [name, path] of filesUnder(dir)) if (!files.has(name)) files.set(name, path);
  for (const c of CANDIDATES) {
    const regular = files.get(c.regular);
    if (!regular) continue;
    const bold = files.get(c.bold);
    return { family: c.family, files: bold ? [regular, bold] : [regular] };
  }
  throw new FpgasimError(
    `no font for chart text: none of ${CANDIDATES.map((c) => c.regular).join(', ')} is under ${dirs.join(', ')}; run npm install (it brings DejaVu Sans in dejavu-fonts-ttf), install one (Debian: apt-get install fonts-dejavu-core) or name its folder in ${FONT_DIRS_ENV}`,
  );
}

let cached: ChartFont | undefined;

/** The chart font of this process (searched once). */
export function chartFont(): ChartFont {
  cached ??= findChartFont(fontDirs());
  return cached;
}
