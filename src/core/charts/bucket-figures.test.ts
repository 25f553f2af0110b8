import { describe, expect, it } from 'vitest';
import { histogramFromLengths } from '../buckets';
import { planBatches, summarizePlan } from '../routing';
import { bucketFigures } from './bucket-figures';

const lengths = [4, 4, 6, 10, 12, 12, 12, 30];
const hist = histogramFromLengths(lengths);

describe('bucketFigures', () => {
  it('reports item-level padding that moves when a boundary moves', () => {
    const a = bucketFigures({ hist, buckets: [6, 12, 30], batchSize: 2, overflow: 'window' });
    expect(a.realTokens).toBe(90);
    expect(a.computedTokens).toBe(6 * 3 + 12 * 4 + 30);
    expect(a.paddingTokens).toBe(a.computedTokens - 90);
    const b = bucketFigures({ hist, buckets: [6, 13, 30], batchSize: 2, overflow: 'window' });
    expect(b.paddingTokens).toBe(a.paddingTokens + 4);
    expect(b.paddingEfficiency).toBeLessThan(a.paddingEfficiency);
  });

  it('counts items and batches per bucket as the worker planner does, empty rows included', () => {
    const buckets = [6, 12, 30];
    const f = bucketFigures({ hist, buckets, batchSize: 3, overflow: 'window' });
    expect(f.perBucket).toEqual([
      { bucket: 6, items: 3, batches: 1, rowsUsed: 3, emptyRows: 0, fullSize: { batches: 1, emptyRows: 0 } },
      { bucket: 12, items: 4, batches: 2, rowsUsed: 4, emptyRows: 2, fullSize: { batches: 2, emptyRows: 2 } },
      { bucket: 30, items: 1, batches: 1, rowsUsed: 1, emptyRows: 2, fullSize: { batches: 1, emptyRows: 2 } },
    ]);
    const plan = summarizePlan(
      planBatches(
        lengths.map((length) => ({ length })),
        buckets,
        3,
        { policy: 'window' },
      ),
    );
    expect(f.batched.batches).toBe(plan.batches);
    expect(f.batched.emptyRows).toBe(plan.emptyRows);
    expect(f.batched.computedTokens).toBe(plan.computedTokens);
    expect(f.batched.paddingEfficiency).toBeCloseTo(plan.paddingEfficiency, 12);
  });

  it.each(['window', 'truncate'] as const)(
    'plans items above the largest bucket with the %s policy like the planner',
    (policy) => {
      const buckets = [8, 16];
      const f = bucketFigures({ hist, buckets, batchSize: 2, overflow: policy, stride: 8 });
      const plan = summarizePlan(
        planBatches(
          lengths.map((length) => ({ length })),
          buckets,
          2,
          { policy, windowStride: 8 },
        ),
      );
      expect(f.batched.computedTokens).toBe(plan.computedTokens);
      expect(f.batched.paddingEfficiency).toBeCloseTo(plan.paddingEfficiency, 12);
      expect(f.itemsAboveLargestBucket).toBe(1);
    },
  );

  it('predicts time per item from measured batch latencies and compares with pad-to-max', () => {
    const f = bucketFigures({
      hist,
      buckets: [6, 12, 30],
      batchSize: 4,
      overflow: 'window',
      measured: [
        { length: 6, msPerBatch: 2 },
        { length: 12, msPerBatch: 4 },
        { length: 30, msPerBatch: 10 },
      ],
    });
    // Batches: one of 6 (2 ms), one of 12 (4 ms), one of 30 (10 ms) for 8 items.
    expect(f.predicted!.msPerItem).toBeCloseTo(16 / 8, 12);
    // Pad-to-max: 8 items in 2 batches of 30 at 10 ms.
    expect(f.predicted!.padToMaxMsPerItem).toBeCloseTo(20 / 8, 12);
    expect(f.predicted!.speedupOverPadToMax).toBeCloseTo(1.25, 12);
    expect(f.predicted!.itemsPerSec).toBeCloseTo(500, 9);
  });

  it('interpolates latencies for a bucket that was not measured', () => {
    const f = bucketFigures({
      hist,
      buckets: [9, 30],
      batchSize: 8,
      overflow: 'window',
      measured: [
        { length: 6, msPerBatch: 2 },
        { length: 12, msPerBatch: 4 },
        { length: 30, msPerBatch: 10 },
      ],
    });
    expect(f.predicted!.msPerItem).toBeCloseTo((3 + 10) / 8, 12);
  });

  it('has no prediction before anything was measured', () => {
    expect(bucketFigures({ hist, buckets: [30], batchSize: 1, overflow: 'window' }).predicted).toBeNull();
  });

  it('warns when the bucket sessions exceed the memory budget', () => {
    const within = bucketFigures({
      hist,
      buckets: [6, 12],
      batchSize: 1,
      overflow: 'window',
      modelBytes: 100,
      budgetBytes: 250,
    });
    expect(within.memory).toEqual({
      shared: false,
      sessions: 2,
      shapesToWarm: 2,
      batchSizesPerBucket: 1,
      bytes: 200,
      budgetBytes: 250,
      overBudget: false,
      bucketsThatFit: 2,
    });
    const over = bucketFigures({
      hist,
      buckets: [6, 12, 30],
      batchSize: 1,
      overflow: 'window',
      modelBytes: 100,
      budgetBytes: 250,
    });
    expect(over.memory!.overBudget).toBe(true);
    expect(bucketFigures({ hist, buckets: [6], batchSize: 1, overflow: 'window' }).memory).toBeNull();
  });

  it('runs partial batches at the batch-size buckets as the planner does: rows used, no empty rows', () => {
    // 11 inputs at 12 tokens, 2 at 30, batch 8: without batch-size buckets 3 + 6 empty rows.
    const many = histogramFromLengths([...Array<number>(11).fill(12), 30, 29]);
    const buckets = [12, 30];
    const items = [...Array<number>(11).fill(12), 30, 29].map((length) => ({ length }));
    for (const batchSizes of [[1, 2, 4, 8], [1, 4, 8], [8]]) {
      const f = bucketFigures({ hist: many, buckets, batchSize: 8, overflow: 'window', batchSizes });
      const plan = summarizePlan(planBatches(items, buckets, 8, { policy: 'window', batchSizes }));
      expect(f.batched).toEqual({
        batches: plan.batches,
        rows: plan.rows,
        emptyRows: plan.emptyRows,
        computedTokens: plan.computedTokens,
        paddingEfficiency: plan.paddingEfficiency,
        batchSizes,
      });
      expect(f.perBucket.map((b) => b.rowsUsed)).toEqual([11, 2]);
      expect(f.perBucket.map((b) => b.fullSize)).toEqual([
        { batches: 2, emptyRows: 5 },
        { batches: 1, emptyRows: 6 },
      ]);
      expect(f.fullSize.emptyRows).toBe(11);
    }
    const ladder = bucketFigures({ hist: many, buckets, batchSize: 8, overflow: 'window', batchSizes: [1, 4, 8] });
    // 11 = 8 + 1 + 1 + 1 and 2 = 1 + 1 with powers of 4; no empty row anywhere.
    expect(ladder.perBucket.map((b) => [b.batches, b.emptyRows])).toEqual([
      [4, 0],
      [2, 0],
    ]);
    expect(ladder.batched.paddingEfficiency).toBeGreaterThan(ladder.fullSize.paddingEfficiency);
  });

  it('predicts a smaller batch at its share of the measured full batch, and prices every batch size', () => {
    const many = histogramFromLengths([...Array<number>(5).fill(10)]);
    const measured = [{ length: 10, msPerBatch: 8 }];
    const full = bucketFigures({ hist: many, buckets: [10], batchSize: 4, overflow: 'window', measured });
    const ladder = bucketFigures({
      hist: many,
      buckets: [10],
      batchSize: 4,
      overflow: 'window',
      measured,
      batchSizes: [1, 2, 4],
      modelBytes: 100,
    });
    // Full size: 2 batches of 4 rows = 16 ms; with the ladder 4 rows + 1 row = 8 + 2 ms, for 5 items.
    expect(full.predicted!.msPerItem).toBeCloseTo(16 / 5, 12);
    expect(ladder.predicted!.msPerItem).toBeCloseTo(10 / 5, 12);
    expect(ladder.memory).toMatchObject({ sessions: 3, shapesToWarm: 3, batchSizesPerBucket: 3, bytes: 300 });
  });

  it('prices one shared session as one copy of the weights, with the same shapes to warm', () => {
    const input = {
      hist,
      buckets: [6, 12, 30],
      batchSize: 4,
      overflow: 'window' as const,
      batchSizes: [1, 4],
      modelBytes: 100,
      budgetBytes: 250,
    };
    const perBucket = bucketFigures(input).memory!;
    const shared = bucketFigures({ ...input, sessionLayout: 'shared' }).memory!;
    expect(perBucket).toMatchObject({ shared: false, sessions: 6, bytes: 600, overBudget: true, bucketsThatFit: 1 });
    expect(shared).toMatchObject({ shared: true, sessions: 1, shapesToWarm: 6, bytes: 100, overBudget: false });
    expect(shared.bucketsThatFit).toBe(3);
  });

  it('rejects an empty bucket list and a bad batch size', () => {
    expect(() => bucketFigures({ hist, buckets: [], batchSize: 1, overflow: 'window' })).toThrow(
      expect.objectContaining({ code: 'INVALID_BUCKETS' }),
    );
    expect(() => bucketFigures({ hist, buckets: [8], batchSize: 0, overflow: 'window' })).toThrow(
      expect.objectContaining({ code: 'INVALID_BUCKETS' }),
    );
  });

  it('leaves refused items out of the figures under the reject policy', () => {
    const f = bucketFigures({ hist, buckets: [6, 12], batchSize: 2, overflow: 'reject' });
    expect(f.items).toBe(7);
    expect(f.itemsAboveLargestBucket).toBe(1);
    expect(f.perBucket.map((b) => b.items)).toEqual([3, 4]);
    expect(f.realTokens).toBe(60);
    expect(() => bucketFigures({ hist, buckets: [3], batchSize: 2, overflow: 'reject' })).toThrow(
      expect.objectContaining({ code: 'NO_LENGTHS' }),
    );
  });
});
