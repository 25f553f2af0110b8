import { pickBucket2D, routeLength, RoutingError, type Span } from '../routing';
import { ShapeError } from './errors';

/** What to do with an input larger than the largest bucket (the library's spelling of OverflowPolicy). */
export type Overflow = 'truncate' | 'windows' | 'reject';

/** Where one input of `sizes` (one size per bucketed dimension) goes. */
export type ShapeRoute =
  /** It fits bucket `bucketIndex` as it is. */
  | { kind: 'fit'; bucketIndex: number }
  /** Too large: keep the box [0, keep) and run it in bucket `bucketIndex`. */
  | { kind: 'truncate'; bucketIndex: number; keep: number[] }
  /** Too long (one dimension only): run each window in the largest bucket and merge the outputs. */
  | { kind: 'windows'; bucketIndex: number; windows: Span[] };

/**
 * Checks a bucket list: one entry per bucketed dimension in each bucket, positive integers, no repeats.
 * One-dimensional lists come back ascending (routing needs them sorted).
 */
export function normalizeBuckets(buckets: readonly (number | readonly number[])[], dimCount: number): number[][] {
  if (!Array.isArray(buckets) || buckets.length === 0) {
    throw new ShapeError('BAD_BUCKETS', 'No buckets given: give at least one bucket size, or choose them with `auto`.');
  }
  if (dimCount !== 1 && dimCount !== 2) {
    throw new ShapeError('BAD_BUCKETS', `Bucketing works on one or two dimensions, not ${dimCount}.`);
  }
  const list = buckets.map((b) => (typeof b === 'number' ? [b] : [...b]));
  const seen = new Set<string>();
  for (const b of list) {
    if (b.length !== dimCount || b.some((x) => !Number.isInteger(x) || x < 1)) {
      throw new ShapeError(
        'BAD_BUCKETS',
        `Bucket [${b.join(', ')}] must hold ${dimCount} positive integer size(s), one per bucketed dimension.`,
      );
    }
    const key = b.join('x');
    if (seen.has(key)) throw new ShapeError('BAD_BUCKETS', `Bucket ${key} is listed twice.`);
    seen.add(key);
  }
  if (dimCount === 1) list.sort((a, b) => a[0] - b[0]);
  return list;
}

/**
 * Routes an input to the smallest bucket that holds it: for one dimension the smallest size >= length
 * (`routeLength`), for two the smallest-area bucket covering both sides (`pickBucket2D`). Beyond the
 * largest bucket the overflow policy decides; `windows` needs exactly one bucketed dimension.
 * @param buckets from {@link normalizeBuckets}.
 * @param windowStride step between windows; default half the largest bucket.
 */
export function routeShape(
  sizes: readonly number[],
  buckets: readonly number[][],
  overflow: Overflow,
  windowStride?: number,
): ShapeRoute {
  if (sizes.length === 1) {
    const lengths = buckets.map((b) => b[0]);
    const route = routeLength(
      sizes[0],
      lengths,
      overflow === 'windows' ? 'window' : overflow,
      windowStride === undefined ? {} : { windowStride },
    );
    const bucketIndex = lengths.indexOf(route.bucket);
    if (route.kind === 'fit') return { kind: 'fit', bucketIndex };
    if (route.kind === 'truncate') return { kind: 'truncate', bucketIndex, keep: [route.bucket] };
    return { kind: 'windows', bucketIndex, windows: route.windows };
  }
  if (sizes.length !== 2)
    throw new ShapeError('BAD_BUCKETS', `Bucketing works on one or two dimensions, not ${sizes.length}.`);
  const [h, w] = sizes;
  const as2d = buckets.map((b) => ({ h: b[0], w: b[1] }));
  try {
    const route = pickBucket2D(h, w, as2d);
    return { kind: 'fit', bucketIndex: as2d.findIndex((b) => b.h === route.bucket.h && b.w === route.bucket.w) };
  } catch (err) {
    if (!(err instanceof RoutingError) || err.code !== 'NO_2D_BUCKET_FITS' || overflow === 'reject') throw err;
  }
  if (overflow === 'windows') {
    throw new ShapeError(
      'DOES_NOT_FIT',
      `An input of ${h} x ${w} is larger than every bucket, and windows work on one bucketed dimension only: choose 'truncate' or add a larger bucket.`,
    );
  }
  // Truncate: the bucket that keeps the most of the input (ties: the smaller bucket).
  let best = 0;
  let bestKept = -1;
  as2d.forEach((b, i) => {
    const kept = Math.min(h, b.h) * Math.min(w, b.w);
    if (kept > bestKept || (kept === bestKept && b.h * b.w < as2d[best].h * as2d[best].w)) {
      best = i;
      bestKept = kept;
    }
  });
  return { kind: 'truncate', bucketIndex: best, keep: [Math.min(h, as2d[best].h), Math.min(w, as2d[best].w)] };
}
