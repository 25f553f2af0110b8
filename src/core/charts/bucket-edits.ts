import { type Histogram } from '../buckets';
import { ChartDataError } from './errors';

function assertSortedBuckets(buckets: readonly number[]): void {
  for (let i = 0; i < buckets.length; i++) {
    if (!Number.isInteger(buckets[i]) || buckets[i] < 1 || (i > 0 && buckets[i] <= buckets[i - 1])) {
      throw new ChartDataError(
        'INVALID_BUCKETS',
        `Buckets [${buckets.join(', ')}] are not distinct positive integers in ascending order.`,
      );
    }
  }
}

function assertIndex(buckets: readonly number[], index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= buckets.length) {
    throw new ChartDataError('INVALID_INDEX', `There is no bucket number ${index + 1} among ${buckets.length}.`);
  }
}

/** The smallest usable sizes (see bucketMinimums in core/ner); both default to 1. */
export interface BucketSizeLimits {
  /** No bucket below this. */
  min?: number;
  /** The largest bucket not below this. */
  minLargest?: number;
}

/**
 * Moves bucket `index` towards `target`, stopping one token short of its neighbours so the list stays
 * strictly ascending (a handle cannot jump over another) and within [limits.min, max]; the largest
 * bucket also stays at or above limits.minLargest.
 */
export function moveBucket(
  buckets: readonly number[],
  index: number,
  target: number,
  max: number,
  limits: BucketSizeLimits = {},
): number[] {
  assertSortedBuckets(buckets);
  assertIndex(buckets, index);
  const isLargest = index === buckets.length - 1;
  const floor = Math.max(limits.min ?? 1, isLargest ? (limits.minLargest ?? 1) : 1);
  const low = Math.max(floor, index > 0 ? buckets[index - 1] + 1 : 1);
  const high = Math.max(low, index < buckets.length - 1 ? buckets[index + 1] - 1 : max);
  const value = Math.min(high, Math.max(low, Math.round(target)));
  const out = [...buckets];
  out[index] = value;
  return out;
}

/**
 * Removes bucket `index`; the last remaining bucket cannot go, since every item needs one, and the
 * largest cannot go when the next one down is below limits.minLargest.
 */
export function removeBucket(buckets: readonly number[], index: number, limits: BucketSizeLimits = {}): number[] {
  assertSortedBuckets(buckets);
  assertIndex(buckets, index);
  if (buckets.length === 1) {
    throw new ChartDataError(
      'LAST_BUCKET',
      'This is the only bucket: every item needs one. Move it instead, or add another first.',
    );
  }
  const out = buckets.filter((_, i) => i !== index);
  const largest = out[out.length - 1];
  if (limits.minLargest !== undefined && largest < limits.minLargest) {
    throw new ChartDataError(
      'LARGEST_TOO_SMALL',
      `Without bucket ${buckets[index]} the largest bucket would be ${largest}, below the smallest usable largest bucket (${limits.minLargest}). Move it up first.`,
    );
  }
  return out;
}

/** Where a new bucket goes and how many padded tokens it saves (0 when it was placed in a gap). */
export interface BucketSuggestion {
  length: number;
  savedTokens: number;
}

/**
 * The single new bucket that removes the most padding: inserting c between buckets lo < c < hi pads the
 * items of length (lo, c] to c instead of hi. When no length saves anything (every occurring length is
 * already a bucket), the middle of the widest gap below the largest bucket is offered; null when none.
 */
export function suggestBucket(hist: Histogram, buckets: readonly number[]): BucketSuggestion | null {
  assertSortedBuckets(buckets);
  if (buckets.length === 0) return null;
  const taken = new Set(buckets);
  let best: BucketSuggestion | null = null;
  let b = 0;
  let countSinceBoundary = 0;
  for (let i = 0; i < hist.lengths.length; i++) {
    const length = hist.lengths[i];
    while (b < buckets.length && buckets[b] < length) {
      b++;
      countSinceBoundary = 0;
    }
    if (b >= buckets.length) break;
    countSinceBoundary += hist.counts[i];
    if (taken.has(length)) continue;
    const saved = countSinceBoundary * (buckets[b] - length);
    if (saved > 0 && (best === null || saved > best.savedTokens)) best = { length, savedTokens: saved };
  }
  if (best) return best;
  let gapStart = 0;
  let widest: BucketSuggestion | null = null;
  let widestGap = 1;
  for (const edge of buckets) {
    if (edge - gapStart > widestGap) {
      widestGap = edge - gapStart;
      widest = { length: gapStart + Math.floor((edge - gapStart) / 2), savedTokens: 0 };
    }
    gapStart = edge;
  }
  return widest !== null && widest.length >= 1 && !taken.has(widest.length) ? widest : null;
}

/** Inserts `length` into the sorted list (no-op if present). */
export function insertBucket(buckets: readonly number[], length: number): number[] {
  assertSortedBuckets(buckets);
  if (!Number.isInteger(length) || length < 1) {
    throw new ChartDataError(
      'INVALID_BUCKETS',
      `A bucket of ${String(length)} tokens is not possible: use a positive whole number.`,
    );
  }
  if (buckets.includes(length)) return [...buckets];
  return [...buckets, length].sort((x, y) => x - y);
}
