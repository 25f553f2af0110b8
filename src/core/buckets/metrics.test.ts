import { describe, expect, it } from 'vitest';
import { histogramFromLengths } from './histogram';
import { bucketMetrics } from './metrics';

describe('bucketMetrics', () => {
  const hist = histogramFromLengths([3, 3, 4, 5, 5, 5, 6, 7, 8, 8]);

  it('counts real, computed and padding tokens and items per bucket', () => {
    const m = bucketMetrics(hist, [7, 5, 8]);
    expect(m.buckets).toEqual([5, 7, 8]);
    expect(m.realTokens).toBe(54);
    expect(m.computedTokens).toBe(60);
    expect(m.paddingTokens).toBe(6);
    expect(m.paddingEfficiency).toBeCloseTo(54 / 60, 12);
    expect(m.itemsPerBucket).toEqual([6, 2, 2]);
    expect(m.overflowItems).toBe(0);
  });

  it('expected cost is the mean per-item cost of the buckets used', () => {
    const m = bucketMetrics(hist, [5, 7, 8], { cost: (b) => b * b });
    expect(m.expectedCost).toBeCloseTo((6 * 25 + 2 * 49 + 2 * 64) / 10, 12);
    expect(m.totalCost).toBeCloseTo(6 * 25 + 2 * 49 + 2 * 64, 12);
    expect(bucketMetrics(hist, [5, 7, 8]).expectedCost).toBeCloseTo(6, 12);
  });

  it('counts inputs beyond the largest bucket as truncated to it', () => {
    const m = bucketMetrics(hist, [4, 6]);
    expect(m.overflowItems).toBe(2 + 1);
    expect(m.realTokens).toBe(3 + 3 + 4 + 5 * 3 + 6 + 6 * 3);
    expect(m.itemsPerBucket).toEqual([3, 7]);
  });

  it('with a batch size, computed tokens follow the batch maximum', () => {
    const two = histogramFromLengths([1, 2]);
    // Batches of 2 from {1, 2}: max is 1 with probability 1/4, else 2. One bucket per length.
    const m = bucketMetrics(two, [1, 2], { batchSize: 2 });
    expect(m.computedTokens).toBeCloseTo(2 * (0.25 * 1 + 0.75 * 2), 12);
    expect(m.realTokens).toBe(3);
  });

  it('rejects an invalid bucket list', () => {
    expect(() => bucketMetrics(hist, [5, 5])).toThrow(expect.objectContaining({ code: 'BUCKET_DUPLICATE' }));
  });
});
