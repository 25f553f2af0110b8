/**
 * The length the model sees when items are batched: a batch is padded to its longest row, so what
 * matters for bucketing is the distribution of the maximum of n lengths, not of single lengths
 * (Habana's study, "Shape Distribution Under Aggregating Functions"). It has a higher mean and a lower
 * variance than the item distribution, and buckets chosen on it differ.
 */
import { BucketError } from './errors';
import { type Histogram, assertValidHistogram, histogramFromLengths, totalCount } from './histogram';
import { shuffleInPlace } from './random';

function assertBatchSize(n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new BucketError('INVALID_BATCH_SIZE', `Batch size ${String(n)} must be a positive integer.`);
  }
}

/**
 * Analytic distribution of the longest length in a batch of n items drawn independently from `hist`:
 * P(max <= x) = F(x)^n, so P(max = x_i) = F(x_i)^n - F(x_(i-1))^n (discrete order statistic).
 * @returns a histogram over the same lengths whose counts are probabilities summing to 1.
 */
export function batchMaxDistribution(hist: Histogram, n: number): Histogram {
  assertValidHistogram(hist);
  assertBatchSize(n);
  const total = totalCount(hist);
  const counts: number[] = [];
  let cumulative = 0;
  let previousPower = 0;
  for (let i = 0; i < hist.lengths.length; i++) {
    cumulative += hist.counts[i];
    // The last F is exactly 1; forcing it avoids a total of 0.9999999 from rounding.
    const F = i === hist.lengths.length - 1 ? 1 : Math.min(1, cumulative / total);
    const power = Math.pow(F, n);
    counts.push(Math.max(0, power - previousPower));
    previousPower = power;
  }
  return { lengths: [...hist.lengths], counts };
}

/** Options of {@link sampleBatchMaxDistribution}. */
export interface SampleOptions {
  /** Passes over the data, each with a fresh shuffle (more passes, smoother estimate). Default 1. */
  epochs?: number;
  /** Drop the last partial batch of each pass, as it holds fewer than n items. Default true. */
  dropLast?: boolean;
}

/**
 * Empirical distribution of the longest length per batch, by shuffling the items and cutting them into
 * batches of n like a shuffled data loader. Batches are drawn without replacement, so it approaches
 * {@link batchMaxDistribution} as the data set grows.
 * @param rng a seeded generator such as `mulberry32(seed)` for reproducible results.
 * @returns a histogram over the distinct lengths of `lengths`, counts are probabilities.
 */
export function sampleBatchMaxDistribution(
  lengths: ArrayLike<number>,
  n: number,
  rng: () => number,
  options: SampleOptions = {},
): Histogram {
  assertBatchSize(n);
  const base = histogramFromLengths(lengths);
  const epochs = options.epochs ?? 1;
  const dropLast = options.dropLast ?? true;
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw new BucketError('INVALID_BATCH_SIZE', `epochs is ${String(epochs)}: it must be a positive integer.`);
  }
  if (dropLast && lengths.length < n) {
    throw new BucketError(
      'INVALID_BATCH_SIZE',
      `Only ${lengths.length} lengths for batches of ${n}: no full batch can be formed. Lower the batch size or pass dropLast: false.`,
    );
  }
  const index = new Map<number, number>();
  base.lengths.forEach((x, i) => index.set(x, i));
  const counts = new Float64Array(base.lengths.length);
  const order = Float64Array.from(lengths);
  let batches = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, rng);
    for (let start = 0; start < order.length; start += n) {
      const end = Math.min(order.length, start + n);
      if (dropLast && end - start < n) break;
      let max = order[start];
      for (let i = start + 1; i < end; i++) if (order[i] > max) max = order[i];
      counts[index.get(max) as number] += 1;
      batches++;
    }
  }
  return { lengths: base.lengths, counts: Array.from(counts, (c) => c / batches) };
}

/**
 * Total variation distance between two distributions (each normalised to sum 1): half the sum of
 * absolute differences over the union of their lengths; 0 means identical, 1 disjoint.
 */
export function totalVariation(p: Histogram, q: Histogram): number {
  const pTotal = totalCount(p);
  const qTotal = totalCount(q);
  const merged = new Map<number, number>();
  p.lengths.forEach((x, i) => merged.set(x, p.counts[i] / pTotal));
  q.lengths.forEach((x, i) => merged.set(x, (merged.get(x) ?? 0) - q.counts[i] / qTotal));
  let sum = 0;
  for (const d of merged.values()) sum += Math.abs(d);
  return sum / 2;
}
