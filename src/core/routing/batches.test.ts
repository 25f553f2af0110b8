import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../buckets/random';
import {
  type Batch,
  gatherByItem,
  planBatches,
  planDynamicBatches,
  planPadToMax,
  restoreOrder,
  summarizePlan,
} from './batches';

const lengths = [5, 30, 12, 64, 7, 33, 16, 2, 60];
const items = lengths.map((length) => ({ length }));
const buckets = [8, 16, 32, 64];

/** Stands in for a model: each row's result is the length of the part of the input it holds. */
function fakeRun(batches: Batch[]): number[][] {
  return batches.map((b) => b.spans.map((s) => s.end - s.start));
}

describe('planBatches', () => {
  const plan = planBatches(items, buckets, 2);

  it('puts each item in the smallest bucket that fits, sorted by length inside a bucket', () => {
    expect(plan.map((b) => [b.bucket, b.itemIndices])).toEqual([
      [8, [7, 0]],
      [8, [4]],
      [16, [2, 6]],
      [32, [1]],
      [64, [5, 8]],
      [64, [3]],
    ]);
  });

  it('fills partial batches with empty rows that count as padding', () => {
    for (const b of plan) {
      expect(b.rows).toBe(2);
      expect(b.computedTokens).toBe(2 * b.bucket);
    }
    const summary = summarizePlan(plan);
    expect(summary.emptyRows).toBe(3);
    expect(summary.realTokens).toBe(lengths.reduce((a, b) => a + b, 0));
    expect(summary.computedTokens).toBe(2 * (8 + 8 + 16 + 32 + 64 + 64));
    expect(summary.paddingTokens).toBe(summary.computedTokens - summary.realTokens);
    expect(summary.shapes).toBe(4);
  });

  it('returns results in the original order', () => {
    expect(restoreOrder(plan, fakeRun(plan), items.length)).toEqual(lengths);
  });

  it('keeps input order on many random plans', () => {
    const rng = mulberry32(8);
    for (let trial = 0; trial < 100; trial++) {
      const random = Array.from({ length: 1 + Math.floor(rng() * 40) }, () => ({ length: Math.floor(rng() * 65) }));
      const b = 1 + Math.floor(rng() * 8);
      const p = planBatches(random, buckets, b);
      expect(p.every((batch) => batch.itemIndices.length <= b)).toBe(true);
      expect(restoreOrder(p, fakeRun(p), random.length)).toEqual(random.map((i) => i.length));
    }
  });

  it('rejects an input longer than the largest bucket by default', () => {
    expect(() => planBatches([{ length: 100 }], buckets, 2)).toThrow(/Item 0 has 100 tokens/);
  });

  it('truncates under the truncate policy', () => {
    const p = planBatches([{ length: 100 }, { length: 3 }], buckets, 4, { policy: 'truncate' });
    expect(p.map((b) => [b.bucket, b.spans])).toEqual([
      [8, [{ start: 0, end: 3 }]],
      [64, [{ start: 0, end: 64 }]],
    ]);
  });

  it('splits into windows under the window policy, and gathers them per input', () => {
    const p = planBatches([{ length: 100 }, { length: 3 }], buckets, 4, { policy: 'window', windowStride: 32 });
    const big = p.find((b) => b.bucket === 64)!;
    // Windows start every 32 positions; the last is shifted left to end exactly at 100.
    expect(big.itemIndices).toEqual([0, 0, 0]);
    expect(big.spans).toEqual([
      { start: 0, end: 64 },
      { start: 32, end: 96 },
      { start: 36, end: 100 },
    ]);
    const gathered = gatherByItem(p, fakeRun(p), 2);
    expect(gathered[0].map((r) => r.span.start)).toEqual([0, 32, 36]);
    expect(gathered[1]).toEqual([{ span: { start: 0, end: 3 }, value: 3 }]);
    expect(() => restoreOrder(p, fakeRun(p), 2)).toThrow(expect.objectContaining({ code: 'ITEM_SPLIT' }));
  });

  it('refuses bad arguments', () => {
    expect(() => planBatches(items, buckets, 0)).toThrow(expect.objectContaining({ code: 'INVALID_BATCH_SIZE' }));
    expect(() => planBatches([{ length: -3 }], buckets, 2)).toThrow(
      expect.objectContaining({ code: 'INVALID_LENGTH' }),
    );
    expect(() => restoreOrder(plan, [], items.length)).toThrow(expect.objectContaining({ code: 'RESULT_MISMATCH' }));
  });
});

describe('baselines', () => {
  it('pad-to-max uses one shape, the longest input', () => {
    const p = planPadToMax(items, 4);
    expect(new Set(p.map((b) => b.bucket))).toEqual(new Set([64]));
    const s = summarizePlan(p);
    expect(s.computedTokens).toBe(3 * 4 * 64);
    expect(s.shapes).toBe(1);
    expect(restoreOrder(p, fakeRun(p), items.length)).toEqual(lengths);
  });

  it("pad-to-max can use the model's maximum instead", () => {
    expect(planPadToMax(items, 4, { maxLength: 512 })[0].bucket).toBe(512);
    expect(planPadToMax([], 4)).toEqual([]);
  });

  it('dynamic batches keep arrival order and pad each batch to its own longest row', () => {
    const p = planDynamicBatches(items, 4);
    expect(p.map((b) => [b.bucket, b.rows, b.itemIndices])).toEqual([
      [64, 4, [0, 1, 2, 3]],
      [33, 4, [4, 5, 6, 7]],
      [60, 1, [8]],
    ]);
    const s = summarizePlan(p);
    expect(s.computedTokens).toBe(4 * 64 + 4 * 33 + 60);
    expect(s.emptyRows).toBe(0);
    expect(restoreOrder(p, fakeRun(p), items.length)).toEqual(lengths);
  });

  it('bucketed batching computes fewer tokens than padding to the maximum on the same items', () => {
    const rng = mulberry32(4);
    const many = Array.from({ length: 500 }, () => ({ length: 1 + Math.floor(rng() * rng() * 128) }));
    const bucketed = summarizePlan(planBatches(many, [16, 32, 64, 128], 8));
    const padMax = summarizePlan(planPadToMax(many, 8));
    expect(bucketed.realTokens).toBe(padMax.realTokens);
    expect(bucketed.computedTokens).toBeLessThan(padMax.computedTokens);
  });
});
