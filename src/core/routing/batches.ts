import { splitRows } from './batch-sizes';
import { RoutingError } from './errors';
import { type OverflowPolicy, type Span, assertAscendingBuckets, bucketIndexFor, splitIntoWindows } from './route';

/** Anything with a length (tokens); extra fields are ignored. */
export interface PlanItem {
  length: number;
}

/** One model call: `rows` rows of width `bucket`. */
export interface Batch {
  /** Padded width of every row (the sequence length of the session's static shape). */
  bucket: number;
  /** Input index of each filled row, in row order. A windowed input appears once per window. */
  itemIndices: number[];
  /** Part of the input each filled row holds; [0, length) unless truncated or windowed. */
  spans: Span[];
  /** Rows computed: batchSize for static shapes (empty rows are padding); filled rows for dynamic batches. */
  rows: number;
  /** Tokens of real input in the batch. */
  realTokens: number;
  /** rows * bucket: what the model computes. */
  computedTokens: number;
}

/** Options of {@link planBatches}. */
export interface PlanOptions {
  /** Inputs longer than the largest bucket: truncate, split into windows, or throw. Default reject. */
  policy?: OverflowPolicy;
  /** Stride for the window policy; default half the largest bucket. */
  windowStride?: number;
  /**
   * Smaller static batch sizes a bucket's last, partial batch may run at (see `batchSizeLadder`);
   * absent: every batch has `batchSize` rows and a partial one is completed with empty rows.
   */
  batchSizes?: readonly number[];
}

function assertBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RoutingError('INVALID_BATCH_SIZE', `Batch size ${String(batchSize)} must be a positive integer.`);
  }
}

function itemLength(items: readonly PlanItem[], i: number): number {
  const length = items[i]?.length;
  if (!Number.isInteger(length) || length < 0) {
    throw new RoutingError(
      'INVALID_LENGTH',
      `Item ${i} has length ${String(length)}: lengths must be non-negative integers.`,
    );
  }
  return length;
}

interface Row {
  item: number;
  span: Span;
}

/**
 * Bucketed batching: routes every item to the smallest bucket that fits, groups by bucket, sorts by
 * length inside a bucket (neighbours in a batch then have similar lengths), and cuts batches of at most
 * `batchSize`. Every batch has `rows = batchSize` because each session has a static batch dimension:
 * a partial last batch is completed with empty rows, which count as padding, unless `batchSizes`
 * offers smaller static batch sizes for it (see `splitRows`).
 * Batches come in ascending bucket order; use {@link restoreOrder} to put results back in input order.
 * @throws RoutingError for bad arguments, or `TOO_LONG` for a long input under the reject policy.
 */
export function planBatches(
  items: readonly PlanItem[],
  buckets: readonly number[],
  batchSize: number,
  options: PlanOptions = {},
): Batch[] {
  assertAscendingBuckets(buckets);
  assertBatchSize(batchSize);
  const policy = options.policy ?? 'reject';
  const largest = buckets[buckets.length - 1];
  const perBucket: Row[][] = buckets.map(() => []);
  for (let i = 0; i < items.length; i++) {
    const length = itemLength(items, i);
    const index = bucketIndexFor(length, buckets);
    if (index >= 0) {
      perBucket[index].push({ item: i, span: { start: 0, end: length } });
      continue;
    }
    if (policy === 'truncate') {
      perBucket[buckets.length - 1].push({ item: i, span: { start: 0, end: largest } });
    } else if (policy === 'window') {
      const stride = options.windowStride ?? Math.max(1, Math.floor(largest / 2));
      for (const span of splitIntoWindows(length, largest, stride))
        perBucket[buckets.length - 1].push({ item: i, span });
    } else if (policy === 'reject') {
      throw new RoutingError(
        'TOO_LONG',
        `Item ${i} has ${length} tokens, more than the largest bucket (${largest}). ` +
          `Add a bucket of at least ${length}, or choose the 'truncate' or 'window' policy.`,
      );
    } else {
      throw new RoutingError(
        'INVALID_POLICY',
        `Unknown overflow policy "${String(policy)}": use 'truncate', 'window' or 'reject'.`,
      );
    }
  }
  const batches: Batch[] = [];
  buckets.forEach((bucket, b) => {
    const rows = perBucket[b];
    rows.sort((x, y) => spanLength(x.span) - spanLength(y.span) || x.item - y.item || x.span.start - y.span.start);
    let start = 0;
    for (const [filled, rowCount] of splitRows(rows.length, batchSize, options.batchSizes)) {
      batches.push(makeBatch(bucket, rows.slice(start, start + filled), rowCount));
      start += filled;
    }
  });
  return batches;
}

/**
 * Baseline: one static shape for everything, the longest input (or `maxLength`, e.g. the model's
 * maximum positions). Same batching as {@link planBatches} with a single bucket.
 */
export function planPadToMax(
  items: readonly PlanItem[],
  batchSize: number,
  options: PlanOptions & { maxLength?: number } = {},
): Batch[] {
  if (items.length === 0) return [];
  let longest = 1;
  for (let i = 0; i < items.length; i++) longest = Math.max(longest, itemLength(items, i));
  return planBatches(items, [options.maxLength ?? longest], batchSize, options);
}

