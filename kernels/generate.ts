// llama2.c's generate loop: feed the prompt's tokens one position at a time (forcing them, ignoring the
// model's choice), then feed back what the sampler picks, until `steps` positions are done or the model
// produces BOS (1). Returns the whole sequence: every token fed to the model, then the last one produced.
import { check } from './errors.js';
import type { Transformer } from './forward.js';
import type { Sampler } from './sampling/sampler.js';

const BOS = 1;

export interface GenerateHooks {
  /** The logits of position pos, before the sampler sees them (it overwrites them when temperature > 0). */
  onLogits?(pos: number, logits: Float32Array): void;
  /** Called for each token chosen after position pos, prompt tokens included; prev is the token it follows. */
  onToken?(prev: number, next: number, pos: number): void;
}

export function generate(transformer: Transformer, sampler: Sampler, promptTokens: readonly number[], steps: number, hooks: GenerateHooks = {}): number[] {
  const seqLen = transformer.config.seqLen;
  check(promptTokens.length >= 1, 'prompt: at least one token (BOS) is needed');
  check(Number.isInteger(steps) && steps >= 1 && steps <= seqLen, `steps ${steps} is not allowed (1..${seqLen}, the model's seq_len)`);
  const tokens = [promptTokens[0]];
  let token = promptTokens[0];
  for (let pos = 0; pos < steps; pos++) {
    const logits = transformer.forward(token, pos);
    hooks.onLogits?.(pos, logits);
    const next = pos < promptTokens.length - 1 ? promptTokens[pos + 1] : sampler.sample(logits);
    tokens.push(next);
    if (next === BOS) break;
    hooks.onToken?.(token, next, pos);
    token = next;
  }
  return tokens;
}
