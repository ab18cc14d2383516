// Reading built specs in tests: every unit layer (nested layers flattened) with its mark and encoding.
import type { Chart, Row } from '../../reports/charts/chart.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function unitLayers(spec: Json): Json[] {
  if (Array.isArray(spec.layer)) return spec.layer.flatMap(unitLayers);
  return [spec];
}

export const markOf = (layer: Json): string => (typeof layer.mark === 'string' ? layer.mark : layer.mark.type);

/** The first layer with this mark (and, if given, whose transform filter mentions `filter`). */
export function layerWith(chart: Chart, mark: string, filter?: string): Json {
  const found = unitLayers(chart.spec).find((l) => markOf(l) === mark && (!filter || JSON.stringify(l.transform ?? []).includes(filter)));
  if (!found) throw new Error(`${chart.id}: no ${mark} layer${filter ? ` filtered on ${filter}` : ''}`);
  return found;
}

export const column = (rows: Row[], key: string) => rows.map((r) => r[key]);
