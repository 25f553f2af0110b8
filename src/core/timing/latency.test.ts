import { describe, expect, it } from 'vitest';
import { percentile, perItemLatencies, summarizeLatencies } from './latency';

describe('latency figures', () => {
  it('takes nearest-rank percentiles and the maximum', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarizeLatencies(values)).toEqual({ p50: 50, p95: 95, max: 100 });
    expect(percentile([], 50)).toBe(0);
    expect(summarizeLatencies([])).toEqual({ p50: 0, p95: 0, max: 0 });
  });

  it('gives every item of a batch the time from the batch start to its result', () => {
    expect(perItemLatencies([10, 300, 20], [2, 1, 3])).toEqual([10, 10, 300, 20, 20, 20]);
  });

  it('refuses mismatched inputs instead of guessing', () => {
    expect(() => perItemLatencies([1, 2], [1])).toThrow(/2 batch times but 1 batch sizes/);
  });
});
