import { describe, expect, it } from 'vitest';
import { OcrError } from './errors';
import { planRecBatches, validateRecWidthBuckets } from './rec-plan';

describe('planRecBatches', () => {
  it('routes each line to the smallest bucket that fits and batches per bucket', () => {
    const plan = planRecBatches([50, 300, 96, 97, 10, 20], [96, 320], 2);
    expect(plan.batches).toEqual([
      { bucketWidth: 96, lineIndices: [0, 2] },
      { bucketWidth: 96, lineIndices: [4, 5] },
      { bucketWidth: 320, lineIndices: [1, 3] },
    ]);
  });

  it('counts empty rows of a partial batch as padding', () => {
    const plan = planRecBatches([80], [96], 4);
    expect(plan.realColumns).toBe(80);
    expect(plan.computedColumns).toBe(4 * 96);
    expect(plan.paddingShare).toBeCloseTo(1 - 80 / 384, 10);
  });

  it('pads everything to one width when given only the largest bucket (pad-to-max)', () => {
    const plan = planRecBatches([30, 300, 60], [320], 8);
    expect(plan.batches).toEqual([{ bucketWidth: 320, lineIndices: [0, 1, 2] }]);
  });

  it('plans nothing for no lines', () => {
    expect(planRecBatches([], [96], 4)).toEqual({ batches: [], realColumns: 0, computedColumns: 0, paddingShare: 0 });
  });

  it('refuses a line wider than every bucket (callers squeeze lines first)', () => {
    expect(() => planRecBatches([400], [96, 320], 2)).toThrow(/largest bucket \(320\)/);
  });

  it.each([[0], [1.5]])('refuses batch size %s', (batchSize) => {
    expect(() => planRecBatches([10], [96], batchSize)).toThrow(OcrError);
  });
});

describe('validateRecWidthBuckets', () => {
  it('sorts and de-duplicates', () => {
    expect(validateRecWidthBuckets([320, 96, 320])).toEqual([96, 320]);
  });

  it.each([[[]], [[100]], [[0]], [[-8]]])('refuses %j', (list) => {
    expect(() => validateRecWidthBuckets(list)).toThrow(OcrError);
  });
});
