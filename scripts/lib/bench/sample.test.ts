import { describe, expect, it } from 'vitest';
import { sampleIndices } from './sample';

describe('sampleIndices', () => {
  it('gives count distinct ascending indices in range, the same for the same seed', () => {
    for (const [total, count, seed] of [
      [3394, 512, 17],
      [100, 99, 1],
      [10, 1, 5],
    ] as const) {
      const a = sampleIndices(total, count, seed);
      expect(a).toHaveLength(count);
      expect(new Set(a).size).toBe(count);
      expect(a.every((i) => Number.isInteger(i) && i >= 0 && i < total)).toBe(true);
      expect([...a].sort((x, y) => x - y)).toEqual(a);
      expect(sampleIndices(total, count, seed)).toEqual(a);
    }
  });

  it('differs between seeds', () => {
    expect(sampleIndices(3394, 64, 1)).not.toEqual(sampleIndices(3394, 64, 2));
  });

  it('returns every index in order for "all" or a count of at least the total', () => {
    expect(sampleIndices(5, 'all', 1)).toEqual([0, 1, 2, 3, 4]);
    expect(sampleIndices(5, 9, 1)).toEqual([0, 1, 2, 3, 4]);
    expect(sampleIndices(0, 3, 1)).toEqual([]);
  });

  it('spreads the sample over the whole range rather than taking a prefix', () => {
    const a = sampleIndices(10_000, 1000, 17);
    const inLastHalf = a.filter((i) => i >= 5000).length;
    expect(inLastHalf).toBeGreaterThan(400);
    expect(inLastHalf).toBeLessThan(600);
  });
});
