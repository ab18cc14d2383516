// Counts every composite math op of every math library (sources.ts), the critical path weighted by each
// operator's latency at 250 MHz (the clock of the reference design).
import { MATH_LIBRARIES, type MathLibrary } from '../../kernels/math/library.js';
import { primitiveLatencyCycles } from '../../hw-models/operators.js';
import { MathOpCounter, type MathCount } from './count.js';
import { MATH_SOURCES, type CompositeMathOp } from './sources.js';

const REFERENCE_CLOCK_HZ = 250e6;

export function countAllMath(): Record<MathLibrary, Record<CompositeMathOp, MathCount>> {
  const counter = new MathOpCounter((op) => primitiveLatencyCycles(op, REFERENCE_CLOCK_HZ));
  const result = {} as Record<MathLibrary, Record<CompositeMathOp, MathCount>>;
  for (const library of MATH_LIBRARIES) {
    result[library] = {} as Record<CompositeMathOp, MathCount>;
    for (const [op, { file, fn }] of Object.entries(MATH_SOURCES[library]) as [CompositeMathOp, { file: string; fn: string }][]) {
      result[library][op] = counter.count(file, fn);
    }
  }
  return result;
}
