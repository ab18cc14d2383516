// Residual connection: x += y, element by element in binary32.
import type { ArraySpec, KernelCall } from './loops.js';
import { leafLoop } from './loops.js';

// x (n,), y (n,) -> x (n,)
export function residualAdd(x: Float32Array, y: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) x[i] = Math.fround(x[i] + y[i]);
}

export function describeResidual(name: string, layer: number, n: number): KernelCall {
  const arrays: ArraySpec[] = [
    { name: 'x', role: 'activation', elements: n, bytesPerElement: 4 },
    { name: 'y', role: 'activation', elements: n, bytesPerElement: 4 },
  ];
  return {
    kernel: 'residual',
    name,
    layer,
    arrays,
    loops: [leafLoop('lanes', n, { fadd: 1 }, [{ array: 'x', bytes: 4 }, { array: 'y', bytes: 4 }], [{ array: 'x', bytes: 4 }])],
  };
}
