import { pickBucket2D } from '../routing';
import { OcrError } from './errors';
import type { DetBucket, DetPlan } from './types';

/** PP-OCR's detector downsamples by 32, so every input side must be a multiple of it. */
export const DET_MULTIPLE = 32;

/**
 * Default detector buckets: two wide strips for screenshots of a line or two (without 128 x 960, a
 * 1200 x 60 banner's 64 x 960 would pad into 544 x 960), landscape and 4:3 photo shapes, one portrait
 * shape for phone screenshots, and 960 x 960 as the envelope (PaddleOCR's own default limit is 960 px on
 * the longer side). Users replace these by hand or from their images' sizes.
 */
export const DEFAULT_DET_BUCKETS: readonly DetBucket[] = Object.freeze([
  { h: 128, w: 480 },
  { h: 128, w: 960 },
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
    throw new OcrError(
      'BAD_BUCKETS',
      'No detection buckets were given; add at least one (H, W) pair such as 960 x 960.',
    );
  }
  for (const b of buckets) {
    const ok = (v: unknown) =>
      typeof v === 'number' && Number.isInteger(v) && v >= DET_MULTIPLE && v % DET_MULTIPLE === 0;
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
 * The scale is the largest one (never above 1: small images are not upscaled, as in PaddleOCR; never past
 * `maxSide`) at which the image, with both sides rounded to the nearest multiple of 32 (at least 32), fits
 * some bucket. So a tall image may use a tall bucket instead of shrinking to fit a wide one, and an image
 * whose rounded size equals a bucket (buckets chosen from the images' own sizes) keeps that size. The
 * candidates are the plain limit and, for each bucket, the scale that just fits it; the latter always
 * fits after rounding because bucket sides are multiples of 32 too. The smallest-area bucket covering
 * the result is picked by the routing core's `pickBucket2D`.
 */
export function planDetection(
  size: { width: number; height: number },
  buckets: readonly DetBucket[],
  options: DetPlanOptions = {},
): DetPlan {
  validateDetBuckets(buckets);
  const { width: srcW, height: srcH } = size;
  if (!(Number.isInteger(srcW) && Number.isInteger(srcH) && srcW > 0 && srcH > 0)) {
    throw new OcrError(
      'ZERO_SIZE',
      `Cannot plan detection for an image of ${srcW} x ${srcH}; it needs a positive size.`,
    );
  }
  const maxSide = options.maxSide ?? Infinity;
  if (!(maxSide >= DET_MULTIPLE)) {
    throw new OcrError(
      'BAD_BUCKETS',
      `maxSide ${maxSide} is below ${DET_MULTIPLE}, the smallest side the detector accepts.`,
    );
  }
  const capSide = Math.floor(maxSide / DET_MULTIPLE) * DET_MULTIPLE;
  const roundSide = (v: number) =>
    Math.min(Math.max(DET_MULTIPLE, Math.round(v / DET_MULTIPLE) * DET_MULTIPLE), capSide);
  const limit = Math.min(1, maxSide / Math.max(srcW, srcH));
  const candidates = [limit, ...buckets.map((b) => Math.min(limit, b.h / srcH, b.w / srcW))].sort((a, b) => b - a);
  let scaledW = 0;
  let scaledH = 0;
  for (const scale of candidates) {
    scaledW = roundSide(srcW * scale);
    scaledH = roundSide(srcH * scale);
    if (buckets.some((b) => b.h >= scaledH && b.w >= scaledW)) break;
  }

  const picked = pickBucket2D(
    scaledH,
    scaledW,
    buckets.map((b) => ({ h: b.h, w: b.w })),
  );
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
