import { describe, expect, it } from 'vitest';
import { normalizeBatchSizes, planBucketRuns, planDynamicRuns, splitByBatchSizes } from './batch-sizes';

describe('splitByBatchSizes', () => {
  it('uses full batches, then sizes the rest fills, then the smallest size', () => {
    expect(splitByBatchSizes(7, [1, 2, 4])).toEqual([
      { batchSize: 4, rows: 4 },
      { batchSize: 2, rows: 2 },
      { batchSize: 1, rows: 1 },
    ]);
    expect(splitByBatchSizes(6, [4, 16])).toEqual([
      { batchSize: 4, rows: 4 },
      { batchSize: 4, rows: 2 },
    ]);
    expect(splitByBatchSizes(0, [4])).toEqual([]);
    expect(splitByBatchSizes(9, [4])).toEqual([
      { batchSize: 4, rows: 4 },
      { batchSize: 4, rows: 4 },
      { batchSize: 4, rows: 1 },
    ]);
  });
  it('covers every count exactly once and never exceeds a batch', () => {
    for (const sizes of [[1], [1, 2, 4], [3, 5], [2, 8, 32]]) {
      for (let n = 0; n < 80; n++) {
        const split = splitByBatchSizes(n, sizes);
        expect(split.reduce((s, b) => s + b.rows, 0)).toBe(n);
        for (const b of split) {
          expect(sizes).toContain(b.batchSize);
          expect(b.rows).toBeGreaterThan(0);
          expect(b.rows).toBeLessThanOrEqual(b.batchSize);
        }
        // Only the last call may hold empty rows.
        expect(split.slice(0, -1).every((b) => b.rows === b.batchSize)).toBe(true);
      }
    }
  });
  it('refuses bad sizes', () => {
    expect(() => normalizeBatchSizes([])).toThrow(expect.objectContaining({ code: 'BAD_BATCH_SIZES' }));
    expect(() => normalizeBatchSizes([2, 2])).toThrow(/distinct/);
    expect(normalizeBatchSizes(undefined)).toEqual([1]);
  });
});

describe('planBucketRuns', () => {
  it('groups pieces per bucket in input order and cuts them by batch size', () => {
    expect(planBucketRuns([2, 0, 2, 2, 0], [1, 2])).toEqual([
      { bucketIndex: 0, batchSize: 2, pieces: [1, 4] },
      { bucketIndex: 2, batchSize: 2, pieces: [0, 2] },
      { bucketIndex: 2, batchSize: 1, pieces: [3] },
    ]);
    expect(planBucketRuns([], [1])).toEqual([]);
  });
});

describe('planDynamicRuns', () => {
  it('batches pieces in arrival order and pads each batch to its own largest size per dim, with no empty rows', () => {
    expect(planDynamicRuns([[5], [12], [3], [7], [2]], 2)).toEqual([
      { shape: [12], pieces: [0, 1] },
      { shape: [7], pieces: [2, 3] },
      { shape: [2], pieces: [4] },
    ]);
    expect(
      planDynamicRuns(
        [
          [32, 100],
          [48, 60],
          [20, 20],
        ],
        2,
      ),
    ).toEqual([
      { shape: [48, 100], pieces: [0, 1] },
      { shape: [20, 20], pieces: [2] },
    ]);
    expect(planDynamicRuns([], 4)).toEqual([]);
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => planDynamicRuns([[3]], 0)).toThrow(/Batch size/);
  });
});
