import {
  bucketMetrics,
  histogramFromLengths,
  piecewiseLinearCost,
  type CostFunction,
  type Histogram,
} from '../buckets';
import { bucketIndexFor, splitIntoWindows } from '../routing';
import { ChartDataError } from './errors';

/** A measured warm-up latency: one batch of `batchSize` rows at this bucket length took `msPerBatch`. */
export interface MeasuredBucket {
  length: number;
  msPerBatch: number;
}

export interface BucketFiguresInput {
  /** The histogram of item token lengths (special tokens included). */
  hist: Histogram;
  buckets: readonly number[];
  batchSize: number;
  /** What the worker does with items longer than the largest bucket; under `reject` they are left out. */
  overflow: 'window' | 'truncate' | 'reject';
  /** Window stride in tokens; default half the largest bucket, as the planner's. */
  stride?: number;
  /** Per-bucket latencies from the last warm-up (same batch size); no prediction without them. */
  measured?: readonly MeasuredBucket[];
  modelBytes?: number;
  budgetBytes?: number | null;
}

export interface BucketRowFigures {
  bucket: number;
  /** Items padded to this bucket (windows of long items count once each). */
  items: number;
  batches: number;
}

export interface BucketFigures {
  items: number;
  /** Item-level figures: every item padded to its bucket, as if batches were always full. */
  realTokens: number;
  computedTokens: number;
  paddingTokens: number;
  paddingEfficiency: number;
  /** With static batches of `batchSize`: partial last batches are filled with empty rows. */
  batched: { batches: number; emptyRows: number; computedTokens: number; paddingEfficiency: number };
  perBucket: BucketRowFigures[];
  itemsAboveLargestBucket: number;
  /** Null until latencies have been measured. */
  predicted: {
    msPerItem: number;
    itemsPerSec: number;
    padToMaxMsPerItem: number;
    speedupOverPadToMax: number;
  } | null;
  /** Each bucket is a session holding its own copy of the weights. */
  memory: {
    sessions: number;
    bytes: number;
    budgetBytes: number | null;
    overBudget: boolean;
    sessionsThatFit: number | null;
  } | null;
}

interface Plan {
  rowsPerBucket: number[];
  batchesPerBucket: number[];
  realTokens: number;
}

/** Rows each bucket receives, planned the worker's way (route to the smallest fitting bucket). */
function planRows(
  hist: Histogram,
  buckets: readonly number[],
  overflow: BucketFiguresInput['overflow'],
  stride: number | undefined,
  batchSize: number,
): Plan {
  const rows = new Array<number>(buckets.length).fill(0);
  const largest = buckets[buckets.length - 1];
  let realTokens = 0;
  for (let i = 0; i < hist.lengths.length; i++) {
    const length = hist.lengths[i];
    const count = hist.counts[i];
    const index = bucketIndexFor(length, buckets);
    if (index >= 0) {
      rows[index] += count;
      realTokens += count * length;
    } else if (overflow === 'window') {
      // A stride the worker would refuse is clamped here: the figures stay drawable while the user types.
      const step = Math.min(largest, Math.max(1, Math.round(stride ?? Math.floor(largest / 2))));
      const windows = splitIntoWindows(length, largest, step);
      rows[buckets.length - 1] += count * windows.length;
      for (const w of windows) realTokens += count * (w.end - w.start);
    } else {
      rows[buckets.length - 1] += count;
      realTokens += count * largest;
    }
  }
  return { rowsPerBucket: rows, batchesPerBucket: rows.map((r) => Math.ceil(r / batchSize)), realTokens };
}

function assertBuckets(buckets: readonly number[]): void {
  if (buckets.length === 0)
    throw new ChartDataError('INVALID_BUCKETS', 'There are no buckets: add one to see padding figures.');
}

/**
 * The figures shown live while handles move: padding (per item and with batches), items per bucket, the
 * time per item predicted from measured per-bucket latencies (interpolated for lengths not measured), and
 * whether the sessions fit the memory budget.
 * @throws BucketError / RoutingError / ChartDataError with a `code` for invalid input.
 */
