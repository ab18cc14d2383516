// Token embedding: x = the token's row of the (dequantized, float32) embedding table.
import type { ArraySpec, KernelCall } from './loops.js';
import { leafLoop } from './loops.js';

// table (vocab, dim) row token -> x (dim,)
export function embed(x: Float32Array, table: Float32Array, token: number, dim: number): void {
  x.set(table.subarray(token * dim, (token + 1) * dim));
}

export function describeEmbed(dim: number, vocabSize: number): KernelCall {
  const arrays: ArraySpec[] = [
    { name: 'table', role: 'embedding', elements: vocabSize * dim, bytesPerElement: 4 },
    { name: 'x', role: 'activation', elements: dim, bytesPerElement: 4 },
  ];
  return {
    kernel: 'embed',
    name: 'embed',
    layer: null,
    arrays,
    loops: [leafLoop('copy', dim, {}, [{ array: 'table', bytes: 4 }], [{ array: 'x', bytes: 4 }])],
  };
}
