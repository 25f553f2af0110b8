import { describe, expect, it } from 'vitest';
import { bruteForceCombinations, bruteForcePartition } from './bruteForce';

describe('bruteForcePartition', () => {
  // Lengths 1..4 with unit cost = length: items pad up to their group's last length.
  const counts = [4, 1, 1, 4];
  const unit = [1, 2, 3, 4];

  it('k = 1 pads everything to the largest length', () => {
    expect(bruteForcePartition(counts, unit, 1)).toEqual({ ends: [3], cost: 40 });
  });

  it('finds the cheapest set of group ends, checked by hand for k = 2', () => {
    // Ends {0, 3}: 4*1 + (1+1+4)*4 = 28; {1, 3}: 5*2 + 5*4 = 30; {2, 3}: 6*3 + 4*4 = 34.
    expect(bruteForcePartition(counts, unit, 2)).toEqual({ ends: [0, 3], cost: 28 });
  });

  it('with k at least the number of lengths, every length is its own bucket', () => {
    expect(bruteForcePartition(counts, unit, 9).cost).toBe(4 * 1 + 1 * 2 + 1 * 3 + 4 * 4);
  });

  it('refuses a search larger than the limit, naming the count and the fast alternative', () => {
    expect(bruteForceCombinations(4, 2)).toBe(4);
    expect(() => bruteForcePartition(counts, unit, 2, 3)).toThrow(
      expect.objectContaining({ code: 'TOO_MANY_COMBINATIONS' }),
    );
    expect(() => bruteForcePartition(counts, unit, 2, 3)).toThrow(/'optimal'/);
  });
});
