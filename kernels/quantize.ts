// Q8_0 activation quantization (llama2.c runq.c quantize): per group of GS values,
// scale = max|x| / 127 and q = round(x / scale), rounding half away from zero as C's round() does.
// An all-zero group gets scale 0 and q = 0 (llama2.c would divide by zero there).
import type { ArraySpec, KernelCall } from './loops.js';
import { leafLoop } from './loops.js';

const Q_MAX = 127;

/** C round(): half away from zero. Exact for binary32 inputs (|v| + 0.5 is exact in binary64). */
export function roundHalfAway(v: number): number {
  return v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5);
}

// x (n,) -> outQ (n,) int8, outS (n / groupSize,) float32
export function quantize(outQ: Int8Array, outS: Float32Array, x: Float32Array, n: number, groupSize: number): void {
  for (let g = 0, base = 0; base < n; g++, base += groupSize) {
    let wmax = 0;
    for (let i = 0; i < groupSize; i++) {
      const a = Math.abs(x[base + i]);
      if (a > wmax) wmax = a;
    }
    const scale = Math.fround(wmax / Q_MAX);
    outS[g] = scale;
    if (scale === 0) {
      outQ.fill(0, base, base + groupSize);
      continue;
    }
    for (let i = 0; i < groupSize; i++) outQ[base + i] = roundHalfAway(Math.fround(x[base + i] / scale));
  }
}

export function describeQuantize(name: string, layer: number | null, n: number, groupSize: number): KernelCall {
  const arrays: ArraySpec[] = [
    { name: 'x', role: 'activation', elements: n, bytesPerElement: 4 },
    { name: 'xq.q', role: 'activation', elements: n, bytesPerElement: 1 },
    { name: 'xq.s', role: 'activation', elements: n / groupSize, bytesPerElement: 4 },
  ];
  const groups = {
    ...leafLoop('groups', n / groupSize, { fdiv: 1 }, [], [{ array: 'xq.s', bytes: 4 }]),
    inner: [
      leafLoop('max', groupSize, { fcmp: 2 }, [{ array: 'x', bytes: 4 }], [], { op: 'fcmp', accumulators: 1 }),
      leafLoop('round', groupSize, { fdiv: 1, fptosi: 1 }, [{ array: 'x', bytes: 4 }], [{ array: 'xq.q', bytes: 1 }]),
    ],
  };
  return { kernel: 'quantize', name, layer, arrays, loops: [groups] };
}
