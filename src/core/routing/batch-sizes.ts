import { RoutingError } from './errors';

/**
 * Batch-size buckets (issue 16): besides the full batch size, a few smaller static batch sizes per length
 * bucket, so that a bucket's last, partial batch runs at batch sizes that hold it instead of being
 * completed with empty rows (which cost as much as real rows and showed as 16 empty rows in 13 batches).
 */

/** Powers of two below `batchSize`, then `batchSize` itself: 1, 2, 4, ..., batchSize. */
export function batchSizeLadder(batchSize: number): number[] {
  assertPositiveInteger(batchSize, 'Batch size');
  const ladder: number[] = [];
  for (let size = 1; size < batchSize; size *= 2) ladder.push(size);
  ladder.push(batchSize);
  return ladder;
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
