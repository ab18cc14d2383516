import { describe, expect, it } from 'vitest';
import { embed } from '../../kernels/embed.js';

describe('embed', () => {
  const table = new Float32Array([0.5, 1.5, 2.5, 3.5, -4.5, 5.25]); // vocab 3, dim 2

  it('copies the token\'s row of the table', () => {
    const x = new Float32Array(2);
    embed(x, table, 1, 2);
    expect(Array.from(x)).toEqual([2.5, 3.5]);
    embed(x, table, 2, 2);
    expect(Array.from(x)).toEqual([-4.5, 5.25]);
    embed(x, table, 0, 2);
    expect(Array.from(x)).toEqual([0.5, 1.5]);
  });

  it('writes a copy: changing x leaves the table as it was', () => {
    const x = new Float32Array(2);
    embed(x, table, 1, 2);
    x[0] = 99;
    expect(table[2]).toBe(2.5);
  });
});
