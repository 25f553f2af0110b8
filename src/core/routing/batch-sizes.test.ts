import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../buckets/random';
import { batchSizeLadder, normalizeBatchSizes, splitRows } from './batch-sizes';
import { planBatches, summarizePlan } from './batches';
import { RoutingError } from './errors';

describe('batchSizeLadder', () => {
  it('doubles from 1 and ends at the batch size', () => {
    expect(batchSizeLadder(1)).toEqual([1]);
    expect(batchSizeLadder(8)).toEqual([1, 2, 4, 8]);
    expect(batchSizeLadder(12)).toEqual([1, 2, 4, 8, 12]);
  });

  it('rejects a batch size that is not a positive integer', () => {
    expect(() => batchSizeLadder(0)).toThrow(RoutingError);
  });
});

describe('normalizeBatchSizes', () => {
  it('sorts, drops duplicates and adds the batch size', () => {
    expect(normalizeBatchSizes([4, 1, 4], 8)).toEqual([1, 4, 8]);
  });

  it('names a size larger than the batch size', () => {
    expect(() => normalizeBatchSizes([16], 8)).toThrow(/larger than the batch size 8/);
  });
});

describe('splitRows', () => {
  it('runs a partial batch at sizes it fills instead of padding to the batch size', () => {
    expect(splitRows(13, 8, [1, 2, 4, 8])).toEqual([
      [8, 8],
      [4, 4],
      [1, 1],
    ]);
    expect(splitRows(5, 8)).toEqual([[5, 8]]);
    expect(splitRows(0, 8, [1, 2, 4])).toEqual([]);
  });

  it('leaves fewer empty rows than the smallest size when 1 is not a size', () => {
    expect(splitRows(7, 8, [4, 8])).toEqual([
      [4, 4],
      [3, 4],
    ]);
  });
});

describe('planBatches with batch-size buckets', () => {
  it('has no empty rows with the full ladder and keeps every item exactly once (property)', () => {
    const rng = mulberry32(16);
    for (let trial = 0; trial < 200; trial++) {
      const items = Array.from({ length: Math.floor(rng() * 90) }, () => ({ length: 1 + Math.floor(rng() * 64) }));
      const batchSize = 1 + Math.floor(rng() * 20);
      const plan = planBatches(items, [16, 32, 64], batchSize, { batchSizes: batchSizeLadder(batchSize) });
      expect(summarizePlan(plan).emptyRows).toBe(0);
      const seen = plan.flatMap((b) => b.itemIndices).sort((a, b) => a - b);
      expect(seen).toEqual(items.map((_, i) => i));
      for (const b of plan) expect(batchSizeLadder(batchSize)).toContain(b.rows);
    }
  });

  it('leaves per bucket fewer empty rows than the smallest batch-size bucket (property)', () => {
    const rng = mulberry32(61);
    for (let trial = 0; trial < 200; trial++) {
      const items = Array.from({ length: Math.floor(rng() * 90) }, () => ({ length: 1 + Math.floor(rng() * 64) }));
      const smallest = 1 + Math.floor(rng() * 6);
      const batchSize = smallest + Math.floor(rng() * 20);
      const plan = planBatches(items, [16, 32, 64], batchSize, { batchSizes: [smallest] });
      for (const bucket of [16, 32, 64]) {
        const inBucket = plan.filter((b) => b.bucket === bucket);
        expect(summarizePlan(inBucket).emptyRows).toBeLessThan(smallest);
        for (const b of inBucket) expect([smallest, batchSize]).toContain(b.rows);
      }
    }
  });

  it('matches the issue: 13 items of one bucket at batch 8 run as 8 + 4 + 1, not 8 + 8 with 3 empty rows', () => {
    const items = Array.from({ length: 13 }, () => ({ length: 20 }));
    const without = planBatches(items, [32], 8);
    const withLadder = planBatches(items, [32], 8, { batchSizes: batchSizeLadder(8) });
    expect(summarizePlan(without).emptyRows).toBe(3);
    expect(withLadder.map((b) => b.rows)).toEqual([8, 4, 1]);
    expect(summarizePlan(withLadder).computedTokens).toBe(13 * 32);
  });
});
