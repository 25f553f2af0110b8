import { describe, expect, it } from 'vitest';
import { normalizeBuckets, routeShape } from './route-shape';

describe('normalizeBuckets', () => {
  it('sorts one-dimensional buckets and keeps 2-D ones', () => {
    expect(normalizeBuckets([32, 8, 16], 1)).toEqual([[8], [16], [32]]);
    expect(
      normalizeBuckets(
        [
          [640, 640],
          [320, 480],
        ],
        2,
      ),
    ).toEqual([
      [640, 640],
      [320, 480],
    ]);
  });
  it('refuses bad lists with a reason', () => {
    expect(() => normalizeBuckets([], 1)).toThrow(/No buckets/);
    expect(() => normalizeBuckets([8, 8], 1)).toThrow(/listed twice/);
    expect(() => normalizeBuckets([[8]], 2)).toThrow(/2 positive integer/);
    expect(() => normalizeBuckets([0], 1)).toThrow(expect.objectContaining({ code: 'BAD_BUCKETS' }));
  });
});

describe('routeShape', () => {
  const one = normalizeBuckets([8, 16, 32], 1);
  it('routes a length to the smallest bucket that holds it', () => {
    expect(routeShape([1], one, 'reject')).toEqual({ kind: 'fit', bucketIndex: 0 });
    expect(routeShape([8], one, 'reject')).toEqual({ kind: 'fit', bucketIndex: 0 });
    expect(routeShape([9], one, 'reject')).toEqual({ kind: 'fit', bucketIndex: 1 });
    expect(routeShape([32], one, 'reject')).toEqual({ kind: 'fit', bucketIndex: 2 });
  });
  it('applies the overflow policy beyond the largest bucket', () => {
    expect(() => routeShape([40], one, 'reject')).toThrow(expect.objectContaining({ code: 'TOO_LONG' }));
    expect(routeShape([40], one, 'truncate')).toEqual({ kind: 'truncate', bucketIndex: 2, keep: [32] });
    expect(routeShape([40], one, 'windows')).toEqual({
      kind: 'windows',
      bucketIndex: 2,
      windows: [
        { start: 0, end: 32 },
        { start: 8, end: 40 },
      ],
    });
    expect(routeShape([40], one, 'windows', 4).kind).toBe('windows');
  });
  const two = normalizeBuckets(
    [
      [32, 64],
      [64, 32],
      [64, 64],
    ],
    2,
  );
  it('routes 2-D sizes to the smallest covering area', () => {
    expect(routeShape([20, 50], two, 'reject')).toEqual({ kind: 'fit', bucketIndex: 0 });
    expect(routeShape([50, 20], two, 'reject')).toEqual({ kind: 'fit', bucketIndex: 1 });
    expect(routeShape([40, 40], two, 'reject')).toEqual({ kind: 'fit', bucketIndex: 2 });
  });
  it('truncates 2-D inputs to the bucket that keeps most, and refuses 2-D windows', () => {
    expect(routeShape([100, 30], two, 'truncate')).toEqual({ kind: 'truncate', bucketIndex: 1, keep: [64, 30] });
    expect(routeShape([100, 100], two, 'truncate')).toEqual({ kind: 'truncate', bucketIndex: 2, keep: [64, 64] });
    expect(() => routeShape([100, 100], two, 'reject')).toThrow(expect.objectContaining({ code: 'NO_2D_BUCKET_FITS' }));
    expect(() => routeShape([100, 100], two, 'windows')).toThrow(/one bucketed dimension/);
  });
});
