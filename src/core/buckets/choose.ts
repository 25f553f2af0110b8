import { histogramFromLengths } from './histogram';
import { type SelectOptions, type Selection, selectBuckets } from './select';
import { type Select2DOptions, type Selection2D, type Size2D, select2DBuckets } from './select2d';

/**
 * Buckets from sample lengths (what a caller has, rather than a histogram): `selectBuckets` on their
 * histogram, with any of its algorithms.
 */
export function chooseBuckets(sampleLengths: ArrayLike<number>, options: SelectOptions): Selection {
  return selectBuckets(histogramFromLengths(sampleLengths), options);
}

/** Two-dimensional buckets (height x width) from sample sizes: `select2DBuckets`. */
export function chooseBuckets2D(sampleSizes: readonly Size2D[], k: number, options: Select2DOptions = {}): Selection2D {
  return select2DBuckets(sampleSizes, k, options);
}
