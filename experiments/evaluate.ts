// One point of an experiment, simulated: the base design with the point's settings applied, checked like any
// design file, timed (timing only) on its model shape. A design the checks refuse becomes an error record
// naming why, not a failed sweep.
import { FpgasimError } from '../kernels/errors.js';
import { parseModelShape } from '../kernels/model/shapes.js';
import type { Json } from '../sim/design/fields.js';
import { parseDesign } from '../sim/design/load.js';
import type { Design } from '../sim/design/types.js';
import { simulate } from '../sim/simulate.js';
import type { ModelConfig } from '../kernels/model/types.js';
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

/** The design, model and token count of a point (throws FpgasimError for a design the checks refuse). */
export function pointSetup(experiment: Experiment, point: Point): PointSetup {
  const raw = structuredClone(experiment.design) as Json;
  let model = experiment.model;
  let tokens = experiment.tokens;
  for (const { path, value } of settingsOf(experiment.parameters, point.params)) {
    if (path === 'model') model = String(value);
    else if (path === 'tokens') tokens = value as number;
    else setPath(raw, path, value);
  }
  const design = parseDesign(raw, `point ${point.index} (${point.id})`);
  return { design, model, config: parseModelShape(model), tokens };
}

export function evaluatePoint(experiment: Experiment, point: Point, mode: SweepMode = experiment.mode): ResultRecord {
  try {
    const { design, model, config, tokens } = pointSetup(experiment, point);
    return okRecord(point, mode, simulate({ design, config, modelName: model, tokens, mode }));
  } catch (error) {
    return errorRecord(point, mode, error, !(error instanceof FpgasimError));
  }
}
