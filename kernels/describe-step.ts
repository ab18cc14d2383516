// The decode step (kernels/step.ts) as loop nests: the kernel calls of one Q8_0 step at position pos, each
// with its loop description. The simulator times and prices this list.
import { describeAttention } from './attention.js';
import { describeEmbed } from './embed.js';
import type { KernelCall } from './loops.js';
import { describeMatvecQ8 } from './matvec.js';
import type { ModelConfig } from './model/types.js';
import { describeQuantize } from './quantize.js';
import type { Accumulators } from './reduction.js';
import { describeResidual } from './residual.js';
import { describeRmsnorm } from './rmsnorm.js';
import { describeRope } from './rope.js';
import { DECODE_STEP, widths, type StepCall } from './step.js';
import { describeSwiglu } from './swiglu.js';

export interface StepParams {
  groupSize: number;
  accumulators: Accumulators;
}

/** One call of the step as its loop nest; layer null outside the layers (names then carry no prefix). */
export function describeStepCall(call: StepCall, c: ModelConfig, layer: number | null, pos: number, params: StepParams): KernelCall {
  const { groupSize: gs, accumulators: acc } = params;
  const w = widths(c);
  const name = layer === null ? call.name : `L${layer}.${call.name}`;
  const l = layer ?? 0;
  switch (call.kernel) {
    case 'embed':
      return describeEmbed(c.dim, c.vocabSize);
    case 'rmsnorm':
      return describeRmsnorm(name, layer, c.dim, acc.rmsnorm);
    case 'quantize':
      return describeQuantize(name, layer, w[call.n], gs);
    case 'matvec':
      return describeMatvecQ8(name, layer, w[call.n], w[call.d], gs, acc.matvec);
    case 'rope':
      return describeRope(name, l, c.dim, w.kvDim);
    case 'attention':
      return describeAttention(name, l, c, pos, acc);
    case 'swiglu':
      return describeSwiglu(name, l, c.hiddenDim);
    case 'residual':
      return describeResidual(name, l, c.dim);
  }
}

export function describeDecodeStep(c: ModelConfig, pos: number, params: StepParams): KernelCall[] {
  const calls = DECODE_STEP.before.map((call) => describeStepCall(call, c, null, pos, params));
  for (let l = 0; l < c.nLayers; l++) calls.push(...DECODE_STEP.layer.map((call) => describeStepCall(call, c, l, pos, params)));
  calls.push(...DECODE_STEP.after.map((call) => describeStepCall(call, c, null, pos, params)));
  return calls;
}
