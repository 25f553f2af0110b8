import {
  BUCKET_ALGORITHMS,
  type BucketAlgorithm,
  histogramFromLengths,
  selectBuckets,
} from '../../../src/core/buckets';
import { BenchError } from './errors';

/**
 * How the user asked for buckets: an explicit list, whose last entry may be `max` (the longest item of
 * the sample, as in the DeepSparse guide's `buckets.append(max_token_len)`), or `auto:<algorithm>:<k>`,
 * chosen from the token lengths of the very items that will be benchmarked.
 */
export type BucketSpec =
  { kind: 'explicit'; sizes: number[]; withMax: boolean } | { kind: 'auto'; algorithm: BucketAlgorithm; k: number };

/** Which length distribution `auto` selects on; `batch-max` is the longest item of each batch. */
export type BucketDistribution = 'items' | 'batch-max';

const AUTO_FORM = 'auto:<algorithm>:<k>, e.g. auto:optimal:4';

export function parseBucketSpec(text: string): BucketSpec {
  const spec = text.trim();
  if (spec.startsWith('auto')) {
    const parts = spec.split(':');
    if (parts.length !== 3 || parts[0] !== 'auto') {
      throw new BenchError('BAD_BUCKETS', `--buckets "${text}" is not of the form ${AUTO_FORM}.`);
    }
    const algorithm = parts[1]!;
    const known = BUCKET_ALGORITHMS.map((a) => a.id);
    if (!known.includes(algorithm as BucketAlgorithm)) {
      throw new BenchError(
        'BAD_BUCKETS',
        `--buckets: unknown algorithm "${algorithm}"; choose one of ${known.join(', ')}.`,
      );
    }
    const k = Number(parts[2]);
    if (!Number.isInteger(k) || k < 1 || parts[2]!.trim() === '') {
      throw new BenchError(
        'BAD_BUCKETS',
        `--buckets: k is "${parts[2]}"; it must be a whole number of at least 1 (${AUTO_FORM}).`,
      );
    }
    return { kind: 'auto', algorithm: algorithm as BucketAlgorithm, k };
  }
  const entries = spec.split(',').map((s) => s.trim());
  if (entries.length === 0 || entries.some((e) => e === '')) {
    throw new BenchError(
      'BAD_BUCKETS',
      `--buckets "${text}" has an empty entry; give ascending sizes such as 15,35,55,75,max or ${AUTO_FORM}.`,
    );
  }
  const withMax = entries[entries.length - 1] === 'max';
  const numeric = withMax ? entries.slice(0, -1) : entries;
  const sizes: number[] = [];
  for (const entry of numeric) {
    if (entry === 'max') {
      throw new BenchError('BAD_BUCKETS', `--buckets "${text}": "max" may only be the last entry.`);
    }
    const value = Number(entry);
    if (!Number.isInteger(value) || value < 1) {
      throw new BenchError('BAD_BUCKETS', `--buckets "${text}": "${entry}" is not a positive whole number of tokens.`);
    }
    if (sizes.length > 0 && value <= sizes[sizes.length - 1]!) {
      throw new BenchError(
        'BAD_BUCKETS',
        `--buckets "${text}": sizes must be strictly ascending (${value} follows ${sizes[sizes.length - 1]}).`,
      );
    }
    sizes.push(value);
  }
  return { kind: 'explicit', sizes, withMax };
}

export function formatBucketSpec(spec: BucketSpec): string {
  if (spec.kind === 'auto') return `auto:${spec.algorithm}:${spec.k}`;
  return [...spec.sizes.map(String), ...(spec.withMax ? ['max'] : [])].join(',');
}

export interface ResolveOptions {
  /** Token length of every benchmarked item, special tokens included. */
  lengths: number[];
  batchSize: number;
  /** The model's maximum positions: no bucket may exceed it, longer items are truncated to it. */
  maxPositions: number;
  distribution: BucketDistribution;
}

export interface ResolvedBuckets {
  buckets: number[];
  /** How the list was obtained, in words, for the report. */
  source: string;
  /** Plain-word remarks: truncation, clipping, what the selector noted. */
  notes: string[];
  /** Items longer than the largest bucket (the worker truncates them). */
  truncatedItems: number;
}

/** Turns a spec into the concrete ascending bucket list for these items, explaining every adjustment. */
export function resolveBuckets(spec: BucketSpec, options: ResolveOptions): ResolvedBuckets {
  const { lengths, batchSize, maxPositions } = options;
  if (lengths.length === 0) throw new BenchError('EMPTY_DATASET', 'There are no items to choose buckets for.');
  const longest = Math.min(maxPositions, Math.max(...lengths));
  const notes: string[] = [];
  let buckets: number[];
  let source: string;
  if (spec.kind === 'explicit') {
    const tooBig = spec.sizes.filter((s) => s > maxPositions);
    if (tooBig.length > 0) {
      throw new BenchError(
        'BAD_BUCKETS',
        `--buckets: ${tooBig.join(', ')} exceed the model's maximum positions (${maxPositions}).`,
      );
    }
    buckets = [...spec.sizes];
    if (spec.withMax) {
      if (buckets.length > 0 && buckets[buckets.length - 1]! >= longest) {
        notes.push(
          `"max" (the longest item, ${longest} tokens) is not above ${buckets[buckets.length - 1]}, so it adds no bucket.`,
        );
      } else {
        buckets.push(longest);
      }
    }
    source = `explicit ${formatBucketSpec(spec)}${spec.withMax ? ` (max = ${longest} tokens, the longest item)` : ''}`;
  } else {
    const onBatches = options.distribution === 'batch-max' && batchSize > 1;
    // Clipping here rather than passing `cap` keeps the top bucket at the longest item: selectBuckets
    // always ends at its cap, which would pad pad-to-max to the model's maximum positions.
    const clipped = lengths.map((x) => Math.min(x, maxPositions));
    const selection = selectBuckets(histogramFromLengths(clipped), {
      algorithm: spec.algorithm,
      k: spec.k,
      ...(onBatches ? { batchSize } : {}),
    });
    buckets = selection.buckets;
    notes.push(...selection.notes);
    const on = onBatches
      ? `the longest item of each batch of ${batchSize} (batched distribution)`
      : 'the item length distribution';
    source = `${spec.algorithm} with k = ${spec.k} on ${on}`;
  }
  const largest = buckets[buckets.length - 1]!;
  const truncatedItems = lengths.filter((x) => x > largest).length;
  if (truncatedItems > 0) {
    notes.push(
      `${truncatedItems} item(s) longer than the largest bucket (${largest} tokens) are truncated to it in every mode.`,
    );
  }
  return { buckets, source, notes, truncatedItems };
}
