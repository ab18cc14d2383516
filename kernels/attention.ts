// Multi-head attention over the KV cache with grouped KV heads (llama2.c runq.c forward, "multihead
// attention"): for each query head h, scores against the keys of KV head h / (nHeads / nKvHeads) at
// positions 0..pos, softmax, then the weighted sum of the values.
import type { ModelConfig } from './model/types.js';
import { headSize as headSizeOf, kvDim as kvDimOf } from './model/types.js';
import type { ArraySpec, KernelCall, Loop } from './loops.js';
import { leafLoop } from './loops.js';
import { combineTree, MAX_ACCUMULATORS, type Accumulators } from './reduction.js';
import { describeSoftmax, softmax } from './softmax.js';
import { GLIBC_MATH, type MathFunctions } from './math/library.js';

const partial = new Float32Array(MAX_ACCUMULATORS);

/** Scratch the kernel needs: scores per head, and the partial sums of the weighted sum. */
export interface AttentionScratch {
  att: Float32Array; // (nHeads, seqLen)
  valuePartial: Float32Array; // (accumulators.attentionValue, headSize)
}

export function attentionScratch(c: ModelConfig, accumulators: Accumulators): AttentionScratch {
  return {
    att: new Float32Array(c.nHeads * c.seqLen),
    valuePartial: new Float32Array(accumulators.attentionValue * headSizeOf(c)),
  };
}

// q (dim,), keyCache/valueCache (nLayers, seqLen, kvDim) at layer offset cacheOffset -> out (dim,)
export function attention(
  out: Float32Array,
  q: Float32Array,
  keyCache: Float32Array,
  valueCache: Float32Array,
  cacheOffset: number,
  pos: number,
  c: ModelConfig,
  accumulators: Accumulators,
  scratch: AttentionScratch,
  math: MathFunctions = GLIBC_MATH,
): void {
  const headSize = headSizeOf(c);
  const kvDim = kvDimOf(c);
  const kvMul = c.nHeads / c.nKvHeads;
  const scoreScale = Math.fround(Math.sqrt(headSize));
  const scoreAcc = accumulators.attentionScore;
  const valueAcc = accumulators.attentionValue;
  const { att, valuePartial } = scratch;
  for (let h = 0; h < c.nHeads; h++) {
    const qOffset = h * headSize;
    const attOffset = h * c.seqLen;
    const kvHeadOffset = cacheOffset + Math.floor(h / kvMul) * headSize;
    // scores: q . k / sqrt(headSize) for every past position
    for (let t = 0; t <= pos; t++) {
      const kOffset = kvHeadOffset + t * kvDim;
      partial.fill(0, 0, scoreAcc);
      for (let i = 0; i < headSize; i++) {
        const p = i % scoreAcc;
        partial[p] = partial[p] + Math.fround(q[qOffset + i] * keyCache[kOffset + i]);
      }
      att[attOffset + t] = Math.fround(combineTree(partial, scoreAcc) / scoreScale);
    }
    softmax(att, pos + 1, accumulators.softmax, attOffset, math);
    // weighted sum of the values: position t adds into partial sum t % valueAcc
    valuePartial.fill(0, 0, valueAcc * headSize);
    for (let t = 0; t <= pos; t++) {
      const vOffset = kvHeadOffset + t * kvDim;
      const a = att[attOffset + t];
      const pOffset = (t % valueAcc) * headSize;
      for (let i = 0; i < headSize; i++) {
        valuePartial[pOffset + i] = valuePartial[pOffset + i] + Math.fround(a * valueCache[vOffset + i]);
      }
    }
    for (let i = 0; i < headSize; i++) {
      for (let p = 0; p < valueAcc; p++) partial[p] = valuePartial[p * headSize + i];
      out[qOffset + i] = combineTree(partial, valueAcc);
    }
  }
}

/**
 * One layer's attention at position pos as loops: write the new k and v rows to the cache, then per head
 * the score and softmax loops, the partial sums of the weighted sum cleared, the weighted sum, its combine.
 */
export function describeAttention(name: string, layer: number, c: ModelConfig, pos: number, accumulators: Accumulators): KernelCall {
  const headSize = headSizeOf(c);
  const kvDim = kvDimOf(c);
  const positions = pos + 1;
  const cacheElements = c.nLayers * c.seqLen * kvDim;
  const arrays: ArraySpec[] = [
    { name: 'q', role: 'activation', elements: c.dim, bytesPerElement: 4 },
    { name: 'k', role: 'activation', elements: kvDim, bytesPerElement: 4 },
    { name: 'v', role: 'activation', elements: kvDim, bytesPerElement: 4 },
    { name: 'key_cache', role: 'kv-cache', elements: cacheElements, bytesPerElement: 4 },
    { name: 'value_cache', role: 'kv-cache', elements: cacheElements, bytesPerElement: 4 },
    { name: 'att', role: 'activation', elements: c.nHeads * c.seqLen, bytesPerElement: 4 },
    { name: 'out', role: 'activation', elements: c.dim, bytesPerElement: 4 },
  ];
  const cacheWrite = leafLoop('kv_write', kvDim, {}, [{ array: 'k', bytes: 4 }, { array: 'v', bytes: 4 }], [
    { array: 'key_cache', bytes: 4 },
    { array: 'value_cache', bytes: 4 },
  ]);
  const scoreDot = leafLoop('score_dot', headSize, { fmul: 1, fadd: 1 }, [{ array: 'q', bytes: 4 }, { array: 'key_cache', bytes: 4 }], [], {
    op: 'fadd',
    accumulators: accumulators.attentionScore,
  });
  const scores: Loop = {
    ...leafLoop('scores', positions, { fadd: accumulators.attentionScore - 1, fdiv: 1 }, [], [{ array: 'att', bytes: 4 }]),
    inner: [scoreDot],
  };
  // the P partial sums of each lane set to zero (value_partial, partitioned by P: one iteration per lane)
  const clear = leafLoop('value_clear', headSize, {}, [], []);
  const valueLanes = leafLoop('value_lanes', headSize, { fmul: 1, fadd: 1 }, [{ array: 'value_cache', bytes: 4 }], []);
  const values: Loop = {
    ...leafLoop('values', positions, {}, [{ array: 'att', bytes: 4 }], [], { op: 'fadd', accumulators: accumulators.attentionValue }),
    inner: [valueLanes],
  };
  const combine = leafLoop('value_combine', headSize, { fadd: accumulators.attentionValue - 1 }, [], [{ array: 'out', bytes: 4 }]);
  const heads: Loop = {
    ...leafLoop('heads', c.nHeads, {}, [], []),
    inner: [scores, ...describeSoftmax('att', positions, accumulators.softmax), clear, values, combine],
  };
  return { kernel: 'attention', name, layer, arrays, loops: [cacheWrite, heads] };
}
