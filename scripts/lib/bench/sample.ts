import { mulberry32 } from '../../../src/core/buckets';

/**
 * Picks `count` distinct indices out of `total` with a seeded generator and returns them ascending, so
 * the sampled items keep their order in the file (the arrival order the `dynamic` mode batches in).
 * Asking for at least `total` items returns every index; the same seed always gives the same sample.
 */
export function sampleIndices(total: number, count: number | 'all', seed: number): number[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`total is ${total}: it must be a whole number.`);
  if (count === 'all' || count >= total) return Array.from({ length: total }, (_, i) => i);
  const rng = mulberry32(seed);
  const pool = Array.from({ length: total }, (_, i) => i);
  // A partial Fisher-Yates: only the first `count` positions need to be drawn.
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng() * (total - i));
    const tmp = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = tmp;
  }
  return pool.slice(0, count).sort((a, b) => a - b);
}
