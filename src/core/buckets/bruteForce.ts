import { BucketError } from './errors';
import type { Partition } from './optimal';

/** Default ceiling on bucket sets tried, about a second of work. */
export const DEFAULT_MAX_COMBINATIONS = 5_000_000;

/** Number of bucket sets brute force would try: sum over j < k of C(n-1, j). */
export function bruteForceCombinations(distinctLengths: number, k: number): number {
  const free = distinctLengths - 1;
  let total = 0;
  let binomial = 1;
  for (let j = 0; j <= Math.min(k - 1, free); j++) {
    total += binomial;
    binomial = (binomial * (free - j)) / (j + 1);
  }
  return Math.round(total);
}

/**
 * Exhaustive search over every set of at most k buckets drawn from the distinct lengths (the largest
 * always included), like the brute-force search of Habana's study. It makes no assumption about the cost
 * function, which is what makes it a trustworthy reference for `optimal` on small inputs.
 * @throws BucketError `TOO_MANY_COMBINATIONS` when the search would exceed `maxCombinations`.
 */
export function bruteForcePartition(
  counts: ArrayLike<number>,
  unitCost: ArrayLike<number>,
  k: number,
  maxCombinations = DEFAULT_MAX_COMBINATIONS,
): Partition {
  const n = counts.length;
  const combinations = bruteForceCombinations(n, k);
  if (combinations > maxCombinations) {
    throw new BucketError(
      'TOO_MANY_COMBINATIONS',
      `bruteForce would try ${combinations.toExponential(2)} bucket sets (${n} distinct lengths, k = ${k}), ` +
        `more than the limit of ${maxCombinations}. Use 'optimal', which finds the same minimum exactly in O(k n log n).`,
    );
  }
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + counts[i];
  const groupCost = (start: number, end: number): number => unitCost[end] * (prefix[end + 1] - prefix[start]);

  let bestCost = Infinity;
  let bestEnds: number[] = [];
  const ends: number[] = [];
  // Depth-first over the next group end; the cost so far is carried down so each set costs O(1).
  const visit = (start: number, costSoFar: number): void => {
    const closing = costSoFar + groupCost(start, n - 1);
    if (closing < bestCost) {
      bestCost = closing;
      bestEnds = [...ends, n - 1];
    }
    if (ends.length + 1 >= k) return;
    for (let end = start; end < n - 1; end++) {
      ends.push(end);
      visit(end + 1, costSoFar + groupCost(start, end));
      ends.pop();
    }
  };
  visit(0, 0);
  return { ends: bestEnds, cost: bestCost };
}
