import { RoutingError } from './errors';

/** What to do with an input longer than the largest bucket. */
export type OverflowPolicy = 'truncate' | 'window' | 'reject';

/** A half-open range [start, end) of positions in a sequence. */
export interface Span {
  start: number;
  end: number;
}

/** Where one input goes. */
export type Route =
  /** It fits: pad it to `bucket`. */
  | { kind: 'fit'; bucket: number; padding: number }
  /** Too long: keep the first `bucket` positions, drop `dropped`. */
  | { kind: 'truncate'; bucket: number; dropped: number }
  /** Too long: run each window in the largest bucket; the caller merges the window results. */
  | { kind: 'window'; bucket: number; windows: Span[] };

/** Options of {@link routeLength}. */
export interface RouteOptions {
  /** Step between window starts for the `window` policy; default half the largest bucket. */
  windowStride?: number;
}

function assertLength(length: number, what = 'Input length'): void {
  if (!Number.isInteger(length) || length < 0) {
    throw new RoutingError('INVALID_LENGTH', `${what} is ${String(length)}: it must be a non-negative integer.`);
  }
}

/** Checks a bucket list is non-empty and ascending; routing trusts it afterwards. */
export function assertAscendingBuckets(buckets: readonly number[]): void {
  if (!Array.isArray(buckets) || buckets.length === 0) {
    throw new RoutingError(
      'NO_BUCKETS',
      'No buckets given: routing needs at least one bucket size (validate the list with validateBuckets).',
    );
  }
  for (let i = 0; i < buckets.length; i++) {
    if (!Number.isInteger(buckets[i]) || buckets[i] < 1 || (i > 0 && buckets[i] <= buckets[i - 1])) {
      throw new RoutingError(
        'NO_BUCKETS',
        `Buckets must be distinct positive integers in ascending order, got [${buckets.join(', ')}]; use validateBuckets to sort them.`,
      );
    }
  }
}

/** Index of the smallest bucket >= length, or -1 when the length exceeds the largest (binary search). */
export function bucketIndexFor(length: number, buckets: readonly number[]): number {
  let lo = 0;
  let hi = buckets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (buckets[mid] < length) lo = mid + 1;
    else hi = mid;
  }
  return lo < buckets.length ? lo : -1;
}

/**
 * Routes an input of `length` to the smallest bucket >= length. Beyond the largest bucket the policy
 * decides: `truncate` keeps the head, `window` splits into overlapping windows of the largest bucket,
 * `reject` throws.
 * @param buckets ascending distinct bucket sizes.
 * @throws RoutingError `TOO_LONG` under `reject`, `INVALID_LENGTH`/`NO_BUCKETS` for bad arguments.
 */
export function routeLength(
  length: number,
  buckets: readonly number[],
  policy: OverflowPolicy = 'reject',
  options: RouteOptions = {},
): Route {
  assertLength(length);
  assertAscendingBuckets(buckets);
  const index = bucketIndexFor(length, buckets);
  if (index >= 0) return { kind: 'fit', bucket: buckets[index], padding: buckets[index] - length };
  const largest = buckets[buckets.length - 1];
  switch (policy) {
    case 'truncate':
      return { kind: 'truncate', bucket: largest, dropped: length - largest };
    case 'window': {
      const stride = options.windowStride ?? Math.max(1, Math.floor(largest / 2));
      return { kind: 'window', bucket: largest, windows: splitIntoWindows(length, largest, stride) };
    }
    case 'reject':
      throw new RoutingError(
        'TOO_LONG',
        `An input of ${length} tokens is longer than the largest bucket (${largest}). ` +
          `Add a bucket of at least ${length}, or choose the 'truncate' or 'window' policy.`,
      );
    default: {
      const unknown: never = policy;
      throw new RoutingError(
        'INVALID_POLICY',
        `Unknown overflow policy "${String(unknown)}": use 'truncate', 'window' or 'reject'.`,
      );
    }
  }
}

/**
 * Splits a sequence of `length` positions into windows of `windowLength` starting every `stride`
 * positions; neighbouring windows overlap by windowLength - stride. The last window ends exactly at
 * `length` (it is shifted left, so it may overlap its neighbour more). A sequence that fits gives one
 * window [0, length).
 * @throws RoutingError `INVALID_WINDOW` when stride < 1 or stride > windowLength (that would skip positions).
 */
export function splitIntoWindows(length: number, windowLength: number, stride: number): Span[] {
  assertLength(length, 'Sequence length');
  if (!Number.isInteger(windowLength) || windowLength < 1) {
    throw new RoutingError('INVALID_WINDOW', `Window length ${String(windowLength)} must be a positive integer.`);
  }
  if (!Number.isInteger(stride) || stride < 1 || stride > windowLength) {
    throw new RoutingError(
      'INVALID_WINDOW',
      `Stride ${String(stride)} must be an integer between 1 and the window length ${windowLength}; a larger stride would skip positions.`,
    );
  }
  if (length <= windowLength) return [{ start: 0, end: length }];
  const windows: Span[] = [];
  const lastStart = length - windowLength;
  for (let start = 0; start < lastStart; start += stride) windows.push({ start, end: start + windowLength });
  windows.push({ start: lastStart, end: length });
  return windows;
}