/**
 * Baseline: dynamic shapes, as with a dynamic-axis model. Items are batched in arrival order and each
 * batch is padded only to its own longest row, with no empty rows (a dynamic batch dimension). Every
 * distinct (rows, width) pair is a new shape, which WebGPU must compile on first use.
 */
export function planDynamicBatches(items: readonly PlanItem[], batchSize: number): Batch[] {
  assertBatchSize(batchSize);
  const batches: Batch[] = [];
  for (let start = 0; start < items.length; start += batchSize) {
    const rows: Row[] = [];
    let width = 1;
    for (let i = start; i < Math.min(items.length, start + batchSize); i++) {
      const length = itemLength(items, i);
      rows.push({ item: i, span: { start: 0, end: length } });
      width = Math.max(width, length);
    }
    batches.push(makeBatch(width, rows, rows.length));
  }
  return batches;
}

function spanLength(span: Span): number {
  return span.end - span.start;
}

function makeBatch(bucket: number, rows: Row[], rowCount: number): Batch {
  let realTokens = 0;
  for (const row of rows) realTokens += spanLength(row.span);
  return {
    bucket,
    itemIndices: rows.map((r) => r.item),
    spans: rows.map((r) => r.span),
    rows: rowCount,
    realTokens,
    computedTokens: rowCount * bucket,
  };
}

/** Totals of a plan, identical in meaning for every planner. */
export interface PlanSummary {
  batches: number;
  /** Rows computed, including empty padding rows. */
  rows: number;
  emptyRows: number;
  realTokens: number;
  computedTokens: number;
  paddingTokens: number;
  /** realTokens / computedTokens (1 for an empty plan). */
  paddingEfficiency: number;
  /** Distinct (rows, width) shapes the plan runs: each one is a session or a shader compilation. */
  shapes: number;
}

/** Sums a plan's padding metrics. */
export function summarizePlan(batches: readonly Batch[]): PlanSummary {
  let rows = 0;
  let filled = 0;
  let realTokens = 0;
  let computedTokens = 0;
  const shapes = new Set<string>();
  for (const b of batches) {
    rows += b.rows;
    filled += b.itemIndices.length;
    realTokens += b.realTokens;
    computedTokens += b.computedTokens;
    shapes.add(`${b.rows}x${b.bucket}`);
  }
  return {
    batches: batches.length,
    rows,
    emptyRows: rows - filled,
    realTokens,
    computedTokens,
    paddingTokens: computedTokens - realTokens,
    paddingEfficiency: computedTokens > 0 ? realTokens / computedTokens : 1,
    shapes: shapes.size,
  };
}

/** A result of one row, with the part of the input that row held. */
export interface RowResult<T> {
  span: Span;
  value: T;
}

function checkResults<T>(batches: readonly Batch[], results: readonly (readonly T[])[]): void {
  if (results.length !== batches.length) {
    throw new RoutingError(
      'RESULT_MISMATCH',
      `Got results for ${results.length} batches, but the plan has ${batches.length}.`,
    );
  }
  batches.forEach((batch, b) => {
    if (!results[b] || results[b].length < batch.itemIndices.length) {
      throw new RoutingError(
        'RESULT_MISMATCH',
        `Batch ${b} has ${batch.itemIndices.length} filled rows but ${results[b]?.length ?? 0} results.`,
      );
    }
  });
}

/**
 * All row results of each input, in input order; a windowed input gets one entry per window, ordered
 * by window start, for the caller to merge.
 * @param results results[b][r] is the result of row r of batch b (empty padding rows may be omitted).
 */
export function gatherByItem<T>(
  batches: readonly Batch[],
  results: readonly (readonly T[])[],
  itemCount: number,
): RowResult<T>[][] {
  checkResults(batches, results);
  const out: RowResult<T>[][] = Array.from({ length: itemCount }, () => []);
  batches.forEach((batch, b) => {
    batch.itemIndices.forEach((item, r) => {
      if (item >= itemCount) {
        throw new RoutingError('RESULT_MISMATCH', `The plan refers to item ${item}, but itemCount is ${itemCount}.`);
      }
      out[item].push({ span: batch.spans[r], value: results[b][r] });
    });
  });
  for (const rows of out) rows.sort((x, y) => x.span.start - y.span.start);
  return out;
}

/**
 * Puts one result per input back in input order.
 * @throws RoutingError `ITEM_SPLIT` if an input was split into windows (use {@link gatherByItem}), or
 *   `RESULT_MISMATCH` if some input has no result.
 */
export function restoreOrder<T>(batches: readonly Batch[], results: readonly (readonly T[])[], itemCount: number): T[] {
  const gathered = gatherByItem(batches, results, itemCount);
  return gathered.map((rows, item) => {
    if (rows.length === 0) throw new RoutingError('RESULT_MISMATCH', `Input ${item} is in no batch of the plan.`);
    if (rows.length > 1) {
      throw new RoutingError(
        'ITEM_SPLIT',
        `Input ${item} was split into ${rows.length} windows: merge them with gatherByItem.`,
      );
    }
    return rows[0].value;
  });
}
