import { describe, expect, it } from 'vitest';
import { constantBuckets, exponentialBuckets, lloydMaxBuckets, percentileBuckets, uniformBuckets } from './heuristics';

const hist = { lengths: [2, 4, 6, 8, 10], counts: [10, 10, 10, 10, 10] };

describe("the heuristics of Habana's study (raw candidates; selectBuckets rounds and closes them)", () => {
  it('constant: one bucket at the largest length', () => {
    expect(constantBuckets(hist)).toEqual([10]);
  });

  it('uniform: k evenly spaced edges above the smallest length', () => {
    expect(uniformBuckets(hist, 4)).toEqual([4, 6, 8, 10]);
  });

  it('percentile: equal shares of the items, the last at the largest length', () => {
    expect(percentileBuckets(hist, 5)).toEqual([2, 4, 6, 8, 10]);
    expect(percentileBuckets({ lengths: [1, 100], counts: [99, 1] }, 2)).toEqual([1, 100]);
  });

  it('exponential: a constant ratio from the smallest to the largest length', () => {
    const out = exponentialBuckets({ lengths: [1, 16], counts: [1, 1] }, 4);
    out.forEach((b, i) => expect(b).toBeCloseTo(2 ** (i + 1), 9));
  });

  it("lloydMax: cells around two clusters of lengths end at each cluster's largest length", () => {
    expect(lloydMaxBuckets({ lengths: [1, 2, 3, 20, 21, 22], counts: [5, 5, 5, 5, 5, 5] }, 2)).toEqual([3, 22]);
  });
});
