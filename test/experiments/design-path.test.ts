import { describe, expect, it } from 'vitest';
import { getPath, setPath } from '../../experiments/design-path.js';
import { hlstransformJson } from '../helpers/designs.js';

describe('design paths', () => {
  it('reach plain fields, and keys with dots by the longest existing run or by brackets', () => {
    const design = hlstransformJson();
    expect(getPath(design, 'bundles.gmem0.widthBits')).toBe(512);
    expect(getPath(design, 'kernels.matvec.partition.w.q.factor')).toBe(32);
    expect(getPath(design, 'kernels.matvec.partition[w.q].factor')).toBe(32);
    expect(getPath(design, 'kernels.matvec.partition[xq.s].type')).toBe('cyclic');
    expect(getPath(design, 'kernels.matvec.unroll.rows')).toBeUndefined();
  });

  it('set values in place, creating the objects on the way, and a bracketed new key with a dot', () => {
    const design = hlstransformJson();
    setPath(design, 'kernels.matvec.unroll.rows', 4);
    setPath(design, 'kernels.matvec.partition[w.s]', { type: 'complete' });
    setPath(design, 'kernels.matvec.partition.w.q.factor', 512);
    expect(design.kernels.matvec.unroll).toEqual({ rows: 4 });
    expect(design.kernels.matvec.partition['w.s']).toEqual({ type: 'complete' });
    expect(design.kernels.matvec.partition['w.q']).toEqual({ type: 'cyclic', factor: 512 });
    expect(design.kernels.matvec.partition).not.toHaveProperty('w');
  });

  it('set every key of an object with *', () => {
    const design = hlstransformJson();
    setPath(design, 'bundles.*.widthBits', 128);
    expect(Object.values(design.bundles).map((b: any) => b.widthBits)).toEqual([128, 128, 128]);
  });

  it('copy the value, so later changes to one point do not leak into another', () => {
    const design = hlstransformJson();
    const value = { q: { type: 'complete' } };
    setPath(design, 'kernels.attention.partition', value);
    value.q.type = 'none';
    expect(design.kernels.attention.partition.q.type).toBe('complete');
  });

  it.each([
    ['a.b..c', /is not a dotted path/],
    ['', /is not a dotted path/],
    ['clock.x', /path clock\.x: clock is not an object/],
  ])('refuse %j in one line', (path, message) => {
    expect(() => setPath(hlstransformJson(), path, 1)).toThrow(message);
  });
});
