// One point of an experiment, simulated: the base design with the point's settings applied, checked like any
// design file, timed (timing only) on its model shape. A design the checks refuse becomes an error record
// naming why, not a failed sweep.
import { FpgasimError } from '../kernels/errors.js';
import { parseModelShape } from '../kernels/model/shapes.js';
import type { ModelConfig } from '../kernels/model/types.js';
import { loadDevice } from '../hw-models/devices/load.js';
import type { Device } from '../hw-models/devices/types.js';
import type { Json } from '../sim/design/fields.js';
import { parseDesign } from '../sim/design/load.js';
import type { Design } from '../kernels/design.js';
import { simulate } from '../sim/simulate.js';
import { bandwidthBound } from './bound.js';
import { setPath } from './design-path.js';
import type { Experiment, SweepMode } from './experiment.js';
import { settingsOf } from './parameters.js';
import type { Point } from './points.js';
import { errorRecord, okRecord, type ResultRecord } from './record.js';

export interface PointSetup {
  design: Design;
  model: string;
  config: ModelConfig;
  tokens: number;
}

/** The point's design as JSON (base design, settings applied), with its model and token count. */
export function pointDesignJson(experiment: Experiment, point: Pick<Point, 'params'>): { raw: Json; model: string; tokens: number } {
  const raw = structuredClone(experiment.design) as Json;
  let model = experiment.model;
  let tokens = experiment.tokens;
  for (const { path, value } of settingsOf(experiment.parameters, point.params)) {
    if (path === 'model') model = String(value);
    else if (path === 'tokens') tokens = value as number;
    else setPath(raw, path, value);
  }
  return { raw, model, tokens };
}

/** The design, model and token count of a point (throws FpgasimError for a design the checks refuse). */
export function pointSetup(experiment: Experiment, point: Point): PointSetup {
  const { raw, model, tokens } = pointDesignJson(experiment, point);
  const design = parseDesign(raw, `point ${point.index} (${point.id})`);
  return { design, model, config: parseModelShape(model), tokens };
}

/** Devices read once per thread, as simulate() does for its own. */
const devices = new Map<string, Device>();
const deviceNamed = (id: string) => devices.get(id) ?? devices.set(id, loadDevice(id)).get(id)!;

export function evaluatePoint(experiment: Experiment, point: Point, mode: SweepMode = experiment.mode): ResultRecord {
  try {
    const { design, model, config, tokens } = pointSetup(experiment, point);
    const result = simulate({ design, config, modelName: model, tokens, mode });
    return okRecord(point, mode, result, bandwidthBound(config, design, deviceNamed(design.device), tokens));
  } catch (error) {
    return errorRecord(point, mode, error, !(error instanceof FpgasimError));
  }
}
