/**
 * The fast heuristics of Habana's bucketing study, computed from a histogram. Each returns candidate
 * bucket sizes (possibly unsorted, repeated or fractional); `selectBuckets` rounds them up, removes
 * repeats and makes sure the largest length closes the list. None of them looks at the padding it
 * causes, which is why `optimal` beats them all.
 */
import type { Histogram } from './histogram';
import { totalCount } from './histogram';

/** Pad everything to the largest length: one bucket, one compiled shape. */
export function constantBuckets(hist: Histogram): number[] {
  return [hist.lengths[hist.lengths.length - 1]];
}

/** k edges evenly spaced between the smallest and the largest length (the first edge is one step up). */
export function uniformBuckets(hist: Histogram, k: number): number[] {
  const low = hist.lengths[0];
  const high = hist.lengths[hist.lengths.length - 1];
  const step = (high - low) / k;
  const out: number[] = [];
  for (let i = 1; i <= k; i++) out.push(low + step * i);
  return out;
}

/**
 * Buckets at the 1/k, 2/k, ... quantiles, so each bucket receives about the same number of items.
 * The quantile is the smallest length whose cumulative weight reaches q of the total (it works for
 * fractional weights too); on Habana's worked example it matches numpy's 'lower' percentile.
 */
export function percentileBuckets(hist: Histogram, k: number): number[] {
  const total = totalCount(hist);
  const out: number[] = [];
  let cumulative = 0;
  let i = 0;
  for (let q = 1; q < k; q++) {
    // The tolerance keeps q * total = exact cumulative weight from skipping a length through rounding.
    const target = (total * q) / k - total * 1e-12;
    while (i < hist.lengths.length - 1 && cumulative + hist.counts[i] < target) {
      cumulative += hist.counts[i];
      i++;
    }
    out.push(hist.lengths[i]);
  }
  // The last quantile is the largest length, or the cap when one was added with no items at it.
  out.push(hist.lengths[hist.lengths.length - 1]);
  return out;
}

/**
 * Geometric progression from the smallest length (at least 1) to the largest: a constant ratio between
 * neighbouring buckets, so relative padding is bounded by that ratio. With lengths 1..2^k it gives the
 * powers of two 2, 4, ..., 2^k.
 */
export function exponentialBuckets(hist: Histogram, k: number): number[] {
  const low = Math.max(1, hist.lengths[0]);
  const high = Math.max(1, hist.lengths[hist.lengths.length - 1]);
  const ratio = Math.pow(high / low, 1 / k);
  const out: number[] = [];
  for (let i = 1; i <= k; i++) out.push(low * Math.pow(ratio, i));
  return out;
}

/** Options of {@link lloydMaxBuckets}. */
export interface LloydMaxOptions {
  /** Iterations at most (Habana's default is 20). */
  maxSteps?: number;
}

/**
 * Lloyd-Max quantiser on the length distribution, as proposed in Habana's study: start from uniform
 * representatives, then alternate "thresholds halfway between neighbouring representatives" and
 * "each representative is the mean length of its cell" until the thresholds stop moving. Each cell
 * becomes a bucket at its largest length. It minimises squared distance to the cell mean, not padding,
 * so it is good but not optimal. Habana fits a cubic spline to the histogram; the discrete histogram is
 * used here directly, which is the exact distribution.
 */
export function lloydMaxBuckets(hist: Histogram, k: number, options: LloydMaxOptions = {}): number[] {
  const maxSteps = options.maxSteps ?? 20;
  const { lengths, counts } = hist;
  const n = lengths.length;
  const representatives = uniformBuckets(hist, k);
  const thresholds = new Float64Array(k - 1);
  const updateThresholds = (): boolean => {
    let moved = false;
    for (let i = 0; i < k - 1; i++) {
      const next = (representatives[i] + representatives[i + 1]) / 2;
      if (Math.abs(next - thresholds[i]) > 1e-9) moved = true;
      thresholds[i] = next;
    }
    return moved;
  };
  updateThresholds();
  for (let step = 0; step < maxSteps; step++) {
    let cell = 0;
    let weight = 0;
    let weighted = 0;
    const flush = (): void => {
      if (weight > 0) representatives[cell] = weighted / weight;
      weight = 0;
      weighted = 0;
    };
    for (let i = 0; i < n; i++) {
      while (cell < k - 1 && lengths[i] > thresholds[cell]) {
        flush();
        cell++;
      }
      weight += counts[i];
      weighted += counts[i] * lengths[i];
    }
    flush();
    // Representatives stay ordered because each is the mean of a cell lying between its thresholds.
    if (!updateThresholds()) break;
  }
  const out: number[] = [];
  let cell = 0;
  let cellMax = -1;
  for (let i = 0; i < n; i++) {
    while (cell < k - 1 && lengths[i] > thresholds[cell]) {
      if (cellMax >= 0) out.push(cellMax);
      cellMax = -1;
      cell++;
    }
    if (counts[i] > 0) cellMax = lengths[i];
  }
  // The last cell always ends at the largest length (or the cap), whatever its items need.
  out.push(lengths[n - 1]);
  return out;
}
