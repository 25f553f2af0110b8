import { parseDecimal } from '../numbers';
import { BucketError } from './errors';

/** Options of {@link validateBuckets}. */
export interface ValidateOptions {
  /** The model's maximum positions (e.g. 512 for BERT): no bucket may exceed it. */
  maxPositions?: number;
  /**
   * The smallest bucket that can hold an input at all (for BERT: [CLS], one token, [SEP] = 3); see
   * bucketMinimums in core/ner for where the app's figure comes from.
   */
  minBucket?: number;
  /** The smallest usable largest bucket: long texts are windowed to it, and tiny windows give nonsense. */
  minLargest?: number;
}

/**
 * Checks a bucket list typed by a user or loaded from settings, and returns it sorted ascending.
 * Accepts an array of numbers or numeric strings, or one string such as "32, 64 128".
 * @throws BucketError with a distinct code and message for: not a list, empty list, a non-number, a
 *   non-integer, zero, a negative value, a duplicate, a value above `maxPositions`, a value below
 *   `minBucket`, a largest bucket below `minLargest`. Text is read as plain decimal digits only: "0x20"
 *   or "1e3" are refused rather than read as 32 or 1000.
 */
export function validateBuckets(list: unknown, options: ValidateOptions = {}): number[] {
  const entries = toEntries(list);
  if (entries.length === 0) {
    throw new BucketError(
      'EMPTY_BUCKET_LIST',
      'The bucket list is empty: give at least one bucket size, e.g. 32, 64, 128.',
    );
  }
  const seen = new Set<number>();
  const out: number[] = [];
  for (const entry of entries) {
    const value = typeof entry === 'string' ? parseDecimal(entry) : entry;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new BucketError(
        'BUCKET_NOT_A_NUMBER',
        `"${String(entry)}" is not a number: bucket sizes are whole numbers written with the digits 0-9, such as 64.`,
      );
    }
    if (!Number.isInteger(value)) {
      throw new BucketError(
        'BUCKET_NOT_INTEGER',
        `Bucket ${value} is not a whole number: a bucket is a number of tokens or pixels.`,
      );
    }
    if (value === 0) {
      throw new BucketError('BUCKET_ZERO', 'Bucket 0 cannot hold any input: bucket sizes start at 1.');
    }
    if (value < 0) {
      throw new BucketError('BUCKET_NEGATIVE', `Bucket ${value} is negative: bucket sizes are positive.`);
    }
    if (seen.has(value)) {
      throw new BucketError('BUCKET_DUPLICATE', `Bucket ${value} is listed twice: list each bucket size once.`);
    }
    if (options.maxPositions !== undefined && value > options.maxPositions) {
      throw new BucketError(
        'BUCKET_ABOVE_MAX_POSITIONS',
        `Bucket ${value} is larger than the model's maximum of ${options.maxPositions} positions: use ${options.maxPositions} or less.`,
      );
    }
    if (options.minBucket !== undefined && value < options.minBucket) {
      throw new BucketError(
        'BUCKET_TOO_SMALL',
        `Bucket ${value} is too small: an input needs the model's special tokens plus at least one real token. The smallest usable bucket is ${options.minBucket}.`,
      );
    }
    seen.add(value);
    out.push(value);
  }
  out.sort((a, b) => a - b);
  const largest = out[out.length - 1]!;
  if (options.minLargest !== undefined && largest < options.minLargest) {
    throw new BucketError(
      'LARGEST_BUCKET_TOO_SMALL',
      `The largest bucket (${largest}) is too small: longer texts are cut into windows that fit it, and below ${options.minLargest} ` +
        `some words would be read without the words around them. Make the largest bucket at least ${options.minLargest}.`,
    );
  }
  return out;
}

function toEntries(list: unknown): unknown[] {
  if (typeof list === 'string') return list.split(/[\s,;]+/).filter((part) => part !== '');
  if (Array.isArray(list)) return list;
  if (ArrayBuffer.isView(list) && !(list instanceof DataView)) return Array.from(list as unknown as ArrayLike<number>);
  throw new BucketError('NOT_A_LIST', 'Buckets must be a list of sizes, e.g. [32, 64, 128] or "32, 64, 128".');
}
