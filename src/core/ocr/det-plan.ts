import { pickBucket2D } from '../routing';
import { OcrError } from './errors';
import type { DetBucket, DetPlan } from './types';

/** PP-OCR's detector downsamples by 32, so every input side must be a multiple of it. */
export const DET_MULTIPLE = 32;

/**
 * Default detector buckets: wide strips for screenshots of a line or two, landscape and 4:3 photo shapes,
 * one portrait shape for phone screenshots, and 960 x 960 as the envelope (PaddleOCR's own default limit
 * is 960 px on the longer side). Users replace these by hand or from their images' sizes.
 */
export const DEFAULT_DET_BUCKETS: readonly DetBucket[] = Object.freeze([
  { h: 128, w: 480 },
  { h: 256, w: 640 },
  { h: 480, w: 640 },
  { h: 544, w: 960 },
  { h: 736, w: 960 },
  { h: 960, w: 544 },
  { h: 960, w: 960 },
]);

export interface DetPlanOptions {
  /** Extra cap on the longer scaled side; the buckets already bound it. */
  maxSide?: number;
}

/** Refuses bucket lists the detector cannot run: empty, non-integer, or sides not multiples of 32. */
export function validateDetBuckets(buckets: readonly DetBucket[]): void {
  if (!Array.isArray(buckets) || buckets.length === 0) {
    throw new OcrError('BAD_BUCKETS', 'No detection buckets were given; add at least one (H, W) pair such as 960 x 960.');
  }
  for (const b of buckets) {
    const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= DET_MULTIPLE && v % DET_MULTIPLE === 0;
    if (!ok(b?.h) || !ok(b?.w)) {
      throw new OcrError(
        'BAD_BUCKETS',
        `Detection bucket ${JSON.stringify(b)} is invalid: height and width must be multiples of ${DET_MULTIPLE} (32, 64, ..., 960).`,
      );
    }
  }
}

/**
 * The single shape that covers every bucket (max height x max width). It is the "pad everything to the
 * largest bucket" baseline; for the usual nested bucket lists it is the largest bucket itself.
 */
export function envelopeBucket(buckets: readonly DetBucket[]): DetBucket {
  validateDetBuckets(buckets);
  return {
    h: Math.max(...buckets.map((b) => b.h)),
    w: Math.max(...buckets.map((b) => b.w)),
  };
}

/**
 * Plans how an image of `size` goes through the detector.
 *
 * The scale is the largest one (never above 1: small images are not upscaled, as in PaddleOCR) at which the
 * image fits at least one bucket, so a tall image may use a tall bucket instead of shrinking to fit a wide
 * one. Both sides are then rounded to the nearest multiple of 32 (at least 32); rounding to the nearest
 * cannot leave the bucket that fitted before rounding because bucket sides are multiples of 32 too. The
 * smallest-area bucket that covers the rounded size is picked by the routing core's `pickBucket2D`.
 */
export function planDetection(
  size: { width: number; height: number },
  buckets: readonly DetBucket[],
  options: DetPlanOptions = {},
): DetPlan {
  validateDetBuckets(buckets);
  const { width: srcW, height: srcH } = size;
  if (!(Number.isInteger(srcW) && Number.isInteger(srcH) && srcW > 0 && srcH > 0)) {
    throw new OcrError('ZERO_SIZE', `Cannot plan detection for an image of ${srcW} x ${srcH}; it needs a positive size.`);
  }
  const maxSide = options.maxSide ?? Infinity;
  if (!(maxSide >= DET_MULTIPLE)) {
    throw new OcrError('BAD_BUCKETS', `maxSide ${maxSide} is below ${DET_MULTIPLE}, the smallest side the detector accepts.`);
  }
  const bestFit = Math.max(...buckets.map((b) => Math.min(b.h / srcH, b.w / srcW)));
  const scale = Math.min(1, bestFit, maxSide / Math.max(srcW, srcH));
  const roundSide = (v: number, cap: number) =>
    Math.min(Math.max(DET_MULTIPLE, Math.round(v / DET_MULTIPLE) * DET_MULTIPLE), Math.max(DET_MULTIPLE, cap));
  const capSide = Math.floor(maxSide / DET_MULTIPLE) * DET_MULTIPLE;
  const scaledW = roundSide(srcW * scale, capSide);
  const scaledH = roundSide(srcH * scale, capSide);

  const picked = pickBucket2D(scaledH, scaledW, buckets.map((b) => ({ h: b.h, w: b.w })));
  const bucket = { h: picked.bucket.h, w: picked.bucket.w };
  return {
    srcW,
    srcH,
    scaledW,
    scaledH,
    scaleX: scaledW / srcW,
    scaleY: scaledH / srcH,
    bucket,
    padRight: bucket.w - scaledW,
    padBottom: bucket.h - scaledH,
    paddingShare: 1 - (scaledW * scaledH) / (bucket.w * bucket.h),
  };
}
