import { describe, expect, it } from 'vitest';
import { costTable, fitQuadraticCost, piecewiseLinearCost, quadraticCost } from './cost';
import { histogramFromLengths } from './histogram';
import { bucketMetrics } from './metrics';
import { selectBuckets } from './select';

describe('fitQuadraticCost', () => {
  it('recovers the coefficients of exact quadratic data', () => {
    const truth = { a: 2, b: 0.05, c: 0.0004 };
    const f = quadraticCost(truth);
    const fit = fitQuadraticCost([16, 32, 64, 128, 256, 512].map((length) => ({ length, cost: f(length) })));
    expect(fit.a).toBeCloseTo(truth.a, 6);
    expect(fit.b).toBeCloseTo(truth.b, 8);
    expect(fit.c).toBeCloseTo(truth.c, 10);
  });

  it('needs three distinct lengths', () => {
    expect(() =>
      fitQuadraticCost([
        { length: 1, cost: 1 },
        { length: 2, cost: 2 },
      ]),
    ).toThrow(/3 or more distinct lengths/);
  });
});

describe('piecewiseLinearCost', () => {
  it('interpolates between points and flattens noisy decreases', () => {
    const t = piecewiseLinearCost([
      { length: 64, cost: 4 },
      { length: 32, cost: 2 },
      { length: 128, cost: 3.5 },
    ]);
    expect(t(48)).toBeCloseTo(3, 12);
    expect(t(96)).toBeCloseTo(4, 12);
    expect(t(16)).toBe(2);
    expect(t(256)).toBeCloseTo(4, 12);
  });
});

describe('costTable', () => {
  it('names the lengths where the cost decreases', () => {
    expect(() => costTable([1, 2, 3], (b) => (b === 2 ? 0 : b))).toThrow(/from 1 at length 1 to 0 at length 2/);
  });
  it('refuses non-finite costs', () => {
    expect(() => costTable([1, 2], () => Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_COST' }));
  });
});

describe('cost-aware optimal', () => {
  it('a superlinear latency moves buckets away from the padding optimum, and lowers the predicted time', () => {
    // 60 items of 10, 30 of 50, 10 of 100, two buckets. Padding favours [10, 100] (1,500 padded tokens
    // against 2,400), but with cost b^2 the 30 items of 50 are expensive in the 100 bucket.
    const hist = histogramFromLengths([...Array(60).fill(10), ...Array(30).fill(50), ...Array(10).fill(100)]);
    const cost = quadraticCost({ a: 0, b: 0, c: 1 });
    const byTokens = selectBuckets(hist, { algorithm: 'optimal', k: 2 }).buckets;
    const byCost = selectBuckets(hist, { algorithm: 'optimal', k: 2, cost }).buckets;
    expect(byTokens).toEqual([10, 100]);
    expect(byCost).toEqual([50, 100]);
    expect(bucketMetrics(hist, byCost, { cost }).totalCost).toBe(325_000);
    expect(bucketMetrics(hist, byTokens, { cost }).totalCost).toBe(406_000);
  });
});
