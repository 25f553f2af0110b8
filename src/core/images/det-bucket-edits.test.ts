import { describe, expect, it } from 'vitest';
import { DEFAULT_DET_BUCKETS, planDetection } from '../ocr';
import {
  MAX_DET_BUCKETS,
  addDetBucket,
  detBucketUsage,
  detBucketsKey,
  formatDetBucket,
  parseDetBucket,
  removeDetBucket,
  sortDetBuckets,
} from './det-bucket-edits';
import { ImagesError } from './errors';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof ImagesError ? err.code : `not an ImagesError: ${String(err)}`;
  }
  return undefined;
}

describe('parseDetBucket', () => {
  it.each([
    ['480 x 640', { h: 480, w: 640 }],
    ['480x640', { h: 480, w: 640 }],
    ['  96×960 ', { h: 96, w: 960 }],
    ['128, 320', { h: 128, w: 320 }],
    ['32 by 2048', { h: 32, w: 2048 }],
  ])('reads %j height first', (text, bucket) => {
    expect(parseDetBucket(text)).toEqual(bucket);
  });

  it.each([
    ['480', 'BAD_BUCKET_TEXT'],
    ['480 x', 'BAD_BUCKET_TEXT'],
    ['-32 x 64', 'BAD_BUCKET_TEXT'],
    ['500 x 640', 'BAD_BUCKET_SIDE'],
    ['0 x 640', 'BAD_BUCKET_SIDE'],
    ['4096 x 640', 'BAD_BUCKET_SIDE'],
  ])('refuses %j with %s', (text, code) => {
    expect(codeOf(() => parseDetBucket(text))).toBe(code);
  });

  it('suggests the nearest multiple of 32', () => {
    expect(() => parseDetBucket('500 x 640')).toThrow(/Height 500 is not a multiple of 32.*try 512/);
    expect(() => parseDetBucket('480 x 650')).toThrow(/Width 650 .*try 640/);
  });
});

describe('bucket list edits', () => {
  it('adds in area order and formats height first', () => {
    const list = addDetBucket([{ h: 480, w: 640 }], { h: 128, w: 480 });
    expect(list).toEqual([
      { h: 128, w: 480 },
      { h: 480, w: 640 },
    ]);
    expect(list.map(formatDetBucket)).toEqual(['128 × 480', '480 × 640']);
    expect(detBucketsKey(list)).toBe('128x480,480x640');
  });

  it('refuses duplicates, invalid sides and a list past the maximum', () => {
    expect(codeOf(() => addDetBucket([{ h: 480, w: 640 }], { h: 480, w: 640 }))).toBe('DUPLICATE_BUCKET');
    expect(codeOf(() => addDetBucket([], { h: 100, w: 640 }))).toBe('BAD_BUCKET_SIDE');
    const full = Array.from({ length: MAX_DET_BUCKETS }, (_, i) => ({ h: 32 * (i + 1), w: 64 }));
    expect(codeOf(() => addDetBucket(full, { h: 32, w: 32 }))).toBe('TOO_MANY_BUCKETS');
  });

  it('removes by index but never the last bucket', () => {
    const list = [
      { h: 128, w: 480 },
      { h: 480, w: 640 },
    ];
    expect(removeDetBucket(list, 0)).toEqual([{ h: 480, w: 640 }]);
    expect(codeOf(() => removeDetBucket([{ h: 480, w: 640 }], 0))).toBe('LAST_BUCKET');
    expect(codeOf(() => removeDetBucket(list, 2))).toBe('INVALID_INDEX');
    expect(list).toHaveLength(2); // edits return new lists
  });

  it('sorts by area, then height, without touching the input', () => {
    const input = [
      { h: 64, w: 32 },
      { h: 32, w: 32 },
      { h: 32, w: 64 },
    ];
    expect(sortDetBuckets(input)).toEqual([
      { h: 32, w: 32 },
      { h: 32, w: 64 },
      { h: 64, w: 32 },
    ]);
    expect(input[0]).toEqual({ h: 64, w: 32 });
  });
});

describe('detBucketUsage', () => {
  const images = [
    { width: 300, height: 120 },
    { width: 640, height: 200 },
    { width: 1000, height: 700 },
  ];

  it('counts each image in the bucket planDetection routes it to', () => {
    const usage = detBucketUsage(images, DEFAULT_DET_BUCKETS);
    const routed = images.map((img) => planDetection(img, DEFAULT_DET_BUCKETS).bucket);
    for (const entry of usage.perBucket) {
      const expected = routed.filter((b) => b.h === entry.bucket.h && b.w === entry.bucket.w).length;
      expect(entry.images).toBe(expected);
    }
    expect(usage.perBucket.reduce((n, e) => n + e.images, 0)).toBe(images.length);
  });

  it('pools padding by area, bucketed and padded to the envelope', () => {
    const usage = detBucketUsage(images, DEFAULT_DET_BUCKETS);
    const plans = images.map((img) => planDetection(img, DEFAULT_DET_BUCKETS));
    const real = plans.reduce((n, p) => n + p.scaledW * p.scaledH, 0);
    const padded = plans.reduce((n, p) => n + p.bucket.w * p.bucket.h, 0);
    expect(usage.paddedArea).toBe(padded);
    expect(usage.paddingShare).toBeCloseTo(1 - real / padded, 12);
    expect(usage.padToMaxArea).toBe(3 * 960 * 960);
    expect(usage.padToMaxShare).toBeGreaterThan(usage.paddingShare);
  });

  it("has no padding when the buckets are the images' own detector sizes", () => {
    // 300 x 120 -> 128 x 288 and 640 x 200 -> 192 x 640 in the detector (sides rounded to 32).
    const usage = detBucketUsage(images.slice(0, 2), [
      { h: 128, w: 288 },
      { h: 192, w: 640 },
    ]);
    expect(usage.paddingShare).toBe(0);
    expect(usage.perBucket.map((e) => e.images)).toEqual([1, 1]);
  });

  it('reports zeros for no images', () => {
    const usage = detBucketUsage([], DEFAULT_DET_BUCKETS);
    expect(usage.paddingShare).toBe(0);
    expect(usage.padToMaxShare).toBe(0);
    expect(usage.perBucket.every((e) => e.images === 0)).toBe(true);
  });
});
