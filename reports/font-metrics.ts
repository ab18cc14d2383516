// Text widths from a TrueType font's own advance widths. Vega lays out titles, legends and labels from
// text widths; without a canvas it guesses 0.8 em per character, which for DejaVu Sans is a third too wide:
// legends squeeze the plot and labels are cut short. Reading the font's 'cmap' and 'hmtx' tables gives the
// widths resvg will draw (less kerning, a fraction of a pixel).
import { readFileSync } from 'node:fs';
import { FpgasimError } from '../kernels/errors.js';

export interface FontMetrics {
  /** Width in px of text at fontSizePx, or null if the font lacks a glyph for one of its characters. */
  widthPx(text: string, fontSizePx: number): number | null;
}

interface Tables {
  view: DataView;
  offsets: Map<string, number>;
}

function tables(file: string): Tables {
  const bytes = readFileSync(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets = new Map<string, number>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + 16 * i;
    offsets.set(bytes.toString('latin1', record, record + 4), view.getUint32(record + 8));
  }
  for (const tag of ['head', 'hhea', 'hmtx', 'cmap']) {
    if (!offsets.has(tag)) throw new FpgasimError(`font ${file} has no '${tag}' table; use a TrueType (.ttf) font`);
  }
  return { view, offsets };
}

/** Character code -> glyph id from the Unicode BMP subtable (format 4), which every Latin font has. */
function bmpGlyphs(view: DataView, cmap: number, file: string): (code: number) => number {
  const count = view.getUint16(cmap + 2);
  for (let i = 0; i < count; i++) {
    const platform = view.getUint16(cmap + 4 + 8 * i);
    const encoding = view.getUint16(cmap + 6 + 8 * i);
    const sub = cmap + view.getUint32(cmap + 8 + 8 * i);
    if (!((platform === 3 && encoding === 1) || platform === 0) || view.getUint16(sub) !== 4) continue;
    const segments = view.getUint16(sub + 6) / 2;
    const ends = sub + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    return (code) => {
      for (let s = 0; s < segments; s++) {
        if (view.getUint16(ends + 2 * s) < code) continue;
        const start = view.getUint16(starts + 2 * s);
        if (start > code) return 0;
        const delta = view.getUint16(deltas + 2 * s);
        const rangeOffset = view.getUint16(rangeOffsets + 2 * s);
        if (rangeOffset === 0) return (code + delta) & 0xffff;
        const glyph = view.getUint16(rangeOffsets + 2 * s + rangeOffset + 2 * (code - start));
        return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
      }
      return 0;
    };
  }
  throw new FpgasimError(`font ${file} has no Unicode BMP character map (cmap format 4)`);
}

export function loadFontMetrics(file: string): FontMetrics {
  const { view, offsets } = tables(file);
  const unitsPerEm = view.getUint16(offsets.get('head')! + 18);
  const longMetrics = view.getUint16(offsets.get('hhea')! + 34);
  const hmtx = offsets.get('hmtx')!;
  const glyphOf = bmpGlyphs(view, offsets.get('cmap')!, file);
  const advances = new Map<string, number | null>();
  const advanceOf = (char: string): number | null => {
    let advance = advances.get(char);
    if (advance === undefined) {
      const glyph = glyphOf(char.codePointAt(0)!);
      advance = glyph === 0 ? null : view.getUint16(hmtx + 4 * Math.min(glyph, longMetrics - 1));
      advances.set(char, advance);
    }
    return advance;
  };
  return {
    widthPx(text, fontSizePx) {
      let units = 0;
      for (const char of text) {
        const advance = advanceOf(char);
        if (advance === null) return null;
        units += advance;
      }
      return (units * fontSizePx) / unitsPerEm;
    },
  };
}
