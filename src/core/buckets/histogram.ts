import { BucketError } from './errors';

/**
 * A length distribution: distinct lengths in ascending order with how often each occurs.
 * `counts` are usually integers (items), but may be any non-negative weights, e.g. the probabilities
 * returned by {@link batchMaxDistribution}; every algorithm only needs relative weights.
 */
export interface Histogram {
  lengths: number[];
  counts: number[];
}

/** Dense counting beats sorting while the length range is not much larger than the number of items. */
const DENSE_RANGE_PER_ITEM = 8;
const DENSE_RANGE_FLOOR = 1 << 16;

/**
 * Builds the histogram of a list of lengths (token counts, pixels, ...).
 * @throws BucketError `EMPTY_HISTOGRAM` for an empty list, `INVALID_LENGTH` for a value that is not a
 *   non-negative integer (the message names its position).
 */
export function histogramFromLengths(lengths: ArrayLike<number>): Histogram {
  const n = lengths.length;
  if (n === 0) {
    throw new BucketError('EMPTY_HISTOGRAM', 'No lengths given: bucket selection needs at least one input length.');
  }
  let max = 0;
  for (let i = 0; i < n; i++) {
    const value = lengths[i];
    if (!Number.isInteger(value) || value < 0) {
      throw new BucketError(
        'INVALID_LENGTH',
        `Length at position ${i} is ${String(value)}: lengths must be non-negative integers (token or pixel counts).`,
      );
    }
    if (value > max) max = value;
  }
  if (max <= Math.max(DENSE_RANGE_FLOOR, DENSE_RANGE_PER_ITEM * n)) {
    const dense = new Float64Array(max + 1);
    for (let i = 0; i < n; i++) dense[lengths[i]] += 1;
    const out: Histogram = { lengths: [], counts: [] };
    for (let x = 0; x <= max; x++) {
      if (dense[x] > 0) {
        out.lengths.push(x);
        out.counts.push(dense[x]);
      }
    }
    return out;
  }
  const sorted = Float64Array.from(lengths).sort();
  const out: Histogram = { lengths: [], counts: [] };
  for (let i = 0; i < n; i++) {
    const last = out.lengths.length - 1;
    if (last >= 0 && out.lengths[last] === sorted[i]) out.counts[last] += 1;
    else {
      out.lengths.push(sorted[i]);
      out.counts.push(1);
    }
  }
  return out;
}

/**
 * Checks the shape of a histogram given by a caller (e.g. one the UI loaded from a file).
 * @throws BucketError naming the first offending entry.
 */
export function assertValidHistogram(hist: Histogram): void {
  if (!hist || !Array.isArray(hist.lengths) || !Array.isArray(hist.counts)) {
    throw new BucketError('INVALID_HISTOGRAM', 'A histogram needs two arrays, `lengths` and `counts`.');
  }
  if (hist.lengths.length !== hist.counts.length) {
    throw new BucketError(
      'INVALID_HISTOGRAM',
      `The histogram has ${hist.lengths.length} lengths but ${hist.counts.length} counts: give one count per length.`,
    );
  }
  if (hist.lengths.length === 0) {
    throw new BucketError('EMPTY_HISTOGRAM', 'The histogram is empty: bucket selection needs at least one length.');
  }
  let total = 0;
  for (let i = 0; i < hist.lengths.length; i++) {
    const length = hist.lengths[i];
    if (!Number.isInteger(length) || length < 0) {
      throw new BucketError(
        'INVALID_LENGTH',
        `Histogram length ${String(length)} (entry ${i}) is not a non-negative integer.`,
      );
    }
    if (i > 0 && length <= hist.lengths[i - 1]) {
      throw new BucketError(
        'INVALID_HISTOGRAM',
        `Histogram lengths must be distinct and ascending, but ${length} follows ${hist.lengths[i - 1]} (entry ${i}). ` +
          'Build it with histogramFromLengths().',
      );
    }
    const count = hist.counts[i];
    if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) {
      throw new BucketError(
        'INVALID_COUNT',
        `Count ${String(count)} for length ${length} is not a finite non-negative number.`,
      );
    }
    total += count;
  }
  if (total <= 0) {
    throw new BucketError('EMPTY_HISTOGRAM', 'Every count in the histogram is zero: there is nothing to bucket.');
  }
}

/** Total weight (number of items for a count histogram). */
export function totalCount(hist: Histogram): number {
  let total = 0;
  for (const c of hist.counts) total += c;
  return total;
}

/** Sum of length * count: the real (unpadded) tokens. */
export function totalLength(hist: Histogram): number {
  let total = 0;
  for (let i = 0; i < hist.lengths.length; i++) total += hist.lengths[i] * hist.counts[i];
  return total;
}

/**
 * Folds every length above `cap` into `cap` (those items will be truncated or windowed to the cap) and
 * makes sure `cap` itself is present, with count 0 if no item has that length, so that the largest bucket
 * is always the cap.
 */
export function clipHistogram(hist: Histogram, cap: number): { hist: Histogram; clippedItems: number } {
  const out: Histogram = { lengths: [], counts: [] };
  let atCap = 0;
  let clippedItems = 0;
  for (let i = 0; i < hist.lengths.length; i++) {
    const length = hist.lengths[i];
    if (length < cap) {
      out.lengths.push(length);
      out.counts.push(hist.counts[i]);
    } else {
      atCap += hist.counts[i];
      if (length > cap) clippedItems += hist.counts[i];
    }
  }
  out.lengths.push(cap);
  out.counts.push(atCap);
  return { hist: out, clippedItems };
}
