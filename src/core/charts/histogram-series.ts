import { bucketIndexFor } from '../routing';
import { ChartDataError } from './errors';

/** One bar of the length histogram: how many items have exactly this many tokens. */
export interface HistogramBar {
  length: number;
  count: number;
  /** Index of the bucket these items are padded to, or -1 when they exceed the largest bucket. */
  bucketIndex: number;
  /** True for the bar at the cap that also holds the items longer than the cap. */
  holdsOverflow: boolean;
}

export interface HistogramSeries {
  /** One bar per length from `first` to `last`, zero-count lengths included, so bars sit on a linear axis. */
  bars: HistogramBar[];
  first: number;
  last: number;
  items: number;
  /** Items longer than the cap, drawn in the bar at the cap. */
  itemsAboveCap: number;
  /** Items longer than the largest bucket: they are truncated or split into windows. */
  itemsAboveLargestBucket: number;
  maxCount: number;
}

export interface HistogramSeriesOptions {
  /** The model's maximum positions: the axis never goes past it. */
  cap: number;
  /** Draw the axis at least this far (e.g. the largest bucket when the drag started), so it stays still. */
  minLast?: number;
}

/** The axis ends a little past the longest item so the last handle has room to move. */
function axisLast(maxLength: number, minLast: number, cap: number): number {
  const wanted = Math.max(maxLength, minLast);
  const headroom = Math.max(4, Math.ceil(wanted * 0.08));
  return Math.min(cap, wanted + headroom);
}

/**
 * The bars of the token-length histogram, coloured by the bucket each length falls in.
 * @throws ChartDataError `NO_LENGTHS` for an empty list, `INVALID_LENGTH` for a non-integer or negative
 *   length, `INVALID_CAP` for a cap below 1.
 */
export function lengthHistogramSeries(
  lengths: readonly number[],
  buckets: readonly number[],
  options: HistogramSeriesOptions,
): HistogramSeries {
  const { cap } = options;
  if (!Number.isInteger(cap) || cap < 1) {
    throw new ChartDataError(
      'INVALID_CAP',
      `The cap is ${String(cap)}: it must be the model's maximum positions, a positive integer.`,
    );
  }
  if (lengths.length === 0) {
    throw new ChartDataError('NO_LENGTHS', 'There are no items to draw: add text, choose a file or the sample set.');
  }
  let maxLength = 0;
  for (let i = 0; i < lengths.length; i++) {
    const value = lengths[i];
    if (!Number.isInteger(value) || value < 0) {
      throw new ChartDataError(
        'INVALID_LENGTH',
        `Length ${String(value)} at position ${i} is not a token count (a non-negative integer).`,
      );
    }
    if (value > maxLength) maxLength = value;
  }
  const first = 1;
  const last = Math.max(first, axisLast(Math.min(maxLength, cap), options.minLast ?? 0, cap));
  const counts = new Array<number>(last - first + 1).fill(0);
  let itemsAboveCap = 0;
  for (const value of lengths) {
    if (value > cap) itemsAboveCap++;
    const clipped = Math.min(Math.max(value, first), cap);
    counts[clipped - first] += 1;
  }
  const largest = buckets.length > 0 ? buckets[buckets.length - 1] : cap;
  let itemsAboveLargestBucket = 0;
  for (const value of lengths) if (value > largest) itemsAboveLargestBucket++;

  let maxCount = 0;
  const bars: HistogramBar[] = counts.map((count, i) => {
    const length = first + i;
    if (count > maxCount) maxCount = count;
    return {
      length,
      count,
      bucketIndex: buckets.length > 0 ? bucketIndexFor(length, buckets) : -1,
      holdsOverflow: length === cap && itemsAboveCap > 0,
    };
  });
  return { bars, first, last, items: lengths.length, itemsAboveCap, itemsAboveLargestBucket, maxCount };
}

/** Bucket colours alternate light and dark hues so neighbouring buckets stay apart on the bars. */
const BUCKET_COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#eeca3b', '#9d755d'];
export const OVERFLOW_COLOUR = '#9e9e9e';

/** Colour of bucket `index`; items above the largest bucket (index -1) are grey. */
export function bucketColour(index: number): string {
  return index < 0 ? OVERFLOW_COLOUR : BUCKET_COLOURS[index % BUCKET_COLOURS.length];
}
