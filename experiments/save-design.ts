// A sweep's point as a design file of its own (designs/vu9p-frontier.json comes from here): the point's
// design JSON, named after the file it will be, with a description saying where it came from and what it did.
import type { Json } from '../sim/design/fields.js';
import { pointDesignJson } from './evaluate.js';
import type { Experiment } from './experiment.js';
import type { OkRecord } from './record.js';

export function bestDesignJson(experiment: Experiment, record: OkRecord, by: string): Json {
  const { raw } = pointDesignJson(experiment, record);
  const design = raw as Record<string, Json>;
  const provenance =
    `Point ${record.index} of the ${experiment.name} sweep (experiment ${experiment.hash.slice(0, 12)}), the best feasible point by ${by}: ` +
    `${record.tokensPerSecond.toFixed(1)} tokens/s (${(100 * record.fractionOfBound).toFixed(0)}% of the bandwidth bound), ${record.energyPerTokenJ.toFixed(4)} J/token ` +
    `on ${record.model}, ${record.tokens} tokens (${record.timing} timing). Parameters: ${JSON.stringify(record.params)}.`;
  return { ...design, name: experiment.name, description: provenance };
}
