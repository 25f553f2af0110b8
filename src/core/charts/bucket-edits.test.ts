import { describe, expect, it } from 'vitest';
import { bucketMetrics, histogramFromLengths, mulberry32 } from '../buckets';
import { insertBucket, moveBucket, removeBucket, suggestBucket } from './bucket-edits';

describe('moveBucket', () => {
  it.each([
    [[8, 16, 32], 1, 20, [8, 20, 32]],
    [[8, 16, 32], 1, 40, [8, 31, 32]],
    [[8, 16, 32], 1, 2, [8, 9, 32]],
    [[8, 16, 32], 0, -5, [1, 16, 32]],
    [[8, 16, 32], 2, 999, [8, 16, 64]],
    [[8, 16, 32], 2, 16.4, [8, 16, 17]],
  ])('moves %j[%i] towards %d giving %j', (buckets, index, target, expected) => {
    expect(moveBucket(buckets, index, target, 64)).toEqual(expected);
  });

  it.each([
    [[8, 16, 32], 0, 1, [3, 16, 32]],
    [[3, 16, 32], 0, -40, [3, 16, 32]],
    [[4, 6], 1, 1, [4, 5]],
    [[8], 0, 1, [5]],
    [[8], 0, 4, [5]],
    [[3, 8], 1, 2, [3, 5]],
  ])(
    'never goes below the smallest usable sizes (3, largest 5): %j[%i] towards %d gives %j',
    (buckets, index, target, expected) => {
      expect(moveBucket(buckets, index, target, 64, { min: 3, minLargest: 5 })).toEqual(expected);
    },
  );

  it('rejects a bucket index that does not exist and an unsorted list', () => {
    expect(() => moveBucket([8], 3, 4, 64)).toThrow(expect.objectContaining({ code: 'INVALID_INDEX' }));
    expect(() => moveBucket([16, 8], 0, 4, 64)).toThrow(expect.objectContaining({ code: 'INVALID_BUCKETS' }));
  });
});

describe('removeBucket and insertBucket', () => {
  it('removes by index but never the last bucket', () => {
    expect(removeBucket([8, 16, 32], 1)).toEqual([8, 32]);
    expect(() => removeBucket([32], 0)).toThrow(expect.objectContaining({ code: 'LAST_BUCKET' }));
    expect(() => removeBucket([3, 32], 1, { minLargest: 5 })).toThrow(
      expect.objectContaining({ code: 'LARGEST_TOO_SMALL', message: expect.stringMatching(/\(5\)/) }),
    );
    expect(removeBucket([3, 32], 0, { minLargest: 5 })).toEqual([32]);
  });

  it('inserts in order and ignores a duplicate', () => {
    expect(insertBucket([8, 32], 16)).toEqual([8, 16, 32]);
    expect(insertBucket([8, 32], 8)).toEqual([8, 32]);
    expect(() => insertBucket([8], 0)).toThrow(expect.objectContaining({ code: 'INVALID_BUCKETS' }));
  });
});

describe('suggestBucket', () => {
  it('picks the insertion that saves the most padded tokens, which matches bucketMetrics', () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 30; trial++) {
      const lengths = Array.from({ length: 200 }, () => 2 + Math.floor(rng() * rng() * 120));
      const hist = histogramFromLengths(lengths);
      const top = hist.lengths[hist.lengths.length - 1];
      const buckets = [...new Set([Math.max(2, Math.floor(top / 3)), top])].sort((a, b) => a - b);
      const suggestion = suggestBucket(hist, buckets)!;
      const before = bucketMetrics(hist, buckets).paddingTokens;
      const after = bucketMetrics(hist, insertBucket(buckets, suggestion.length)).paddingTokens;
      expect(before - after).toBeCloseTo(suggestion.savedTokens, 6);
      // No other single insertion saves more.
      for (const c of hist.lengths) {
        if (buckets.includes(c) || c > top) continue;
        expect(bucketMetrics(hist, insertBucket(buckets, c)).paddingTokens).toBeGreaterThanOrEqual(after - 1e-9);
      }
    }
  });

  it('falls back to the middle of the widest gap when every length is already a bucket', () => {
    const hist = histogramFromLengths([10, 10, 40]);
    expect(suggestBucket(hist, [10, 40])).toEqual({ length: 25, savedTokens: 0 });
  });

  it('returns null when there is nowhere to add', () => {
    expect(suggestBucket(histogramFromLengths([1]), [1])).toBeNull();
  });
});
