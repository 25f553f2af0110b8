import { describe, expect, it } from 'vitest';
import { BucketError } from './errors';
import { histogramFromLengths } from './histogram';
import { bucketMetrics } from './metrics';
import { BUCKET_ALGORITHMS, type BucketAlgorithm, selectBuckets } from './select';

// Habana's worked example: 10 sentence lengths, 3 buckets.
const habana = histogramFromLengths([3, 3, 4, 5, 5, 5, 6, 7, 8, 8]);
const ALL = BUCKET_ALGORITHMS.map((a) => a.id);

describe("Habana's worked example", () => {
  it('buckets [5, 7, 8] waste 6 padding tokens, padding to the maximum wastes 26', () => {
    expect(bucketMetrics(habana, [5, 7, 8]).paddingTokens).toBe(6);
    expect(bucketMetrics(habana, [8]).paddingTokens).toBe(26);
  });

  it('Lloyd-Max reproduces the study output [5, 7, 8]', () => {
    expect(selectBuckets(habana, { algorithm: 'lloydMax', k: 3 }).buckets).toEqual([5, 7, 8]);
  });

  it('constant pads everything to 8', () => {
    expect(selectBuckets(habana, { algorithm: 'constant', k: 3 }).buckets).toEqual([8]);
  });

  it('optimal does better than the study example: [3, 5, 8] with 4 padding tokens, confirmed by brute force', () => {
    const optimal = selectBuckets(habana, { algorithm: 'optimal', k: 3 });
    const brute = selectBuckets(habana, { algorithm: 'bruteForce', k: 3 });
    expect(optimal.buckets).toEqual([3, 5, 8]);
    expect(bucketMetrics(habana, optimal.buckets).paddingTokens).toBe(4);
    expect(bucketMetrics(habana, brute.buckets).paddingTokens).toBe(4);
  });
});

describe('selectBuckets output shape', () => {
  const lengths = [1, 2, 2, 3, 7, 9, 9, 10, 15, 22, 22, 23, 40, 41, 41, 63, 64, 90, 128, 130];
  const hist = histogramFromLengths(lengths);

  it.each(ALL)('%s returns ascending distinct integers ending at the maximum', (algorithm) => {
    for (let k = 1; k <= 8; k++) {
      const { buckets } = selectBuckets(hist, { algorithm, k });
      expect(buckets.length).toBeGreaterThanOrEqual(1);
      expect(buckets.length).toBeLessThanOrEqual(algorithm === 'constant' ? 1 : k);
      expect(buckets[buckets.length - 1]).toBe(130);
      buckets.forEach((b, i) => {
        expect(Number.isInteger(b)).toBe(true);
        if (i > 0) expect(b).toBeGreaterThan(buckets[i - 1]);
      });
    }
  });

  it.each(ALL)('%s ends at the cap when one is given', (algorithm) => {
    const { buckets, notes } = selectBuckets(hist, { algorithm, k: 4, cap: 64 });
    expect(buckets[buckets.length - 1]).toBe(64);
    expect(buckets.every((b) => b <= 64)).toBe(true);
    expect(notes.join(' ')).toMatch(/3 input\(s\) longer than the cap 64/);
  });

  it.each(ALL)('%s keeps at most k buckets when the cap is above every length', (algorithm) => {
    for (let k = 1; k <= 6; k++) {
      const { buckets } = selectBuckets(hist, { algorithm, k, cap: 512 });
      expect(buckets.length).toBeLessThanOrEqual(k);
      expect(buckets[buckets.length - 1]).toBe(512);
    }
  });

  it('a cap above the longest length becomes the last bucket', () => {
    const { buckets } = selectBuckets(hist, { algorithm: 'optimal', k: 4, cap: 512 });
    expect(buckets[buckets.length - 1]).toBe(512);
    expect(buckets).toContain(130);
  });

  it('exponential gives powers of two on lengths 1..2^k', () => {
    const pow = histogramFromLengths(Array.from({ length: 256 }, (_, i) => i + 1));
    expect(selectBuckets(pow, { algorithm: 'exponential', k: 8 }).buckets).toEqual([2, 4, 8, 16, 32, 64, 128, 256]);
  });

  it('uniform spaces edges evenly between min and max', () => {
    const h = histogramFromLengths([10, 20, 30, 40, 50]);
    expect(selectBuckets(h, { algorithm: 'uniform', k: 4 }).buckets).toEqual([20, 30, 40, 50]);
  });

  it('percentile puts about the same number of items in each bucket', () => {
    const h = histogramFromLengths(Array.from({ length: 100 }, (_, i) => i + 1));
    const { buckets } = selectBuckets(h, { algorithm: 'percentile', k: 4 });
    expect(buckets).toEqual([25, 50, 75, 100]);
    expect(bucketMetrics(h, buckets).itemsPerBucket).toEqual([25, 25, 25, 25]);
  });
});

