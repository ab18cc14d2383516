// How platforms look in every chart: short names for axis labels, and one color per kind of platform so an
// FPGA is the same blue on every chart of every report.
import type { PlatformKind } from './records.js';

/** Axis-label names of the baseline platforms (hw-models' names are full sentences). */
const SHORT_NAMES: Record<string, string> = {
  'xeon-e5-2686v4': 'Xeon E5-2686 v4',
  rtx3090: 'RTX 3090',
  a100: 'A100',
  h100: 'H100',
};

export function platformShortName(id: string): string {
  return SHORT_NAMES[id] ?? id;
}

export const KIND_LABELS: Record<PlatformKind, string> = { fpga: 'FPGA', cpu: 'CPU', gpu: 'GPU' };

/** Tableau-10 blue, orange and green: distinct for the common color-vision deficiencies and in grayscale. */
export const KIND_COLORS: Record<PlatformKind, string> = { fpga: '#4c78a8', cpu: '#f58518', gpu: '#54a24b' };

/** A vega-lite color scale that gives each kind its color, whichever kinds a chart shows. */
export const kindColorScale = {
  domain: Object.values(KIND_LABELS),
  range: Object.values(KIND_COLORS),
};

export const OVER_BUDGET_COLOR = '#d62728';
export const PUBLISHED_COLOR = '#222222';
