import { describe, expect, it } from 'vitest';
import { batchMaxDistribution, sampleBatchMaxDistribution, totalVariation } from './batched';
import { histogramFromLengths, totalCount } from './histogram';
import { bucketMetrics } from './metrics';
import { gaussian, mulberry32 } from './random';
import { selectBuckets } from './select';

function meanOf(h: { lengths: number[]; counts: number[] }): number {
  let sum = 0;
  h.lengths.forEach((x, i) => (sum += x * h.counts[i]));
  return sum / totalCount(h);
}

describe('batchMaxDistribution', () => {
  it('is the discrete order statistic F(x)^n - F(x-1)^n', () => {
    // Lengths 1, 2, 3 equally likely; batches of 2: P(max=1)=1/9, P(max=2)=4/9-1/9, P(max=3)=1-4/9.
    const pmf = batchMaxDistribution(histogramFromLengths([1, 2, 3]), 2);
    expect(pmf.lengths).toEqual([1, 2, 3]);
    expect(pmf.counts[0]).toBeCloseTo(1 / 9, 12);
    expect(pmf.counts[1]).toBeCloseTo(3 / 9, 12);
    expect(pmf.counts[2]).toBeCloseTo(5 / 9, 12);
  });

  it('batch size 1 gives back the item distribution', () => {
    const hist = histogramFromLengths([4, 4, 4, 9, 12]);
    expect(batchMaxDistribution(hist, 1).counts.map((p) => p * 5)).toEqual([3, 1, 1].map((c) => expect.closeTo(c, 12)));
  });

  it('sums to 1, and its mean grows with the batch size', () => {
    const rng = mulberry32(5);
    const hist = histogramFromLengths(
      Array.from({ length: 5000 }, () => Math.max(1, Math.round(gaussian(rng, 60, 15)))),
    );
    let previousMean = meanOf(hist);
    for (const n of [2, 4, 8, 32]) {
      const pmf = batchMaxDistribution(hist, n);
      expect(totalCount(pmf)).toBeCloseTo(1, 12);
      const mean = meanOf(pmf);
      expect(mean).toBeGreaterThan(previousMean);
      previousMean = mean;
    }
  });
});

describe('analytic and sampled batched distributions agree', () => {
  const rng = mulberry32(42);
  const lengths = Array.from({ length: 50_000 }, () => Math.max(1, Math.round(gaussian(rng, 100, 25))));
  const hist = histogramFromLengths(lengths);

  it.each([4, 32])('batch size %i: total variation below 0.05', (n) => {
    const analytic = batchMaxDistribution(hist, n);
    const sampled = sampleBatchMaxDistribution(lengths, n, mulberry32(n), { epochs: 20 });
    expect(totalVariation(analytic, sampled)).toBeLessThan(0.05);
    // A wrong model (the item distribution itself) is far away, so the threshold has teeth.
    expect(totalVariation(hist, sampled)).toBeGreaterThan(0.3);
  });

  it('is reproducible for a given seed', () => {
    const a = sampleBatchMaxDistribution(lengths.slice(0, 1000), 8, mulberry32(1));
    const b = sampleBatchMaxDistribution(lengths.slice(0, 1000), 8, mulberry32(1));
    expect(a).toEqual(b);
  });

  it('buckets chosen on the batched distribution waste less on padded batches', () => {
    const n = 16;
    const onItems = selectBuckets(hist, { algorithm: 'optimal', k: 4 }).buckets;
    const onBatches = selectBuckets(hist, { algorithm: 'optimal', k: 4, batchSize: n });
    expect(onBatches.notes.join(' ')).toMatch(/batch of 16/);
    const wasteItems = bucketMetrics(hist, onItems, { batchSize: n }).paddingTokens;
    const wasteBatches = bucketMetrics(hist, onBatches.buckets, { batchSize: n }).paddingTokens;
    expect(wasteBatches).toBeLessThan(wasteItems);
  });
});

describe('totalVariation', () => {
  it('is 0 for equal and 1 for disjoint distributions', () => {
    const a = { lengths: [1, 2], counts: [1, 3] };
    expect(totalVariation(a, { lengths: [1, 2], counts: [2, 6] })).toBeCloseTo(0, 12);
    expect(totalVariation(a, { lengths: [5], counts: [1] })).toBeCloseTo(1, 12);
  });
});

describe('sampleBatchMaxDistribution input checks', () => {
  it('refuses a batch larger than the data when the last batch is dropped', () => {
    expect(() => sampleBatchMaxDistribution([1, 2, 3], 8, mulberry32(1))).toThrow(/no full batch/);
    const pmf = sampleBatchMaxDistribution([1, 2, 3], 8, mulberry32(1), { dropLast: false });
    expect(pmf.counts).toEqual([0, 0, 1]);
  });
});
