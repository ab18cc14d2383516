// The math recipes are counted from kernels/math, not by hand: the committed
// hw-models/math-recipes.generated.ts must be what scripts/math-ops/count.ts reads off the functions today.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MATH_LIBRARIES, mathFunctions } from '../../kernels/math/library.js';
import { MATH_RECIPES } from '../../hw-models/math-recipes.js';
import { MathOpCounter } from '../../scripts/math-ops/count.js';
import { GENERATED_PATH, generatedText } from '../../scripts/math-ops/generate.js';
import { MATH_SOURCES } from '../../scripts/math-ops/sources.js';

const unitWeight = (): number => 1;

describe('math recipes counted from kernels/math', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fpgasim-math-ops-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('hw-models/math-recipes.generated.ts is a fresh count (else run: npx tsx scripts/math-ops/generate.ts)', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(generatedText());
  });

  it('counts the functions the kernels call, for every math library', () => {
    const op = { fexp: 'exp', fsin: 'sin', fcos: 'cos', fpow: 'pow' } as const;
    for (const library of MATH_LIBRARIES) {
      for (const [composite, { fn }] of Object.entries(MATH_SOURCES[library])) {
        expect(mathFunctions(library)[op[composite as keyof typeof op]].name).toBe(fn);
      }
    }
  });

  it("reproduces the binary32 counts the old hand-made table held (one fmul fewer in pow)", () => {
    expect(MATH_RECIPES.binary32.fexp.ops).toEqual({ add32: 1, fadd: 21, fcmp: 3, fmul: 12, fptosi: 1 });
    expect(MATH_RECIPES.binary32.fsin.ops).toMatchObject({ fadd: 33, fcmp: 2, fmul: 18, fptosi: 1 });
    expect(MATH_RECIPES.binary32.fpow.ops).toMatchObject({ fadd: 65, fcmp: 10, fdiv: 2, fmul: 41, fptosi: 1, sitofp: 1 });
  });

  it('counts every branch, inlines helpers per call site, and follows the longest dependency chain', () => {
    const file = write(
      'sample.ts',
      [
        'const f32 = Math.fround;',
        'const TABLE = Float64Array.from([1, 2, 3, 4]);',
        'function square(v: number): number {',
        '  return f32(v * v);',
        '}',
        'export function sample(x: number): number {',
        '  const unused = x * 0.5 + TABLE[(x | 0) & 3];', // a shift, a conversion, a table read, an add; off the path
        '  if (x < 1) return square(x);',
        '  return f32(square(x) + square(f32(x + 1)));',
        '}',
      ].join('\n'),
    );
    const counted = new MathOpCounter(unitWeight).count(file, 'sample');
    expect(counted.ops).toEqual({ fadd: 3, fcmp: 1, fmul: 3, fptosi: 1, rom: 1 });
    expect(counted.chain).toEqual(['fadd', 'fmul', 'fadd']);
  });

  it('sees a change to a function: one more operation changes the count', () => {
    const source = readFileSync(MATH_SOURCES.binary32.fexp.file, 'utf8');
    const changed = source.replace('const z = f32(r * r);', 'const z = f32(f32(r * r) * 1.5);');
    expect(changed).not.toBe(source);
    const counter = new MathOpCounter(unitWeight);
    const path = write('exp.ts', changed.replaceAll("from './", `from '${MATH_SOURCES.binary32.fexp.file.replace(/exp\.ts$/, '')}`));
    const before = counter.count(MATH_SOURCES.binary32.fexp.file, 'expF32').ops.fmul!;
    expect(counter.count(path, 'expF32').ops.fmul).toBe(before + 1);
  });

  it('refuses code it cannot count, naming the file and line', () => {
    const file = write('loop.ts', ['export function looped(x: number): number {', '  for (let i = 0; i < 3; i++) x = x * 2;', '  return x;', '}'].join('\n'));
    expect(() => new MathOpCounter(unitWeight).count(file, 'looped')).toThrow(/loop\.ts:2: the op counter cannot count a ForStatement/);
  });
});
