import {
  bucketMetrics,
  histogramFromLengths,
  piecewiseLinearCost,
  type CostFunction,
  type Histogram,
} from '../buckets';
import { bucketIndexFor, ladderPrice, normalizeBatchSizes, splitIntoWindows, splitRows } from '../routing';
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
  /**
   * Batch-size buckets: the static batch sizes a bucket's last, partial batch may run at (routing's
   * `splitRows`, the worker's rule). Absent: every batch has `batchSize` rows, the rest being empty rows.
   */
  batchSizes?: readonly number[];
  /**
   * How the shapes are served: a static session per (bucket, batch size) shape, each with its own copy of
   * the weights (default), or one shared dynamic session holding one copy (core/modes session layout).
   */
  sessionLayout?: 'per-bucket' | 'shared';
  modelBytes?: number;
  budgetBytes?: number | null;
}

export interface BucketRowFigures {
  bucket: number;
  /** Items padded to this bucket (windows of long items count once each). */
  items: number;
  /** Batches with the batch sizes in use. */
  batches: number;
  /** Rows holding an input (the same as `items`): what the batches are for. */
  rowsUsed: number;
  /** Rows computed with nothing in them, with the batch sizes in use. */
  emptyRows: number;
  /** Without batch-size buckets: every batch has `batchSize` rows. */
  fullSize: { batches: number; emptyRows: number };
}

/** Batch figures of a whole plan, with the batch sizes in use or at full size only. */
export interface BatchedFigures {
  batches: number;
  /** Rows computed, empty ones included. */
  rows: number;
  emptyRows: number;
  computedTokens: number;
  paddingEfficiency: number;
}

export interface BucketFigures {
  items: number;
  /** Item-level figures: every item padded to its bucket, as if batches were always full. */
  realTokens: number;
  computedTokens: number;
  paddingTokens: number;
  paddingEfficiency: number;
  /** With the static batch sizes in use (`batchSizes`; without them, as `fullSize`). */
  batched: BatchedFigures & { batchSizes: number[] };
  /** Every batch at `batchSize` rows: partial last batches are completed with empty rows. */
  fullSize: BatchedFigures;
  perBucket: BucketRowFigures[];
  itemsAboveLargestBucket: number;
  /** Null until latencies have been measured. */
  predicted: {
    msPerItem: number;
    itemsPerSec: number;
    padToMaxMsPerItem: number;
    speedupOverPadToMax: number;
  } | null;
  /** Per-bucket layout: each (bucket, batch size) shape is a session with its own copy of the weights. */
  memory: {
    /** One dynamic session serves every shape (one copy of the weights). */
    shared: boolean;
    sessions: number;
    /** Shapes run once in the warm-up before traffic: buckets x batch sizes. */
    shapesToWarm: number;
    /** Static batch sizes per bucket (1 without batch-size buckets). */
    batchSizesPerBucket: number;
    bytes: number;
    budgetBytes: number | null;
    overBudget: boolean;
    /** Buckets whose sessions (all their batch sizes) fit the budget. */
    bucketsThatFit: number | null;
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

/** Totals of per-bucket batch splits ([filled rows, rows computed] per batch). */
function batchedFigures(
  splits: readonly (readonly [number, number][])[],
  buckets: readonly number[],
  realTokens: number,
): BatchedFigures {
  let batches = 0;
  let rows = 0;
  let filled = 0;
  let computedTokens = 0;
  splits.forEach((bucketBatches, i) => {
    for (const [used, computed] of bucketBatches) {
      batches += 1;
      rows += computed;
      filled += used;
      computedTokens += computed * buckets[i];
    }
  });
  return {
    batches,
    rows,
    emptyRows: rows - filled,
    computedTokens,
    paddingEfficiency: computedTokens > 0 ? realTokens / computedTokens : 1,
  };
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
  const sizes = normalizeBatchSizes(input.batchSizes ?? [batchSize], batchSize);
  // Per bucket: [filled rows, rows computed] of each batch, the way the worker cuts them.
  const splits = plan.rowsPerBucket.map((rows) => splitRows(rows, batchSize, sizes));
  const fullSplits = plan.rowsPerBucket.map((rows) => splitRows(rows, batchSize));
  const batched = batchedFigures(splits, buckets, plan.realTokens);
  const fullSize = batchedFigures(fullSplits, buckets, plan.realTokens);
  const perBucket = buckets.map((bucket, i) => {
    const mine = batchedFigures([splits[i]], [bucket], 0);
    const full = batchedFigures([fullSplits[i]], [bucket], 0);
    return {
      bucket,
      items: plan.rowsPerBucket[i],
      batches: mine.batches,
      rowsUsed: plan.rowsPerBucket[i],
      emptyRows: mine.emptyRows,
      fullSize: { batches: full.batches, emptyRows: full.emptyRows },
    };
  });

  let predicted: BucketFigures['predicted'] = null;
  if (input.measured && input.measured.length > 0 && metrics.items > 0) {
    const cost: CostFunction = piecewiseLinearCost(
      input.measured.map((m) => ({ length: m.length, cost: m.msPerBatch })),
    );
    // A batch at a smaller batch size is predicted at its share of the full batch's measured time
    // (time proportional to rows computed); only full batches were measured.
    let totalMs = 0;
    splits.forEach((batches, i) => {
      for (const [, rows] of batches) totalMs += (cost(buckets[i]) * rows) / batchSize;
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
    const price = ladderPrice(buckets.length, sizes, input.modelBytes);
    const shared = input.sessionLayout === 'shared';
    const bytes = shared ? input.modelBytes : price.weightBytes;
    const budget = input.budgetBytes ?? null;
    const fit = (b: number) =>
      shared ? (input.modelBytes! <= b ? buckets.length : 0) : Math.floor(b / (input.modelBytes! * sizes.length));
    memory = {
      shared,
      sessions: shared ? 1 : price.sessions,
      shapesToWarm: price.shapesToWarm,
      batchSizesPerBucket: sizes.length,
      bytes,
      budgetBytes: budget,
      overBudget: budget !== null && bytes > budget,
      bucketsThatFit: budget !== null ? fit(budget) : null,
    };
  }

  return {
    items: metrics.items,
    realTokens: metrics.realTokens,
    computedTokens: metrics.computedTokens,
    paddingTokens: metrics.paddingTokens,
    paddingEfficiency: metrics.paddingEfficiency,
    batched: { ...batched, batchSizes: sizes },
    fullSize,
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
