import { describe, expect, it } from 'vitest';
import { padBatch } from './pad';

describe('padBatch', () => {
  it('lays rows out row-major, padded on the right, with empty rows all padding', () => {
    const out = padBatch([[101, 7, 102], Int32Array.from([101, 102])], 4, 3, 0);
    expect(out.rows).toBe(3);
    expect(out.width).toBe(4);
    expect(Array.from(out.inputIds)).toEqual([101, 7, 102, 0, 101, 102, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(out.attentionMask)).toEqual([1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(out.inputIds).toBeInstanceOf(Int32Array);
  });

  it('uses the given pad id', () => {
    expect(Array.from(padBatch([[5]], 3, 1, -1).inputIds)).toEqual([5, -1, -1]);
  });

  it('refuses rows that do not fit', () => {
    expect(() => padBatch([[1, 2, 3]], 2, 1, 0)).toThrow(expect.objectContaining({ code: 'ROW_TOO_LONG' }));
    expect(() => padBatch([[1], [2]], 2, 1, 0)).toThrow(expect.objectContaining({ code: 'TOO_MANY_ROWS' }));
  });
});
