import { RoutingError } from './errors';

/** A 2-D size or bucket in pixels. */
export interface Bucket2D {
  h: number;
  w: number;
}

/** The bucket an image goes to, and the padding to add below and to the right of it. */
export interface Route2D {
  bucket: Bucket2D;
  padBottom: number;
  padRight: number;
}

/**
 * Picks the smallest-area bucket covering both dimensions (ties: the smaller height). Padding goes at
 * the bottom and on the right, so the image keeps its top-left origin and predictions whose position is
 * beyond (h, w) lie in padding and can be dropped.
 * @throws RoutingError `NO_2D_BUCKET_FITS` naming the largest sides available, `INVALID_SIZE_2D` for bad sizes.
 */
export function pickBucket2D(h: number, w: number, buckets: readonly Bucket2D[]): Route2D {
  if (!Number.isInteger(h) || !Number.isInteger(w) || h < 1 || w < 1) {
    throw new RoutingError(
      'INVALID_SIZE_2D',
      `Image size ${String(h)} x ${String(w)} must be positive integers (height x width).`,
    );
  }
  if (!Array.isArray(buckets) || buckets.length === 0) {
    throw new RoutingError('NO_BUCKETS', 'No 2-D buckets given: add at least one (height, width) bucket.');
  }
  let best: Bucket2D | undefined;
  for (const b of buckets) {
    if (!b || !Number.isInteger(b.h) || !Number.isInteger(b.w) || b.h < 1 || b.w < 1) {
      throw new RoutingError('INVALID_SIZE_2D', `Bucket ${JSON.stringify(b)} must have positive integer h and w.`);
    }
    if (b.h < h || b.w < w) continue;
    if (!best || b.h * b.w < best.h * best.w || (b.h * b.w === best.h * best.w && b.h < best.h)) best = b;
  }
  if (!best) {
    const maxH = Math.max(...buckets.map((b) => b.h));
    const maxW = Math.max(...buckets.map((b) => b.w));
    throw new RoutingError(
      'NO_2D_BUCKET_FITS',
      `No bucket covers an image of ${h} x ${w} (height x width); the largest sides available are ${maxH} and ${maxW}. ` +
        'Resize the image down or add a bucket that covers it.',
    );
  }
  return { bucket: { h: best.h, w: best.w }, padBottom: best.h - h, padRight: best.w - w };
}
