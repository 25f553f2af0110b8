import { describe, expect, it } from 'vitest';
import { ChartDataError } from './errors';
import { OVERFLOW_COLOUR, bucketColour, lengthHistogramSeries } from './histogram-series';

describe('lengthHistogramSeries', () => {
  it('has one bar per length from 1 past the longest item, zero counts included', () => {
    const s = lengthHistogramSeries([3, 5, 5, 9], [5, 9], { cap: 512 });
    expect(s.first).toBe(1);
    expect(s.last).toBeGreaterThanOrEqual(9 + 4);
    expect(s.bars.map((b) => b.length)).toEqual(Array.from({ length: s.last }, (_, i) => i + 1));
    expect(s.bars.find((b) => b.length === 5)!.count).toBe(2);
    expect(s.bars.find((b) => b.length === 4)!.count).toBe(0);
    expect(s.bars.reduce((sum, b) => sum + b.count, 0)).toBe(4);
    expect(s.maxCount).toBe(2);
  });

  it('colours each length by the bucket it is padded to, -1 above the largest bucket', () => {
    const s = lengthHistogramSeries([2, 4, 6, 12], [4, 8], { cap: 64 });
    const at = (length: number) => s.bars.find((b) => b.length === length)!.bucketIndex;
    expect([at(1), at(4), at(5), at(8), at(9), at(12)]).toEqual([0, 0, 1, 1, -1, -1]);
    expect(s.itemsAboveLargestBucket).toBe(1);
  });

  it('folds items above the cap into the bar at the cap and never draws past it', () => {
    const s = lengthHistogramSeries([10, 300, 700], [128], { cap: 256 });
    expect(s.last).toBe(256);
    const capBar = s.bars[s.bars.length - 1];
    expect(capBar).toMatchObject({ length: 256, count: 2, holdsOverflow: true });
    expect(s.itemsAboveCap).toBe(2);
  });

  it('keeps the axis out to minLast so a dragged handle does not rescale it', () => {
    const s = lengthHistogramSeries([5, 6], [6], { cap: 512, minLast: 100 });
    expect(s.last).toBeGreaterThanOrEqual(100);
  });

  it.each([
    [[], 'NO_LENGTHS'],
    [[1, 2.5], 'INVALID_LENGTH'],
    [[-1], 'INVALID_LENGTH'],
  ])('rejects %j with %s', (lengths, code) => {
    expect(() => lengthHistogramSeries(lengths, [8], { cap: 64 })).toThrow(expect.objectContaining({ code }));
  });

  it('rejects a cap that is not a positive integer', () => {
    expect(() => lengthHistogramSeries([1], [1], { cap: 0 })).toThrow(ChartDataError);
  });
});

describe('bucketColour', () => {
  it('gives neighbours different colours and items above the largest bucket grey', () => {
    for (let i = 0; i < 16; i++) expect(bucketColour(i)).not.toBe(bucketColour(i + 1));
    expect(bucketColour(-1)).toBe(OVERFLOW_COLOUR);
  });
});
