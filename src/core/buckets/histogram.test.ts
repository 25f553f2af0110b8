import { describe, expect, it } from 'vitest';
import { clipHistogram, histogramFromLengths, totalCount, totalLength } from './histogram';

describe('histogramFromLengths', () => {
  it('counts distinct lengths in ascending order', () => {
    expect(histogramFromLengths([5, 3, 5, 8, 3, 3])).toEqual({ lengths: [3, 5, 8], counts: [3, 2, 1] });
  });

  it('handles a sparse range by sorting (lengths far apart)', () => {
    const h = histogramFromLengths(Int32Array.from([10_000_000, 7, 10_000_000]));
    expect(h).toEqual({ lengths: [7, 10_000_000], counts: [1, 2] });
  });

  it('names the position of an invalid length', () => {
    expect(() => histogramFromLengths([3, 4, -1])).toThrow(/position 2 is -1/);
    expect(() => histogramFromLengths([3, 2.5])).toThrow(expect.objectContaining({ code: 'INVALID_LENGTH' }));
    expect(() => histogramFromLengths([])).toThrow(expect.objectContaining({ code: 'EMPTY_HISTOGRAM' }));
  });

  it('totals items and tokens', () => {
    const h = histogramFromLengths([2, 2, 6]);
    expect(totalCount(h)).toBe(3);
    expect(totalLength(h)).toBe(10);
  });
});

describe('clipHistogram', () => {
  it('folds lengths above the cap into the cap and counts them', () => {
    const { hist, clippedItems } = clipHistogram({ lengths: [2, 5, 9, 12], counts: [1, 2, 3, 4] }, 5);
    expect(hist).toEqual({ lengths: [2, 5], counts: [1, 9] });
    expect(clippedItems).toBe(7);
  });

  it('adds the cap with count 0 when it is above every length', () => {
    expect(clipHistogram({ lengths: [2, 5], counts: [1, 2] }, 64).hist).toEqual({
      lengths: [2, 5, 64],
      counts: [1, 2, 0],
    });
  });
});
