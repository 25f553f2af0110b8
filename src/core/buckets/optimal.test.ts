import { describe, expect, it } from 'vitest';
import { bruteForceCombinations, bruteForcePartition } from './bruteForce';
import { quadraticCost } from './cost';
import { type Histogram, histogramFromLengths } from './histogram';
import { bucketMetrics } from './metrics';
import { optimalPartition, partitionCost } from './optimal';
import { gaussian, mulberry32 } from './random';
import { BUCKET_ALGORITHMS, selectBuckets } from './select';

function randomHistogram(rng: () => number, distinct: number, maxLength: number, maxCount: number): Histogram {
  const lengths = new Set<number>();
  while (lengths.size < distinct) lengths.add(1 + Math.floor(rng() * maxLength));
  const sorted = [...lengths].sort((a, b) => a - b);
  return { lengths: sorted, counts: sorted.map(() => 1 + Math.floor(rng() * maxCount)) };
}

describe('optimal equals brute force on small histograms', () => {
  it('on 400 seeded random histograms, padding cost', () => {
    const rng = mulberry32(2024);
    for (let trial = 0; trial < 400; trial++) {
      const hist = randomHistogram(rng, 1 + Math.floor(rng() * 12), 60, 9);
      const k = 1 + Math.floor(rng() * 6);
      const unit = Float64Array.from(hist.lengths);
      const dp = optimalPartition(hist.counts, unit, k);
      const brute = bruteForcePartition(hist.counts, unit, k);
      expect(dp.cost).toBe(brute.cost);
      expect(partitionCost(hist.counts, unit, dp.ends)).toBe(dp.cost);
      expect(dp.ends[dp.ends.length - 1]).toBe(hist.lengths.length - 1);
    }
  });

  it('on 200 seeded random histograms under a quadratic latency model', () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 200; trial++) {
      const hist = randomHistogram(rng, 2 + Math.floor(rng() * 10), 200, 20);
      const k = 1 + Math.floor(rng() * 5);
      const cost = quadraticCost({ a: rng() * 5, b: rng() * 0.2, c: rng() * 0.002 });
      const viaOptimal = selectBuckets(hist, { algorithm: 'optimal', k, cost });
      const viaBrute = selectBuckets(hist, { algorithm: 'bruteForce', k, cost });
      const a = bucketMetrics(hist, viaOptimal.buckets, { cost }).totalCost;
      const b = bucketMetrics(hist, viaBrute.buckets, { cost }).totalCost;
      expect(a).toBeCloseTo(b, 9);
    }
  });

  it('on fractional weights (a batched distribution)', () => {
    const rng = mulberry32(99);
    for (let trial = 0; trial < 100; trial++) {
      const hist = randomHistogram(rng, 8, 100, 5);
      const pmf = { lengths: hist.lengths, counts: hist.counts.map((c) => c / 7) };
      const unit = Float64Array.from(pmf.lengths);
      expect(optimalPartition(pmf.counts, unit, 3).cost).toBeCloseTo(bruteForcePartition(pmf.counts, unit, 3).cost, 9);
    }
  });
});

describe('optimal is never worse than any heuristic on large inputs', () => {
  const rng = mulberry32(31337);
  const shapes: [string, () => number][] = [
    ['gaussian', () => Math.max(1, Math.round(gaussian(rng, 128, 40)))],
    ['long tail', () => 1 + Math.floor(Math.exp(rng() * Math.log(512)))],
    [
      'bimodal',
      () =>
        rng() < 0.7 ? Math.max(1, Math.round(gaussian(rng, 20, 6))) : Math.max(1, Math.round(gaussian(rng, 300, 50))),
    ],
    ['uniform wide', () => 1 + Math.floor(rng() * 5000)],
  ];
  it.each(shapes)('%s, 20,000 lengths, k = 2..20', (_name, draw) => {
    const hist = histogramFromLengths(Array.from({ length: 20_000 }, draw));
    for (let k = 2; k <= 20; k++) {
      const best = bucketMetrics(hist, selectBuckets(hist, { algorithm: 'optimal', k }).buckets).paddingTokens;
      for (const { id } of BUCKET_ALGORITHMS) {
        if (id === 'optimal' || id === 'bruteForce') continue;
        const other = bucketMetrics(hist, selectBuckets(hist, { algorithm: id, k }).buckets).paddingTokens;
        expect(best).toBeLessThanOrEqual(other);
      }
    }
  });

  it('padding never grows with k', () => {
    const hist = histogramFromLengths(Array.from({ length: 5000 }, shapes[1][1]));
    let previous = Infinity;
    for (let k = 1; k <= 30; k++) {
      const padding = bucketMetrics(hist, selectBuckets(hist, { algorithm: 'optimal', k }).buckets).paddingTokens;
      expect(padding).toBeLessThanOrEqual(previous);
      previous = padding;
    }
  });
});

describe('bruteForceCombinations', () => {
  it('counts subsets of at most k-1 interior edges', () => {
    // 5 distinct lengths, k = 3: C(4,0) + C(4,1) + C(4,2) = 1 + 4 + 6.
    expect(bruteForceCombinations(5, 3)).toBe(11);
    expect(bruteForceCombinations(1, 4)).toBe(1);
  });
});
