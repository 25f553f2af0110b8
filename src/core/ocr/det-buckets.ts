import { select2DBuckets, type Selection2D } from '../buckets';
import { DET_MULTIPLE, planDetection } from './det-plan';
import type { DetBucket } from './types';

/** PaddleOCR's default limit for the detector's longer side. */
export const DEFAULT_DET_MAX_SIDE = 960;

/**
 * The size an image takes in the detector when nothing but `maxSide` limits it: scaled down so its longer
 * side is at most maxSide, sides rounded to multiples of 32. This is the size a bucket must cover for the
 * image to be run without extra shrinking, so it is what bucket selection should see, not the raw size.
 */
export function detectionSize(size: { width: number; height: number }, maxSide = DEFAULT_DET_MAX_SIDE): DetBucket {
  const side = Math.max(DET_MULTIPLE, Math.floor(maxSide / DET_MULTIPLE) * DET_MULTIPLE);
  const plan = planDetection(size, [{ h: side, w: side }], { maxSide });
  return { h: plan.scaledH, w: plan.scaledW };
}

export interface DetBucketChoice extends Selection2D {
  /** The images' detector sizes the buckets were chosen for, in input order. */
  sizes: DetBucket[];
  /** 1 - real / padded area over those images. */
  paddingShare: number;
}

/**
 * Chooses up to k detector buckets for the images a user loaded: each image is mapped to its detector
 * size (detectionSize) and the routing core's select2DBuckets picks (H, W) pairs minimising the total
 * padded area over them (exact search over candidate pairs built from the sizes when that is small,
 * otherwise greedy additions improved by swaps; see select2DBuckets). With these buckets, planDetection
 * runs each of these images at its detector size in the smallest bucket that covers it.
 */
export function chooseDetBuckets(
  images: readonly { width: number; height: number }[],
  k: number,
  maxSide = DEFAULT_DET_MAX_SIDE,
): DetBucketChoice {
  const sizes = images.map((img) => detectionSize(img, maxSide));
  const selection = select2DBuckets(sizes, k, { multipleOf: DET_MULTIPLE });
  return {
    ...selection,
    sizes,
    paddingShare: selection.paddedArea === 0 ? 0 : 1 - selection.realArea / selection.paddedArea,
  };
}
