// The baselines' public face: baseline(platformId).predict(shape, tokens), and the validation table that
// sets every prediction beside the published figure it can be compared with, marking which figures the
// models were fitted to and which they were not.
import { FpgasimError } from '../../kernels/errors.js';
import type { ModelConfig } from '../../kernels/model/types.js';
import { MODEL_SHAPES } from '../../kernels/model/shapes.js';
import { predictCpu } from './cpu.js';
import { predictGpu } from './gpu.js';
import { BASELINE_PLATFORM_IDS, PLATFORMS, type Platform } from './platforms.js';
import type { BaselineOptions, BaselinePrediction } from './prediction.js';
import { PUBLISHED, type PublishedPoint } from './published.js';

export type { BaselineOptions, BaselinePrediction } from './prediction.js';
export { BASELINE_PLATFORM_IDS, PLATFORMS } from './platforms.js';
export { PUBLISHED, publishedFor } from './published.js';

export interface Baseline {
  platform: Platform;
  predict(config: ModelConfig, tokens: number, opts?: BaselineOptions): BaselinePrediction;
}

export function baseline(platformId: string): Baseline {
  const platform = PLATFORMS[platformId];
  if (!platform) throw new FpgasimError(`baseline platform '${platformId}' is unknown (allowed: ${BASELINE_PLATFORM_IDS.join(', ')})`);
  return {
    platform,
    predict: (config, tokens, opts) => (platform.kind === 'gpu' ? predictGpu(platform, config, tokens, opts) : predictCpu(platform, config, tokens)),
  };
}

const QUANTITIES = ['tokensPerSecond', 'powerW', 'energyPerTokenJ'] as const;
export type Quantity = (typeof QUANTITIES)[number];

export interface ValidationRow {
  platform: string;
  tokens: number;
  quantity: Quantity;
  predicted: number;
  published: number;
  relativeError: number; // (predicted - published) / published
  use: 'fitted' | 'held-out' | 'follows from the fit' | 'taken as published';
  source: string;
}

/** Whether a published quantity was a fitting datum, a consequence of the fit, or independent of it. */
function useOf(point: PublishedPoint, quantity: Quantity): ValidationRow['use'] {
  if (point.role === 'held-out') return 'held-out';
  if (point.platform === 'xeon-e5-2686v4' && quantity === 'powerW') return 'taken as published'; // codecarbon's constant
  return quantity === 'energyPerTokenJ' ? 'follows from the fit' : 'fitted';
}

/** Every published baseline figure (stories110M) beside the model's prediction for the same run. */
export function validationTable(): ValidationRow[] {
  const rows: ValidationRow[] = [];
  for (const point of PUBLISHED) {
    if (!(point.platform in PLATFORMS)) continue; // the FPGA row is the simulator's datum, not a baseline's
    const predicted = baseline(point.platform).predict(MODEL_SHAPES[point.modelShape], point.tokens);
    for (const quantity of QUANTITIES) {
      const published = point[quantity];
      if (published === null) continue;
      rows.push({
        platform: point.platform,
        tokens: point.tokens,
        quantity,
        predicted: predicted[quantity],
        published,
        relativeError: (predicted[quantity] - published) / published,
        use: useOf(point, quantity),
        source: point.source,
      });
    }
  }
  return rows;
}
