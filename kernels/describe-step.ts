// The decode step of kernels/forward.ts as data: the kernel calls of one Q8_0 step at position pos, in the
// order forward() makes them, each with its loop nest. The simulator times this list; the HLS emitter
// emits the same calls. Keep it in step with forward() (test/kernels/describe-step.test.ts checks it).
import { describeAttention } from './attention.js';
import { describeEmbed } from './embed.js';
import type { KernelCall } from './loops.js';
import { describeMatvecQ8 } from './matvec.js';
import type { ModelConfig } from './model/types.js';
import { kvDim } from './model/types.js';
import { describeQuantize } from './quantize.js';
import type { Accumulators } from './reduction.js';
import { describeResidual } from './residual.js';
import { describeRmsnorm } from './rmsnorm.js';
import { describeRope } from './rope.js';
import { describeSwiglu } from './swiglu.js';

export interface StepParams {
  groupSize: number;
  accumulators: Accumulators;
}

export function describeDecodeStep(c: ModelConfig, pos: number, params: StepParams): KernelCall[] {
  const { groupSize: gs, accumulators: acc } = params;
  const dim = c.dim;
  const kvd = kvDim(c);
  const hidden = c.hiddenDim;
  const calls: KernelCall[] = [describeEmbed(dim, c.vocabSize)];
  for (let l = 0; l < c.nLayers; l++) {
    const at = (what: string) => `L${l}.${what}`;
    calls.push(
      describeRmsnorm(at('rms_att'), l, dim, acc.rmsnorm),
      describeQuantize(at('quantize_att'), l, dim, gs),
      describeMatvecQ8(at('wq'), l, dim, dim, gs, acc.matvec),
      describeMatvecQ8(at('wk'), l, dim, kvd, gs, acc.matvec),
      describeMatvecQ8(at('wv'), l, dim, kvd, gs, acc.matvec),
      describeRope(at('rope'), l, dim, kvd),
      describeAttention(at('attention'), l, c, pos, acc),
      describeQuantize(at('quantize_wo'), l, dim, gs),
      describeMatvecQ8(at('wo'), l, dim, dim, gs, acc.matvec),
      describeResidual(at('residual_att'), l, dim),
      describeRmsnorm(at('rms_ffn'), l, dim, acc.rmsnorm),
      describeQuantize(at('quantize_ffn'), l, dim, gs),
      describeMatvecQ8(at('w1'), l, dim, hidden, gs, acc.matvec),
      describeMatvecQ8(at('w3'), l, dim, hidden, gs, acc.matvec),
      describeSwiglu(at('swiglu'), l, hidden),
      describeQuantize(at('quantize_w2'), l, hidden, gs),
      describeMatvecQ8(at('w2'), l, hidden, dim, gs, acc.matvec),
      describeResidual(at('residual_ffn'), l, dim),
    );
  }
  calls.push(
    describeRmsnorm('rms_final', null, dim, acc.rmsnorm),
    describeQuantize('quantize_final', null, dim, gs),
    describeMatvecQ8('classifier', null, dim, c.vocabSize, gs, acc.matvec),
  );
  return calls;
}
