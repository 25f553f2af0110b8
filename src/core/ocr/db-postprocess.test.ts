import { describe, expect, it } from 'vitest';
import { dbPostprocess, sortReadingOrder } from './db-postprocess';
import { OcrError } from './errors';
import { handPlan, paintMap } from './test-helpers';

describe('dbPostprocess', () => {
  // Image 64 x 32 at scale 1 in a 64 x 32 bucket: map pixels are image pixels.
  const unscaled = handPlan({ w: 64, h: 32 }, { w: 64, h: 32 }, { w: 64, h: 32 });

  it('finds two separate blobs as two boxes, grown by the unclip distance', () => {
    const map = paintMap(64, 32, [
      { x: 4, y: 10, w: 20, h: 6 },
      { x: 36, y: 10, w: 20, h: 6 },
    ]);
    const { boxes, droppedInPadding } = dbPostprocess(map, 64, 32, unscaled);
    expect(droppedInPadding).toBe(0);
    expect(boxes).toHaveLength(2);
    // grow = area * 1.5 / perimeter = 120 * 1.5 / 52 = 3.46 -> edges floor/ceil outward.
    expect(boxes[0]).toMatchObject({ x: 0, y: 6, w: 28, h: 14 });
    expect(boxes[1]).toMatchObject({ x: 32, y: 6, w: 28, h: 14 });
    expect(boxes[0].score).toBeCloseTo(0.95, 5);
  });

  it('joins diagonally touching pixels into one region', () => {
    const map = paintMap(64, 32, [
      { x: 4, y: 4, w: 10, h: 5 },
      { x: 14, y: 9, w: 10, h: 5 },
    ]);
    expect(dbPostprocess(map, 64, 32, unscaled, { boxThresh: 0.3 }).boxes).toHaveLength(1);
  });

  it('drops a blob that lies in the padded area and counts it', () => {
    // Content is 64 x 32 of a 128 x 64 bucket; one blob inside, one in the right padding, one below.
    const plan = handPlan({ w: 64, h: 32 }, { w: 64, h: 32 }, { w: 128, h: 64 });
    const map = paintMap(128, 64, [
      { x: 4, y: 10, w: 20, h: 6 },
      { x: 80, y: 10, w: 30, h: 8 },
      { x: 10, y: 44, w: 30, h: 8 },
    ]);
    const { boxes, droppedInPadding } = dbPostprocess(map, 128, 64, plan);
    expect(boxes).toHaveLength(1);
    expect(droppedInPadding).toBe(2);
  });

  it('clips a blob straddling the content edge so no box reaches into the padding', () => {
    const plan = handPlan({ w: 64, h: 32 }, { w: 64, h: 32 }, { w: 96, h: 32 });
    const map = paintMap(96, 32, [{ x: 40, y: 10, w: 30, h: 8 }]); // 24 of 30 columns inside
    const { boxes, droppedInPadding } = dbPostprocess(map, 96, 32, plan);
    expect(droppedInPadding).toBe(0);
    expect(boxes).toHaveLength(1);
    expect(boxes[0].x + boxes[0].w).toBe(64);
  });

  it('maps boxes back to original image coordinates', () => {
    // A 200 x 100 image scaled by 0.32 to 64 x 32: a map blob at x 16..31 is image x 50..100.
    const plan = handPlan({ w: 200, h: 100 }, { w: 64, h: 32 }, { w: 64, h: 32 });
    const map = paintMap(64, 32, [{ x: 16, y: 8, w: 16, h: 16 }]);
    const [box] = dbPostprocess(map, 64, 32, plan, { unclipRatio: 0 }).boxes;
    expect(box).toMatchObject({ x: 50, y: 25, w: 50, h: 50 });
  });

  it('removes regions thinner than minSize and regions with a low mean score', () => {
    const map = paintMap(64, 32, [
      { x: 2, y: 2, w: 30, h: 2 }, // 2 px high: below minSize 3
      { x: 2, y: 12, w: 20, h: 8, value: 0.5 }, // above thresh 0.3 but below boxThresh 0.6
    ]);
    expect(dbPostprocess(map, 64, 32, unscaled).boxes).toEqual([]);
  });

  it('refuses a map that does not match the bucket', () => {
    expect(() => dbPostprocess(new Float32Array(10), 5, 2, unscaled)).toThrow(OcrError);
    expect(() => dbPostprocess(new Float32Array(10), 4, 2, unscaled)).toThrow(/needs 8/);
  });
});

describe('sortReadingOrder', () => {
  const box = (x: number, y: number, h = 10) => ({ x, y, w: 20, h, score: 1 });

  it('reads a line left to right even when a later word sits a little higher', () => {
    const sorted = sortReadingOrder([box(100, 52), box(10, 50), box(60, 48), box(10, 90)]);
    expect(sorted.map((b) => [b.x, b.y])).toEqual([
      [10, 50],
      [60, 48],
      [100, 52],
      [10, 90],
    ]);
  });
});
