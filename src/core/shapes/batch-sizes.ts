import { splitRows } from '../routing/batch-sizes';
import { planDynamicBatches } from '../routing/batches';
import { ShapeError } from './errors';

/** One model call: `pieces` (indices into the caller's list) in a static batch of `batchSize` rows. */
export interface BucketRun {
  bucketIndex: number;
  batchSize: number;
  pieces: number[];
}

/** Checks and sorts a list of batch sizes (each one is a static session per bucket). */
export function normalizeBatchSizes(batchSizes: readonly number[] | undefined): number[] {
  const list = batchSizes === undefined ? [1] : [...batchSizes];
  if (list.length === 0 || list.some((b) => !Number.isInteger(b) || b < 1) || new Set(list).size !== list.length) {
    throw new ShapeError(
      'BAD_BATCH_SIZES',
      `Batch sizes [${list.join(', ')}] must be distinct positive integers, e.g. [1, 4, 16].`,
    );
  }
  return list.sort((a, b) => a - b);
}

/**
 * Cuts `count` rows into static batches with the planner's rule (routing's `splitRows`): full batches of
 * the largest size, then the rest by the largest sizes it fills completely, and a last remainder smaller
 * than every size in the smallest size (its empty rows are padding). So [1, 2, 4] runs 7 rows as
 * 4 + 2 + 1 with no empty row, and [4, 16] runs 6 rows as one batch of 4 and one of 4 holding 2 rows.
 * @returns the batch size of each call with the rows it holds, in call order.
 */
export function splitByBatchSizes(count: number, batchSizes: readonly number[]): { batchSize: number; rows: number }[] {
  const sizes = normalizeBatchSizes(batchSizes);
  if (!Number.isInteger(count) || count < 0)
    throw new ShapeError('BAD_DIMS', `Row count ${String(count)} must be a non-negative integer.`);
  return splitRows(count, sizes[sizes.length - 1], sizes).map(([rows, batchSize]) => ({ batchSize, rows }));
}

/**
 * Groups pieces by the bucket they were routed to (ascending bucket index, input order inside a
 * bucket) and cuts each group with {@link splitByBatchSizes}.
 * @param pieceBuckets the bucket index of each piece.
 */
export function planBucketRuns(pieceBuckets: readonly number[], batchSizes: readonly number[]): BucketRun[] {
  const sizes = normalizeBatchSizes(batchSizes);
  const groups = new Map<number, number[]>();
  pieceBuckets.forEach((b, piece) => {
    if (!Number.isInteger(b) || b < 0)
      throw new ShapeError('BAD_BUCKETS', `Piece ${piece} has bucket index ${String(b)}.`);
    const group = groups.get(b) ?? [];
    group.push(piece);
    groups.set(b, group);
  });
  const runs: BucketRun[] = [];
  for (const bucketIndex of [...groups.keys()].sort((a, b) => a - b)) {
    const pieces = groups.get(bucketIndex)!;
    let start = 0;
    for (const { batchSize, rows } of splitByBatchSizes(pieces.length, sizes)) {
      runs.push({ bucketIndex, batchSize, pieces: pieces.slice(start, start + rows) });
      start += rows;
    }
  }
  return runs;
}

/** One model call of the dynamic baseline: `pieces` in arrival order, padded to `shape`, no empty rows. */
export interface DynamicRun {
  /** Each bucketed dim's largest size among the pieces (at least 1). */
  shape: number[];
  pieces: number[];
}

/**
 * The dynamic baseline (bucketing off): pieces batched in arrival order, `batchSize` at a time (routing's
 * `planDynamicBatches`, the one rule for this), each batch padded only to its own largest size per dim.
 * @param pieceSizes each piece's sizes along the bucketed dims.
 */
export function planDynamicRuns(pieceSizes: readonly (readonly number[])[], batchSize: number): DynamicRun[] {
  const batches = planDynamicBatches(
    pieceSizes.map((sizes) => ({ length: sizes[0] ?? 1 })),
    batchSize,
  );
  return batches.map((b) => {
    const shape = (pieceSizes[b.itemIndices[0]] ?? [1]).map((_, dim) =>
      Math.max(1, ...b.itemIndices.map((p) => pieceSizes[p][dim])),
    );
    return { shape, pieces: [...b.itemIndices] };
  });
}
