import { BucketError } from './errors';

/** Options of {@link validateBuckets}. */
export interface ValidateOptions {
  /** The model's maximum positions (e.g. 512 for BERT): no bucket may exceed it. */
  maxPositions?: number;
}

/**
 * Checks a bucket list typed by a user or loaded from settings, and returns it sorted ascending.
 * Accepts an array of numbers or numeric strings, or one string such as "32, 64 128".
 * @throws BucketError with a distinct code and message for: not a list, empty list, a non-number, a
 *   non-integer, zero, a negative value, a duplicate, a value above `maxPositions`.
 */
export function validateBuckets(list: unknown, options: ValidateOptions = {}): number[] {
  const entries = toEntries(list);
  if (entries.length === 0) {
    throw new BucketError('EMPTY_BUCKET_LIST', 'The bucket list is empty: give at least one bucket size, e.g. 32, 64, 128.');
  }
  const seen = new Set<number>();
  const out: number[] = [];
  for (const entry of entries) {
    const value = typeof entry === 'string' && entry.trim() !== '' ? Number(entry) : entry;
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new BucketError('BUCKET_NOT_A_NUMBER', `"${String(entry)}" is not a number: bucket sizes are whole numbers such as 64.`);
    }
    if (!Number.isInteger(value)) {
      throw new BucketError('BUCKET_NOT_INTEGER', `Bucket ${value} is not a whole number: a bucket is a number of tokens or pixels.`);
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
    seen.add(value);
    out.push(value);
  }
  return out.sort((a, b) => a - b);
}

function toEntries(list: unknown): unknown[] {
  if (typeof list === 'string') return list.split(/[\s,;]+/).filter((part) => part !== '');
  if (Array.isArray(list)) return list;
  if (ArrayBuffer.isView(list) && !(list instanceof DataView)) return Array.from(list as unknown as ArrayLike<number>);
  throw new BucketError('NOT_A_LIST', 'Buckets must be a list of sizes, e.g. [32, 64, 128] or "32, 64, 128".');
}
