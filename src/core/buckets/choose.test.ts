import { describe, expect, it } from 'vitest';
import { chooseBuckets, chooseBuckets2D } from './choose';
import { histogramFromLengths } from './histogram';
import { selectBuckets } from './select';

describe('chooseBuckets', () => {
  const lengths = [3, 5, 5, 9, 12, 12, 12, 30, 31, 64];
  it('equals selectBuckets on the histogram of the samples, for every algorithm', () => {
    for (const algorithm of ['uniform', 'percentile', 'exponential', 'lloydMax', 'optimal', 'constant'] as const) {
      expect(chooseBuckets(lengths, { algorithm, k: 3 })).toEqual(
        selectBuckets(histogramFromLengths(lengths), { algorithm, k: 3 }),
      );
    }
    expect(chooseBuckets(lengths, { algorithm: 'optimal', k: 3 }).buckets.at(-1)).toBe(64);
  });
  it('chooses 2-D buckets that cover every sample', () => {
    const sizes = [
      { h: 100, w: 300 },
      { h: 300, w: 100 },
      { h: 320, w: 320 },
    ];
    const { buckets } = chooseBuckets2D(sizes, 2);
    for (const s of sizes) expect(buckets.some((b) => b.h >= s.h && b.w >= s.w)).toBe(true);
  });
});