describe('notes when k is reduced', () => {
  const hist = histogramFromLengths([5, 5, 9, 12]);

  it('says when fewer distinct lengths than k occur', () => {
    const { buckets, notes } = selectBuckets(hist, { algorithm: 'optimal', k: 10 });
    expect(buckets).toEqual([5, 9, 12]);
    expect(notes).toContain('Only 3 distinct length(s) occur, so 3 bucket(s) suffice instead of 10.');
  });

  it('lowers k to what the memory budget holds and says so', () => {
    const big = histogramFromLengths(Array.from({ length: 200 }, (_, i) => (i % 50) + 1));
    const { buckets, notes } = selectBuckets(big, {
      algorithm: 'optimal',
      k: 8,
      memory: { budgetBytes: 1_000_000_000, modelBytes: 431_000_000 },
    });
    expect(buckets).toHaveLength(2);
    expect(notes[0]).toMatch(/holds 2 copies of the 431.0 MB model .* k was reduced from 8 to 2/);
  });

  it('refuses a budget that cannot hold one copy', () => {
    expect(() =>
      selectBuckets(hist, { algorithm: 'optimal', k: 3, memory: { budgetBytes: 100, modelBytes: 200 } }),
    ).toThrow(expect.objectContaining({ code: 'MEMORY_BUDGET_TOO_SMALL' }));
  });

  it('says the cost is ignored by a heuristic', () => {
    const { notes } = selectBuckets(hist, { algorithm: 'percentile', k: 2, cost: (b) => b });
    expect(notes.join(' ')).toMatch(/ignored by percentile/);
  });
});

describe('invalid input', () => {
  const hist = histogramFromLengths([1, 2, 3]);
  it.each<[string, () => unknown, string]>([
    ['k = 0', () => selectBuckets(hist, { algorithm: 'optimal', k: 0 }), 'INVALID_K'],
    ['fractional k', () => selectBuckets(hist, { algorithm: 'optimal', k: 2.5 }), 'INVALID_K'],
    [
      'empty histogram',
      () => selectBuckets({ lengths: [], counts: [] }, { algorithm: 'optimal', k: 2 }),
      'EMPTY_HISTOGRAM',
    ],
    [
      'negative length',
      () => selectBuckets({ lengths: [-1, 2], counts: [1, 1] }, { algorithm: 'optimal', k: 2 }),
      'INVALID_LENGTH',
    ],
    [
      'fractional length',
      () => selectBuckets({ lengths: [1.5, 2], counts: [1, 1] }, { algorithm: 'optimal', k: 2 }),
      'INVALID_LENGTH',
    ],
    [
      'unsorted lengths',
      () => selectBuckets({ lengths: [3, 2], counts: [1, 1] }, { algorithm: 'optimal', k: 2 }),
      'INVALID_HISTOGRAM',
    ],
    [
      'negative count',
      () => selectBuckets({ lengths: [1, 2], counts: [1, -1] }, { algorithm: 'optimal', k: 2 }),
      'INVALID_COUNT',
    ],
    [
      'unknown algorithm',
      () => selectBuckets(hist, { algorithm: 'magic' as BucketAlgorithm, k: 2 }),
      'UNKNOWN_ALGORITHM',
    ],
    ['zero cap', () => selectBuckets(hist, { algorithm: 'optimal', k: 2, cap: 0 }), 'INVALID_CAP'],
    [
      'decreasing cost',
      () => selectBuckets(hist, { algorithm: 'optimal', k: 2, cost: (b) => -b }),
      'COST_NOT_NON_DECREASING',
    ],
    ['batch size 0', () => selectBuckets(hist, { algorithm: 'optimal', k: 2, batchSize: 0 }), 'INVALID_BATCH_SIZE'],
  ])('%s throws a BucketError with a code', (_name, call, code) => {
    let caught: unknown;
    try {
      call();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BucketError);
    expect((caught as BucketError).code).toBe(code);
    expect((caught as BucketError).message.length).toBeGreaterThan(20);
  });

  it('bruteForce refuses an input it cannot finish, pointing to optimal', () => {
    const wide = histogramFromLengths(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(() => selectBuckets(wide, { algorithm: 'bruteForce', k: 12 })).toThrow(/Use 'optimal'/);
  });
});

describe('BUCKET_ALGORITHMS', () => {
  it('lists each algorithm once with a label and a description', () => {
    expect(new Set(ALL).size).toBe(7);
    for (const info of BUCKET_ALGORITHMS) {
      expect(info.label.length).toBeGreaterThan(2);
      expect(info.description.length).toBeGreaterThan(20);
    }
  });
});
