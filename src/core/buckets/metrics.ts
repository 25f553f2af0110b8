import { batchMaxDistribution } from './batched';
import { type CostFunction } from './cost';
import { BucketError } from './errors';
import { type Histogram, assertValidHistogram, totalCount } from './histogram';
import { validateBuckets } from './validate';

/** Options of {@link bucketMetrics}. */
export interface MetricsOptions {
  /** Per-item cost of a bucket length; defaults to the length itself (computed tokens per item). */
  cost?: CostFunction;
  /**
   * Batches of this size are padded to their longest row (shuffled loader): computed tokens use the
   * distribution of the batch maximum, real tokens stay those of the items.
   */
  batchSize?: number;
}

/** Padding metrics of a bucket list on a length histogram. */
export interface BucketMetrics {
  /** Number of items (sum of counts). */
  items: number;
  /** Tokens the items really have (inputs beyond the largest bucket count as truncated to it). */
  realTokens: number;
  /** Tokens the model computes: each item padded to its bucket. */
  computedTokens: number;
  /** computedTokens - realTokens. */
  paddingTokens: number;
  /** realTokens / computedTokens, in (0, 1]; 1 means no padding at all. */
  paddingEfficiency: number;
  /** Mean cost per item under `cost` (or mean bucket length when no cost is given). */
  expectedCost: number;
  /** Total cost of all items: expectedCost * items. */
  totalCost: number;
  /** Items routed to each bucket, aligned with the sorted bucket list. */
  itemsPerBucket: number[];
  /** Items longer than the largest bucket (counted as truncated to it). */
  overflowItems: number;
  /** The bucket list the metrics refer to, sorted. */
  buckets: number[];
}

/**
 * Padding tokens, efficiency, expected cost and items per bucket of `buckets` on `hist`.
 * @throws BucketError for an invalid histogram, bucket list, batch size or cost.
 */
export function bucketMetrics(
  hist: Histogram,
  buckets: readonly number[],
  options: MetricsOptions = {},
): BucketMetrics {
  assertValidHistogram(hist);
  const sorted = validateBuckets(buckets);
  const cost = options.cost ?? ((length: number) => length);
  const items = totalCount(hist);
  const largest = sorted[sorted.length - 1];

  let realTokens = 0;
  let overflowItems = 0;
  for (let i = 0; i < hist.lengths.length; i++) {
    realTokens += Math.min(hist.lengths[i], largest) * hist.counts[i];
    if (hist.lengths[i] > largest) overflowItems += hist.counts[i];
  }

  const batchSize = options.batchSize ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new BucketError('INVALID_BATCH_SIZE', `Batch size ${String(options.batchSize)} must be a positive integer.`);
  }
  let shapes = hist;
  if (batchSize > 1) {
    const pmf = batchMaxDistribution(hist, batchSize);
    // Expected number of batches with each maximum; each batch computes batchSize rows.
    shapes = { lengths: pmf.lengths, counts: pmf.counts.map((p) => (p * items) / batchSize) };
  }

  const itemsPerBucket = new Array<number>(sorted.length).fill(0);
  let computedTokens = 0;
  let totalCost = 0;
  let b = 0;
  for (let i = 0; i < shapes.lengths.length; i++) {
    while (b < sorted.length - 1 && sorted[b] < shapes.lengths[i]) b++;
    const rows = shapes.counts[i] * batchSize;
    const unit = cost(sorted[b]);
    if (!Number.isFinite(unit)) {
      throw new BucketError(
        'INVALID_COST',
        `The cost at bucket ${sorted[b]} is ${String(unit)}: it must be a finite number.`,
      );
    }
    itemsPerBucket[b] += rows;
    computedTokens += rows * sorted[b];
    totalCost += rows * unit;
  }
  return {
    items,
    realTokens,
    computedTokens,
    paddingTokens: computedTokens - realTokens,
    paddingEfficiency: computedTokens > 0 ? realTokens / computedTokens : 1,
    expectedCost: items > 0 ? totalCost / items : 0,
    totalCost,
    itemsPerBucket,
    overflowItems,
    buckets: sorted,
  };
}
