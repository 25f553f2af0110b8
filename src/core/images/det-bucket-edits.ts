import { DET_MULTIPLE, envelopeBucket, planDetection, type DetBucket } from '../ocr';
import { ImagesError } from './errors';

/**
 * Largest side a hand-made detector bucket may have. The detector's activations at 2048 x 2048 already
 * take over a gigabyte on WebGPU, and PaddleOCR itself stops at 960 px, so larger inputs only cost memory.
 */
export const MAX_DET_BUCKET_SIDE = 2048;
/** Each bucket is its own session (4.7 MB of weights plus activations and compiled shaders). */
export const MAX_DET_BUCKETS = 16;

/** "H × W", height first, as everywhere in the OCR code. */
export function formatDetBucket(bucket: DetBucket): string {
  return `${bucket.h} × ${bucket.w}`;
}

/** A stable key for a bucket list (equal lists, equal keys), e.g. to tell whether a result is stale. */
export function detBucketsKey(buckets: readonly DetBucket[]): string {
  return buckets.map((b) => `${b.h}x${b.w}`).join(',');
}

/** Sorted by area, then height: the order the editor lists them in and the order routing tries them. */
export function sortDetBuckets(buckets: readonly DetBucket[]): DetBucket[] {
  return [...buckets].map((b) => ({ h: b.h, w: b.w })).sort((a, b) => a.h * a.w - b.h * b.w || a.h - b.h);
}

/**
 * Checks one hand-typed pair of sides. The error suggests the nearest valid value because "a multiple of
 * 32" is easy to miss when typing 500.
 */
export function checkDetBucket(h: number, w: number): DetBucket {
  for (const [name, v] of [
    ['Height', h],
    ['Width', w],
  ] as const) {
    if (!Number.isInteger(v) || v < DET_MULTIPLE || v > MAX_DET_BUCKET_SIDE) {
      throw new ImagesError(
        'BAD_BUCKET_SIDE',
        `${name} ${String(v)} is out of range: use a whole number from ${DET_MULTIPLE} to ${MAX_DET_BUCKET_SIDE}.`,
      );
    }
    if (v % DET_MULTIPLE !== 0) {
      const nearest = Math.min(
        MAX_DET_BUCKET_SIDE,
        Math.max(DET_MULTIPLE, Math.round(v / DET_MULTIPLE) * DET_MULTIPLE),
      );
      throw new ImagesError(
        'BAD_BUCKET_SIDE',
        `${name} ${v} is not a multiple of ${DET_MULTIPLE}, which the text detector needs; try ${nearest}.`,
      );
    }
  }
  return { h, w };
}

/** Reads "480 x 640", "480x640", "480×640" or "480, 640" (height first). */
export function parseDetBucket(text: string): DetBucket {
  const match = /^\s*(\d+)\s*(?:[x×*,]|by)\s*(\d+)\s*$/i.exec(text);
  if (!match) {
    throw new ImagesError(
      'BAD_BUCKET_TEXT',
      `"${text.trim()}" is not a bucket: write height x width, for example 480 x 640.`,
    );
  }
  return checkDetBucket(Number(match[1]), Number(match[2]));
}

/** The list with `bucket` added, sorted; refuses duplicates and lists past {@link MAX_DET_BUCKETS}. */
export function addDetBucket(buckets: readonly DetBucket[], bucket: DetBucket): DetBucket[] {
  const checked = checkDetBucket(bucket.h, bucket.w);
  if (buckets.some((b) => b.h === checked.h && b.w === checked.w)) {
    throw new ImagesError('DUPLICATE_BUCKET', `${formatDetBucket(checked)} is already in the list.`);
  }
  if (buckets.length >= MAX_DET_BUCKETS) {
    throw new ImagesError(
      'TOO_MANY_BUCKETS',
      `At most ${MAX_DET_BUCKETS} detector buckets are allowed (each is its own session); remove one first.`,
    );
  }
  return sortDetBuckets([...buckets, checked]);
}

/** The list without the bucket at `index`; the last bucket cannot go, since every image needs one. */
export function removeDetBucket(buckets: readonly DetBucket[], index: number): DetBucket[] {
  if (!Number.isInteger(index) || index < 0 || index >= buckets.length) {
    throw new ImagesError('INVALID_INDEX', `There is no bucket number ${index + 1} (the list has ${buckets.length}).`);
  }
  if (buckets.length === 1) {
    throw new ImagesError('LAST_BUCKET', 'The last detector bucket cannot be removed: add another one first.');
  }
  return buckets.filter((_, i) => i !== index);
}

/** How a bucket list serves a set of images, as the editor shows it before anything runs. */
export interface DetBucketUsage {
  /** Per bucket, in list order: how many images it would serve and their padding share in it. */
  perBucket: { bucket: DetBucket; images: number; paddingShare: number }[];
  /** Over all images, bucketed: 1 - content area / bucket area. */
  paddingShare: number;
  /** The same images all padded to the envelope bucket (the pad-to-max baseline). */
  padToMaxShare: number;
  /** Bucket area the detector computes over, summed, bucketed and padded to the envelope. */
  paddedArea: number;
  padToMaxArea: number;
}

/**
 * Predicts, with the same planning the worker uses (planDetection), which bucket each image goes to and
 * how much of the detector's input is padding, in both modes. `images` are the sizes passed to OCR.
 */
export function detBucketUsage(
  images: readonly { width: number; height: number }[],
  buckets: readonly DetBucket[],
): DetBucketUsage {
  const envelope = envelopeBucket(buckets);
  const perBucket = buckets.map((bucket) => ({ bucket: { h: bucket.h, w: bucket.w }, images: 0, real: 0, padded: 0 }));
  let real = 0;
  let padded = 0;
  let envelopeReal = 0;
  let envelopePadded = 0;
  for (const image of images) {
    const plan = planDetection(image, buckets);
    const content = plan.scaledW * plan.scaledH;
    const area = plan.bucket.h * plan.bucket.w;
    const entry = perBucket.find((e) => e.bucket.h === plan.bucket.h && e.bucket.w === plan.bucket.w);
    if (entry) {
      entry.images += 1;
      entry.real += content;
      entry.padded += area;
    }
    real += content;
    padded += area;
    // Pad-to-max may scale differently: an image too big for a smaller bucket keeps more pixels here.
    const wide = planDetection(image, [envelope]);
    envelopeReal += wide.scaledW * wide.scaledH;
    envelopePadded += envelope.h * envelope.w;
  }
  const share = (r: number, p: number) => (p === 0 ? 0 : 1 - r / p);
  return {
    perBucket: perBucket.map((e) => ({ bucket: e.bucket, images: e.images, paddingShare: share(e.real, e.padded) })),
    paddingShare: share(real, padded),
    padToMaxShare: share(envelopeReal, envelopePadded),
    paddedArea: padded,
    padToMaxArea: envelopePadded,
  };
}
