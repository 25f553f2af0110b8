import { describe, expect, it } from 'vitest';
import { chooseDetBuckets, detectionSize } from './det-buckets';
import { planDetection } from './det-plan';

describe('detectionSize', () => {
  it.each([
    [300, 120, 128, 288],
    [1000, 700, 672, 960],
    [4000, 3000, 736, 960],
    [10, 10, 32, 32],
  ])('%s x %s -> %s x %s (h x w)', (width, height, h, w) => {
    expect(detectionSize({ width, height })).toEqual({ h, w });
  });
});

describe('chooseDetBuckets', () => {
  it('gives one exact bucket per distinct size when k allows', () => {
    const choice = chooseDetBuckets(
      [
        { width: 300, height: 120 },
        { width: 640, height: 200 },
        { width: 1000, height: 700 },
      ],
      3,
    );
    expect(choice.buckets).toEqual([
      { h: 128, w: 288 },
      { h: 192, w: 640 },
      { h: 672, w: 960 },
    ]);
    expect(choice.paddingShare).toBe(0);
  });

  it('plans every image into a bucket covering its detector size, without extra shrinking (random sizes)', () => {
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const images = Array.from({ length: 60 }, () => ({
      width: 20 + Math.floor(rand() * 3000),
      height: 20 + Math.floor(rand() * 3000),
    }));
    const choice = chooseDetBuckets(images, 4);
    expect(choice.buckets.length).toBeLessThanOrEqual(4);
    images.forEach((img, i) => {
      const plan = planDetection(img, choice.buckets);
      expect({ h: plan.scaledH, w: plan.scaledW }).toEqual(choice.sizes[i]);
    });
  });
});
