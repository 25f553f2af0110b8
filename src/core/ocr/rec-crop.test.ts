import { describe, expect, it } from 'vitest';
import { OcrError } from './errors';
import { REC_CROP_MARGIN, cropForRecognition, packRecBatch } from './rec-crop';
import type { RgbaImage } from './types';

/** An image whose red channel encodes the column (x * step) and whose green encodes the row (y * 10). */
function ramp(width: number, height: number, step = 10): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([x * step, y * 10, 0, 255], (y * width + x) * 4);
  }
  return { width, height, data };
}

describe('cropForRecognition', () => {
  it('scales the box to the target height keeping the aspect ratio', () => {
    const row = cropForRecognition(ramp(20, 20), { x: 2, y: 4, w: 12, h: 6, score: 1 }, 12, { margin: 0 });
    expect(row.width).toBe(24);
    expect(row.tensorRow.length).toBe(3 * 12 * 24);
  });

  it('normalises to -1..1 in B, G, R order from the box area only', () => {
    // A 1:1 crop (height = box height) reads the source pixels directly.
    const row = cropForRecognition(ramp(20, 20), { x: 3, y: 5, w: 4, h: 2, score: 1 }, 2, { margin: 0 });
    const plane = 2 * 4;
    expect(row.tensorRow[0]).toBeCloseTo(0 / 127.5 - 1, 6); // blue is 0 everywhere
    expect(row.tensorRow[plane]).toBeCloseTo(50 / 127.5 - 1, 6); // green = row 5
    expect(row.tensorRow[2 * plane]).toBeCloseTo(30 / 127.5 - 1, 6); // red = column 3
    expect(row.tensorRow[2 * plane + 3]).toBeCloseTo(60 / 127.5 - 1, 6); // red = column 6
  });

  it('squeezes lines wider than maxWidth instead of cutting them', () => {
    const row = cropForRecognition(ramp(40, 10, 5), { x: 0, y: 0, w: 40, h: 4, score: 1 }, 8, {
      maxWidth: 32,
      margin: 0,
    });
    expect(row.width).toBe(32);
    // Output column 31 samples source x = 31.5 * 40 / 32 - 0.5 = 38.875: the right end is still there.
    expect(row.tensorRow[2 * 8 * 32 + 31]).toBeCloseTo((38.875 * 5) / 127.5 - 1, 2);
  });

  it('clips a box that runs past the image edge', () => {
    const row = cropForRecognition(ramp(10, 10), { x: 8, y: 0, w: 10, h: 10, score: 1 }, 10, { margin: 0 });
    expect(row.width).toBe(2);
  });

  it('adds a margin of page around the box, a share of its height on every side, clipped to the image', () => {
    // Box 20 x 10 at (10, 10) in a 60 x 40 image; a 0.2 margin is 2 px: the crop is 24 x 14 at (8, 8).
    const row = cropForRecognition(ramp(60, 40, 4), { x: 10, y: 10, w: 20, h: 10, score: 1 }, 14, { margin: 0.2 });
    expect(row.width).toBe(24);
    const plane = 14 * 24;
    expect(row.tensorRow[plane]).toBeCloseTo(80 / 127.5 - 1, 6); // green: first row is y = 8
    expect(row.tensorRow[2 * plane]).toBeCloseTo(32 / 127.5 - 1, 6); // red: first column is x = 8
    // At the image's corner the margin is cut off rather than invented.
    const corner = cropForRecognition(ramp(60, 40, 4), { x: 0, y: 0, w: 20, h: 10, score: 1 }, 12, { margin: 0.2 });
    expect(corner.width).toBe(22); // 22 x 12 source pixels at height 12
  });

  it('uses REC_CROP_MARGIN by default and refuses a margin outside 0..1', () => {
    const byDefault = cropForRecognition(ramp(60, 40), { x: 10, y: 10, w: 20, h: 10, score: 1 }, 12);
    const explicit = cropForRecognition(ramp(60, 40), { x: 10, y: 10, w: 20, h: 10, score: 1 }, 12, {
      margin: REC_CROP_MARGIN,
    });
    expect(byDefault).toEqual(explicit);
    expect(REC_CROP_MARGIN).toBeGreaterThan(0);
    expect(() =>
      cropForRecognition(ramp(60, 40), { x: 10, y: 10, w: 20, h: 10, score: 1 }, 12, { margin: -0.1 }),
    ).toThrow(/margin/);
    expect(() =>
      cropForRecognition(ramp(60, 40), { x: 10, y: 10, w: 20, h: 10, score: 1 }, 12, { margin: Number.NaN }),
    ).toThrow(/margin/);
  });

  it.each([[{ x: 20, y: 0, w: 5, h: 5 }], [{ x: 0, y: 0, w: 0, h: 5 }], [{ x: Number.NaN, y: 0, w: 5, h: 5 }]])(
    'refuses box %j',
    (box) => {
      expect(() => cropForRecognition(ramp(10, 10), { ...box, score: 1 })).toThrow(OcrError);
    },
  );
});

describe('packRecBatch', () => {
  it('places rows left-aligned and leaves the rest and empty rows at 0', () => {
    const a = { tensorRow: new Float32Array(3 * 2 * 2).fill(1), width: 2 };
    const b = { tensorRow: new Float32Array(3 * 2 * 3).fill(-1), width: 3 };
    const batch = packRecBatch([a, b], 4, 3, 2);
    expect(batch.length).toBe(3 * 3 * 2 * 4);
    const at = (n: number, c: number, y: number, x: number) => batch[((n * 3 + c) * 2 + y) * 4 + x];
    expect([at(0, 0, 0, 0), at(0, 0, 0, 1), at(0, 0, 0, 2), at(0, 2, 1, 1)]).toEqual([1, 1, 0, 1]);
    expect([at(1, 1, 1, 2), at(1, 1, 1, 3)]).toEqual([-1, 0]);
    expect(batch.subarray(2 * 24).every((v) => v === 0)).toBe(true);
  });

  it('refuses a row wider than the bucket or more rows than the batch', () => {
    const wide = { tensorRow: new Float32Array(3 * 2 * 5), width: 5 };
    expect(() => packRecBatch([wide], 4, 1, 2)).toThrow(/5 px wide/);
    expect(() => packRecBatch([wide, wide], 8, 1, 2)).toThrow(/do not fit/);
  });
});
