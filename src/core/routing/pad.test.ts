import { describe, expect, it } from 'vitest';
import { padBatch } from './pad';

describe('padBatch', () => {
  it('lays rows out row-major, padded on the right, with empty rows a lone [CLS] then padding', () => {
    // The one empty-row policy (the worker's before padBatch replaced its own copy): the empty row
    // attends to its [CLS], so no row of the batch has an all-zero attention mask.
    const out = padBatch([[101, 7, 102], Int32Array.from([101, 102])], 4, 3, 0, 101);
    expect(out.rows).toBe(3);
    expect(out.width).toBe(4);
    expect(Array.from(out.inputIds)).toEqual([101, 7, 102, 0, 101, 102, 0, 0, 101, 0, 0, 0]);
    expect(Array.from(out.attentionMask)).toEqual([1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0]);
    expect(out.inputIds).toBeInstanceOf(Int32Array);
  });

  it('every row of a batch with no items at all attends to exactly one position', () => {
    const out = padBatch([], 3, 2, 0, 101);
    expect(Array.from(out.inputIds)).toEqual([101, 0, 0, 101, 0, 0]);
    expect(Array.from(out.attentionMask)).toEqual([1, 0, 0, 1, 0, 0]);
  });

  it('uses the given pad id', () => {
    expect(Array.from(padBatch([[5]], 3, 1, -1, 101).inputIds)).toEqual([5, -1, -1]);
  });

  it('refuses rows that do not fit', () => {
    expect(() => padBatch([[1, 2, 3]], 2, 1, 0, 101)).toThrow(expect.objectContaining({ code: 'ROW_TOO_LONG' }));
    expect(() => padBatch([[1], [2]], 2, 1, 0, 101)).toThrow(expect.objectContaining({ code: 'TOO_MANY_ROWS' }));
  });
});
