// fpgasim baselines: what the CPU and GPU baselines predict for a model shape and run length, beside the
// published figures (HLSTransform) where a published run matches, with the error of each prediction.
import type { CommandModule } from 'yargs';
import { BASELINE_PLATFORM_IDS, baseline, publishedFor, type BaselinePrediction } from '../../hw-models/baselines/index.js';
import { MODEL_SHAPES, parseModelShape } from '../../kernels/model/shapes.js';
import type { ModelConfig } from '../../kernels/model/types.js';
import { formatTable } from '../table.js';

interface BaselinesArgs {
  'model-shape': string;
  tokens: number;
  json: boolean;
}

interface PublishedFigures {
  tokensPerSecond: number;
  powerW: number | null;
  energyPerTokenJ: number | null;
  derived: boolean;
  source: string;
}

interface PlatformRow extends BaselinePrediction {
  platform: string;
  published: PublishedFigures | null;
}

const sameShape = (a: ModelConfig, b: ModelConfig) => (Object.keys(a) as (keyof ModelConfig)[]).every((k) => a[k] === b[k]);

/** The published run of this platform for exactly this shape and length; the first (the fitting datum) if several. */
function published(platform: string, config: ModelConfig, tokens: number): PublishedFigures | null {
  if (!sameShape(config, MODEL_SHAPES.stories110M)) return null;
  const point = publishedFor(platform, tokens)[0];
  if (!point) return null;
  const { tokensPerSecond, powerW, energyPerTokenJ, derived, source } = point;
  return { tokensPerSecond, powerW, energyPerTokenJ, derived, source };
}

const fixed = (n: number, digits: number) => n.toFixed(digits);
const error = (predicted: number, pub: number | null | undefined) => {
  if (pub == null) return '';
  const percent = ((100 * (predicted - pub)) / pub).toFixed(1);
  return `${percent === '-0.0' ? '0.0' : percent}%`;
};
const shown = (n: number | null | undefined, digits: number) => (n == null ? '' : fixed(n, digits));

export const baselinesCommand: CommandModule<object, BaselinesArgs> = {
  command: 'baselines',
  describe: 'Predict CPU and GPU baselines (tokens/s, watts, joules per token) beside the published figures',
  builder: (yargs) =>
    yargs
      .option('model-shape', {
        type: 'string',
        describe: `a preset (${Object.keys(MODEL_SHAPES).join(', ')}) or "dim,hidden_dim,n_layers,n_heads,n_kv_heads,vocab_size,seq_len"`,
        default: 'stories110M',
      })
      .option('tokens', { type: 'number', describe: 'decoding steps of the run (1 to seq_len); predictions average over the growing KV cache', default: 256 })
      .option('json', { type: 'boolean', describe: 'print one JSON object {"platforms": [...]}', default: false })
      .example('$0 baselines --model-shape stories110M --tokens 256', 'the HLSTransform comparison, with published figures and errors')
      .example('$0 baselines --model-shape llama2-7b --tokens 1024 --json', 'predictions only (nothing published for this run)'),
  handler: (args) => {
    const config = parseModelShape(args['model-shape']);
    const rows: PlatformRow[] = BASELINE_PLATFORM_IDS.map((platform) => ({
      platform,
      ...baseline(platform).predict(config, args.tokens),
      published: published(platform, config, args.tokens),
    }));
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ platforms: rows }, null, 2)}\n`);
      return;
    }
    const header = ['platform', 'tokens/s', 'published', 'error', 'power W', 'published', 'error', 'J/token', 'published', 'error'];
    const table = rows.map((r) => [
      r.platform,
      fixed(r.tokensPerSecond, 1),
      shown(r.published?.tokensPerSecond, 1),
      error(r.tokensPerSecond, r.published?.tokensPerSecond),
      fixed(r.powerW, 1),
      shown(r.published?.powerW, 1),
      error(r.powerW, r.published?.powerW),
      fixed(r.energyPerTokenJ, 3),
      shown(r.published?.energyPerTokenJ, 3),
      error(r.energyPerTokenJ, r.published?.energyPerTokenJ),
    ]);
    process.stdout.write(`${args['model-shape']}, ${args.tokens} tokens, batch 1\n`);
    process.stdout.write(formatTable(header, table));
    process.stdout.write(
      'Published: HLSTransform (stories110M). CPU figures are DERIVED from the paper\'s exact ratios and the GPU logs; see hw-models/README.md for what each model was fitted to and its held-out errors.\n',
    );
  },
};
