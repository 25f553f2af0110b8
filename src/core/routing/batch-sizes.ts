import { RoutingError } from './errors';

/**
 * Batch-size buckets (issue 16): besides the full batch size, a few smaller static batch sizes per length
 * bucket, so that a bucket's last, partial batch runs at batch sizes that hold it instead of being
 * completed with empty rows (which cost as much as real rows and showed as 16 empty rows in 13 batches).
 */

/**
 * Powers of `base` below `batchSize`, then `batchSize` itself: base 2 gives 1, 2, 4, ..., batchSize;
 * base 4 gives 1, 4, 16, ..., batchSize (half the sizes, so half the static sessions, for a few more
 * batches per partial batch). Both start at 1, so a plan from either has no empty rows.
 */
export function batchSizeLadder(batchSize: number, base: 2 | 4 = 2): number[] {
  assertPositiveInteger(batchSize, 'Batch size');
  const ladder: number[] = [];
  for (let size = 1; size < batchSize; size *= base) ladder.push(size);
  ladder.push(batchSize);
  return ladder;
}

/** Which batch-size buckets a configuration uses: none (every batch full size), powers of 2, or of 4. */
export type BatchLadder = 'off' | 'powers-of-2' | 'powers-of-4';
export const BATCH_LADDERS: readonly BatchLadder[] = ['powers-of-4', 'powers-of-2', 'off'];

/** The static batch sizes of `ladder` for `batchSize`, ascending; `off` is the batch size alone. */
export function ladderSizes(ladder: BatchLadder, batchSize: number): number[] {
  if (ladder === 'off') {
    assertPositiveInteger(batchSize, 'Batch size');
    return [batchSize];
  }
  return batchSizeLadder(batchSize, ladder === 'powers-of-4' ? 4 : 2);
}

/** What batch-size buckets cost before any item runs: one static shape per (length, batch size). */
export interface LadderPrice {
  /** Static sessions (each its own copy of the weights on WASM and WebGPU). */
  sessions: number;
  /** Shapes compiled and run once in the warm-up, before traffic. */
  shapesToWarm: number;
  /** sessions x model bytes. */
  weightBytes: number;
}

/** Sessions, shapes to warm and weight bytes of `bucketCount` length buckets times `batchSizes`. */
export function ladderPrice(bucketCount: number, batchSizes: readonly number[], modelBytes: number): LadderPrice {
  const shapes = bucketCount * new Set(batchSizes).size;
  return { sessions: shapes, shapesToWarm: shapes, weightBytes: shapes * modelBytes };
}

function assertPositiveInteger(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RoutingError('INVALID_BATCH_SIZE', `${what} ${String(value)} must be a positive integer.`);
  }
}

/**
 * Sorted, distinct batch sizes from 1 to `batchSize`, always including `batchSize` (full batches run at it).
 * @throws RoutingError `INVALID_BATCH_SIZE` for a size that is not a whole number from 1 to batchSize.
 */
export function normalizeBatchSizes(batchSizes: readonly number[], batchSize: number): number[] {
  assertPositiveInteger(batchSize, 'Batch size');
  for (const size of batchSizes) {
    assertPositiveInteger(size, 'Batch-size bucket');
    if (size > batchSize) {
      throw new RoutingError(
        'INVALID_BATCH_SIZE',
        `Batch-size bucket ${size} is larger than the batch size ${batchSize}.`,
      );
    }
  }
  return [...new Set([...batchSizes, batchSize])].sort((a, b) => a - b);
}

/**
 * How `count` rows of one length bucket are cut into batches: full batches of `batchSize`, then the
 * remainder greedily in the largest batch sizes that it fills completely; what is left below the
 * smallest size runs at the smallest size, which is the only place empty rows remain (fewer than the
 * smallest size). With 1 in the ladder a plan has no empty rows at all.
 * @returns per batch, [filled rows, rows computed]
 */
export function splitRows(
  count: number,
  batchSize: number,
  batchSizes: readonly number[] = [batchSize],
): [number, number][] {
  const sizes = normalizeBatchSizes(batchSizes, batchSize);
  const out: [number, number][] = [];
  let left = count;
  while (left >= batchSize) {
    out.push([batchSize, batchSize]);
    left -= batchSize;
  }
  for (let i = sizes.length - 1; i >= 0 && left > 0; i--) {
    const size = sizes[i]!;
    while (left >= size) {
      out.push([size, size]);
      left -= size;
    }
  }
  if (left > 0) out.push([left, sizes[0]!]);
  return out;
}

/** Rows of one or more runs: computed, holding an input, and empty (computed for nothing). */
export interface RowTally {
  rows: number;
  used: number;
  empty: number;
}

export const NO_ROWS: Readonly<RowTally> = Object.freeze({ rows: 0, used: 0, empty: 0 });

/**
 * Rows of a run from what the worker reports per batch: rows computed (its static batch size) and rows
 * filled; added to `before` (a running total, e.g. of a live stream).
 * @throws RoutingError `RESULT_MISMATCH` when the lists differ in length or a batch has more filled rows than rows.
 */
export function tallyRows(
  batchRows: readonly number[],
  batchItemCounts: readonly number[],
  before: Readonly<RowTally> = NO_ROWS,
): RowTally {
  if (batchRows.length !== batchItemCounts.length) {
    throw new RoutingError(
      'RESULT_MISMATCH',
      `Rows are reported for ${batchRows.length} batches but filled rows for ${batchItemCounts.length}.`,
    );
  }
  let rows = before.rows;
  let used = before.used;
  batchRows.forEach((computed, b) => {
    const filled = batchItemCounts[b]!;
    if (!Number.isInteger(computed) || !Number.isInteger(filled) || filled < 0 || filled > computed) {
      throw new RoutingError(
        'RESULT_MISMATCH',
        `Batch ${b} reports ${String(filled)} filled rows of ${String(computed)}: filled rows must be 0 to the rows computed.`,
      );
    }
    rows += computed;
    used += filled;
  });
  return { rows, used, empty: rows - used };
}
