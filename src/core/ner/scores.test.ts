import { describe, expect, it } from 'vitest';
import { argmaxRow, softmax } from './scores';

describe('softmax', () => {
  it('normalises each row on its own', () => {
    const p = softmax([0, Math.log(3), 1, 1], 2);
    expect(Array.from(p).map((x) => Number(x.toFixed(6)))).toEqual([0.25, 0.75, 0.5, 0.5]);
  });

  it('does not overflow on large logits', () => {
    const p = softmax([1000, 1000, 999], 3);
    expect(Array.from(p).every(Number.isFinite)).toBe(true);
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 6);
  });

  it('names a label count that does not divide the logits, or is not a positive integer', () => {
    expect(() => softmax([1, 2, 3], 2)).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
    expect(() => softmax([1, 2], 0)).toThrow(expect.objectContaining({ code: 'BAD_LABELS' }));
  });
});

describe('argmaxRow', () => {
  it('finds the largest value of a row, the first one on ties (as numpy)', () => {
    expect(argmaxRow([0.1, 0.7, 0.2, 0.4, 0.4, 0.2], 0, 3)).toBe(1);
    expect(argmaxRow([0.1, 0.7, 0.2, 0.4, 0.4, 0.2], 1, 3)).toBe(0);
  });
});