export function bucketFigures(input: BucketFiguresInput): BucketFigures {
  const { hist, buckets, batchSize } = input;
  assertBuckets(buckets);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new ChartDataError('INVALID_BUCKETS', `Batch size ${String(batchSize)} must be a positive whole number.`);
  }
  const largestBucket = buckets[buckets.length - 1];
  let itemsAboveLargestBucket = 0;
  hist.lengths.forEach((length, i) => {
    if (length > largestBucket) itemsAboveLargestBucket += hist.counts[i];
  });
  // Under `reject` the long items never run: the figures describe only the items that do.
  const counted = input.overflow === 'reject' ? fittingItems(hist, largestBucket) : hist;
  const metrics = bucketMetrics(counted, buckets);
  const plan = planRows(counted, buckets, input.overflow, input.stride, batchSize);
  let batches = 0;
  let computed = 0;
  let filledRows = 0;
  plan.batchesPerBucket.forEach((n, i) => {
    batches += n;
    computed += n * batchSize * buckets[i];
    filledRows += plan.rowsPerBucket[i];
  });
  const perBucket = buckets.map((bucket, i) => ({
    bucket,
    items: plan.rowsPerBucket[i],
    batches: plan.batchesPerBucket[i],
  }));

  let predicted: BucketFigures['predicted'] = null;
  if (input.measured && input.measured.length > 0 && metrics.items > 0) {
    const cost: CostFunction = piecewiseLinearCost(
      input.measured.map((m) => ({ length: m.length, cost: m.msPerBatch })),
    );
    let totalMs = 0;
    plan.batchesPerBucket.forEach((n, i) => {
      totalMs += n * cost(buckets[i]);
    });
    const largest = buckets[buckets.length - 1];
    const padToMax = planRows(counted, [largest], input.overflow, input.stride, batchSize);
    const padToMaxMs = padToMax.batchesPerBucket[0] * cost(largest);
    const msPerItem = totalMs / metrics.items;
    const padToMaxMsPerItem = padToMaxMs / metrics.items;
    predicted = {
      msPerItem,
      itemsPerSec: msPerItem > 0 ? 1000 / msPerItem : 0,
      padToMaxMsPerItem,
      speedupOverPadToMax: msPerItem > 0 ? padToMaxMsPerItem / msPerItem : 1,
    };
  }

  let memory: BucketFigures['memory'] = null;
  if (input.modelBytes !== undefined && input.modelBytes > 0) {
    const bytes = buckets.length * input.modelBytes;
    const budget = input.budgetBytes ?? null;
    memory = {
      sessions: buckets.length,
      bytes,
      budgetBytes: budget,
      overBudget: budget !== null && bytes > budget,
      sessionsThatFit: budget !== null ? Math.floor(budget / input.modelBytes) : null,
    };
  }

  return {
    items: metrics.items,
    realTokens: metrics.realTokens,
    computedTokens: metrics.computedTokens,
    paddingTokens: metrics.paddingTokens,
    paddingEfficiency: metrics.paddingEfficiency,
    batched: {
      batches,
      emptyRows: batches * batchSize - filledRows,
      computedTokens: computed,
      paddingEfficiency: computed > 0 ? plan.realTokens / computed : 1,
    },
    perBucket,
    itemsAboveLargestBucket,
    predicted,
    memory,
  };
}

function fittingItems(hist: Histogram, largest: number): Histogram {
  const out: Histogram = { lengths: [], counts: [] };
  hist.lengths.forEach((length, i) => {
    if (length <= largest && hist.counts[i] > 0) {
      out.lengths.push(length);
      out.counts.push(hist.counts[i]);
    }
  });
  if (out.lengths.length === 0) {
    throw new ChartDataError(
      'NO_LENGTHS',
      `Every item is longer than the largest bucket (${largest}) and the "reject" policy refuses them all: add a larger bucket, or choose "window" or "truncate".`,
    );
  }
  return out;
}

/** Convenience for callers holding raw lengths. */
export function histogramOf(lengths: readonly number[]): Histogram {
  return histogramFromLengths(lengths);
}
