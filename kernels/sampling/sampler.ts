// llama2.c's Sampler: temperature 0 takes the argmax; otherwise the logits are divided by the temperature,
// turned into probabilities by softmax (the project's bit-exact kernel, llama2.c's sequential order), and
// one coin from the xorshift64* generator picks a token by multinomial or top-p sampling. The sampler runs
// on the host, so its softmax calls glibc's expf (kernels/math/library.ts) whatever math the FPGA uses.

import { check } from '../errors.js';
import { softmax } from '../softmax.js';
import { GLIBC_MATH } from '../math/library.js';
import { sampleArgmax, sampleMultinomial, sampleTopP } from './select.js';
import { Xorshift64Star } from './xorshift.js';

export interface SamplerOptions {
  vocabSize: number;
  /** 0 = greedy (argmax); llama2.c's default is 1.0. Held as binary32, as llama2.c's float field. */
  temperature: number;
  /** Top-p threshold; 0 or 1 turns top-p off (plain multinomial). llama2.c's default is 0.9. */
  topp: number;
  /** Initial xorshift64* state, an unsigned 64-bit integer (see xorshift.ts about seed 0). */
  seed: number | bigint | string;
}

export class Sampler {
  readonly vocabSize: number;
  readonly temperature: number;
  readonly topp: number;
  private readonly rng: Xorshift64Star;
  private readonly order: Int32Array; // top-p candidate scratch, one slot per token

  constructor(options: SamplerOptions) {
    const { vocabSize, temperature, topp } = options;
    check(Number.isInteger(vocabSize) && vocabSize >= 1, `vocabSize: must be a positive integer, got ${vocabSize}`);
    check(
      Number.isFinite(temperature) && temperature >= 0,
      `temperature: must be a finite number >= 0 (0 = greedy), got ${temperature}`,
    );
    check(Number.isFinite(topp) && topp >= 0 && topp <= 1, `topp: must be a number from 0 to 1, got ${topp}`);
    this.vocabSize = vocabSize;
    this.temperature = Math.fround(temperature);
    this.topp = Math.fround(topp);
    this.rng = new Xorshift64Star(options.seed);
    this.order = new Int32Array(vocabSize);
  }

  /** The next token for these logits (vocabSize,). Overwrites the logits with probabilities, as llama2.c. */
  sample(logits: Float32Array): number {
    const n = this.vocabSize;
    check(logits.length === n, `logits: expected ${n} values (vocabSize), got ${logits.length}`);
    if (this.temperature === 0) return sampleArgmax(logits, n);
    for (let i = 0; i < n; i++) logits[i] = Math.fround(logits[i] / this.temperature);
    softmax(logits, n, 1, 0, GLIBC_MATH);
    const coin = this.rng.f32();
    if (this.topp <= 0 || this.topp >= 1) return sampleMultinomial(logits, n, coin);
    return sampleTopP(logits, n, this.topp, coin, this.order);
  }
}
