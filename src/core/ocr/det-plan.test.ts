import { describe, expect, it } from 'vitest';
import { DEFAULT_DET_BUCKETS, envelopeBucket, planDetection, validateDetBuckets } from './det-plan';
import { OcrError } from './errors';

const BUCKETS = [
  { h: 128, w: 480 },
  { h: 256, w: 640 },
  { h: 960, w: 544 },
  { h: 960, w: 960 },
];

describe('planDetection', () => {
  it.each([
    // [width, height] -> scaled [w, h], bucket [h, w]
    [300, 120, 288, 128, 128, 480], // small: no upscale, sides rounded to the nearest 32
    [640, 200, 640, 192, 256, 640],
    [1000, 700, 960, 672, 960, 960], // scaled by 0.96 to fit 960 x 960
    [333, 777, 320, 768, 960, 544], // odd portrait sizes: the tall bucket
    [17, 9, 32, 32, 128, 480], // tiny: at least 32 on each side
    [2000, 100, 960, 64, 960, 960], // very wide: 0.48 to fit the widest side; only 960 x 960 is that wide
  ])('%s x %s -> %s x %s in bucket %s x %s', (w, h, sw, sh, bh, bw) => {
    const plan = planDetection({ width: w, height: h }, BUCKETS);
    expect([plan.scaledW, plan.scaledH]).toEqual([sw, sh]);
    expect(plan.bucket).toEqual({ h: bh, w: bw });
    expect(plan.padRight).toBe(bw - sw);
    expect(plan.padBottom).toBe(bh - sh);
    expect(plan.paddingShare).toBeCloseTo(1 - (sw * sh) / (bw * bh), 10);
    expect(plan.scaleX).toBeCloseTo(sw / w, 10);
  });

  it('scales a tall image to the tall bucket rather than shrinking it into a square one', () => {
    const plan = planDetection({ width: 1000, height: 2000 }, [
      { h: 960, w: 960 },
      { h: 1920, w: 960 },
    ]);
    expect([plan.scaledW, plan.scaledH]).toEqual([960, 1920]);
  });

  it('always fits a bucket, whatever the size (random sizes)', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const size = { width: 1 + Math.floor(rand() * 5000), height: 1 + Math.floor(rand() * 5000) };
      const plan = planDetection(size, DEFAULT_DET_BUCKETS);
      expect(plan.scaledW % 32).toBe(0);
      expect(plan.scaledH % 32).toBe(0);
      expect(plan.scaledW).toBeLessThanOrEqual(plan.bucket.w);
      expect(plan.scaledH).toBeLessThanOrEqual(plan.bucket.h);
    }
  });

  it('honours maxSide below the buckets', () => {
    const plan = planDetection({ width: 1000, height: 500 }, BUCKETS, { maxSide: 500 });
    // 0.5 gives 500 x 250; 500 would round up to 512, past the cap, so it stays at 480.
    expect([plan.scaledW, plan.scaledH]).toEqual([480, 256]);
  });

  it('refuses a zero-size image', () => {
    expect(() => planDetection({ width: 0, height: 10 }, BUCKETS)).toThrow(OcrError);
  });
});

describe('validateDetBuckets / envelopeBucket', () => {
  it.each([[[]], [[{ h: 100, w: 320 }]], [[{ h: 0, w: 32 }]], [[{ h: 32 }]]])('refuses %j', (list) => {
    expect(() => validateDetBuckets(list as { h: number; w: number }[])).toThrow(OcrError);
  });

  it('covers every bucket with max height x max width', () => {
    expect(envelopeBucket(BUCKETS)).toEqual({ h: 960, w: 960 });
    expect(
      envelopeBucket([
        { h: 960, w: 544 },
        { h: 544, w: 960 },
      ]),
    ).toEqual({ h: 960, w: 960 });
  });
});
