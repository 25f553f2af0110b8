import { describe, expect, it } from 'vitest';
import { OcrError } from './errors';
import { resizeBilinear } from './resize';
import type { RgbaImage } from './types';

/** A grey image from per-pixel values (R = G = B = value, opaque). */
function grey(width: number, height: number, values: number[]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  values.forEach((v, i) => data.set([v, v, v, 255], i * 4));
  return { width, height, data };
}

const reds = (img: RgbaImage) => Array.from({ length: img.width * img.height }, (_, i) => img.data[i * 4]);

describe('resizeBilinear', () => {
  it('returns the same pixels when the size does not change', () => {
    const src = grey(3, 2, [0, 50, 100, 150, 200, 250]);
    expect(reds(resizeBilinear(src, 3, 2))).toEqual([0, 50, 100, 150, 200, 250]);
  });

  it('spreads a single pixel over the whole output', () => {
    const out = resizeBilinear(grey(1, 1, [77]), 3, 2);
    expect(reds(out)).toEqual([77, 77, 77, 77, 77, 77]);
    expect(out.data[3]).toBe(255);
  });

  it('interpolates between pixel centres when upscaling 2 -> 4', () => {
    // Centres of the 4 output pixels map to source x = -0.25, 0.25, 0.75, 1.25 (clamped to 0..1).
    expect(reds(resizeBilinear(grey(2, 1, [0, 255]), 4, 1))).toEqual([0, 64, 191, 255]);
  });

  it('averages 2 x 2 blocks when downscaling by exactly 2', () => {
    const src = grey(4, 2, [0, 100, 200, 250, 20, 40, 60, 90]);
    // Output centre (0.5 -> source 0.5, 0.5): the mean of the four pixels of each block.
    expect(reds(resizeBilinear(src, 2, 1))).toEqual([40, 150]);
  });

  it('resizing a rectangle equals resizing a cropped copy', () => {
    const values = Array.from({ length: 36 }, (_, i) => (i * 37) % 256);
    const src = grey(6, 6, values);
    const crop = grey(3, 2, [
      values[2 * 6 + 1],
      values[2 * 6 + 2],
      values[2 * 6 + 3],
      values[3 * 6 + 1],
      values[3 * 6 + 2],
      values[3 * 6 + 3],
    ]);
    expect(reds(resizeBilinear(src, 5, 4, { x: 1, y: 2, w: 3, h: 2 }))).toEqual(reds(resizeBilinear(crop, 5, 4)));
  });

  it.each([
    [0, 3],
    [3, 0],
    [2.5, 3],
  ])('refuses a target size of %s x %s', (w, h) => {
    expect(() => resizeBilinear(grey(2, 2, [1, 2, 3, 4]), w, h)).toThrow(OcrError);
  });
});
