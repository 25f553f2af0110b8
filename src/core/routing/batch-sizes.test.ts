import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../buckets/random';
import { batchSizeLadder, ladderPrice, ladderSizes, normalizeBatchSizes, splitRows, tallyRows } from './batch-sizes';
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

  it('offers powers of 4: half the sizes, still from 1 so no row is left empty', () => {
    expect(batchSizeLadder(64, 4)).toEqual([1, 4, 16, 64]);
    expect(batchSizeLadder(8, 4)).toEqual([1, 4, 8]);
    expect(batchSizeLadder(1, 4)).toEqual([1]);
    for (let rows = 0; rows < 130; rows++) {
      const filled = splitRows(rows, 64, batchSizeLadder(64, 4));
      expect(filled.every(([used, computed]) => used === computed)).toBe(true);
      expect(filled.reduce((sum, [used]) => sum + used, 0)).toBe(rows);
    }
  });
});

describe('ladderSizes and ladderPrice', () => {
  it('names the sizes of each ladder; off is the batch size alone', () => {
    expect(ladderSizes('off', 8)).toEqual([8]);
    expect(ladderSizes('powers-of-2', 8)).toEqual([1, 2, 4, 8]);
    expect(ladderSizes('powers-of-4', 64)).toEqual([1, 4, 16, 64]);
    expect(() => ladderSizes('off', 0)).toThrow(RoutingError);
  });

  it('prices one static session and one warm-up shape per length bucket and batch size', () => {
    // The issue 16 WASM run: 4 lengths x 7 batch sizes = 28 sessions; powers of 4 need 16.
    expect(ladderPrice(4, ladderSizes('powers-of-2', 64), 10)).toEqual({
      sessions: 28,
      shapesToWarm: 28,
      weightBytes: 280,
    });
    expect(ladderPrice(4, ladderSizes('powers-of-4', 64), 10).sessions).toBe(16);
    expect(ladderPrice(4, ladderSizes('off', 64), 10).sessions).toBe(4);
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

describe('tallyRows', () => {
  it('counts rows computed, used and empty, and adds to a running total', () => {
    const first = tallyRows([8, 4, 1], [8, 4, 1]);
    expect(first).toEqual({ rows: 13, used: 13, empty: 0 });
    expect(tallyRows([8, 8], [8, 5], first)).toEqual({ rows: 29, used: 26, empty: 3 });
    expect(tallyRows([], [])).toEqual({ rows: 0, used: 0, empty: 0 });
  });

  it('agrees with the planner: with the full ladder a streamed plan has no empty rows', () => {
    const rng = mulberry32(16);
    const items = Array.from({ length: 53 }, () => ({ length: 1 + Math.floor(rng() * 60) }));
    for (const batchSizes of [batchSizeLadder(8, 4), [8]]) {
      const plan = planBatches(items, [16, 32, 64], 8, { batchSizes });
      const tally = tallyRows(
        plan.map((b) => b.rows),
        plan.map((b) => b.itemIndices.length),
      );
      expect(tally.empty).toBe(summarizePlan(plan).emptyRows);
      expect(tally.used).toBe(items.length);
    }
    expect(tallyRows(...rowsOf(planBatches(items, [16, 32, 64], 8, { batchSizes: batchSizeLadder(8, 4) }))).empty).toBe(
      0,
    );
  });

  it('refuses reports that do not match', () => {
    expect(() => tallyRows([8], [])).toThrow(expect.objectContaining({ code: 'RESULT_MISMATCH' }));
    expect(() => tallyRows([4], [5])).toThrow(/5 filled rows of 4/);
  });
});

function rowsOf(plan: ReturnType<typeof planBatches>): [number[], number[]] {
  return [plan.map((b) => b.rows), plan.map((b) => b.itemIndices.length)];
}
