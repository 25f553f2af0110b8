import { describe, expect, it } from 'vitest';
import { toDetTensor } from './det-tensor';
import { OcrError } from './errors';
import { handPlan } from './test-helpers';
import type { RgbaImage } from './types';

function solid(width: number, height: number, rgba: [number, number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set(rgba, i * 4);
  return { width, height, data };
}

describe('toDetTensor', () => {
  it('lays out [3, H, W] of the bucket, with content top-left and zero padding bottom/right', () => {
    const plan = handPlan({ w: 32, h: 32 }, { w: 32, h: 32 }, { w: 64, h: 96 });
    const t = toDetTensor(solid(32, 32, [255, 255, 255, 255]), plan);
    expect(t.length).toBe(3 * 96 * 64);
    const at = (c: number, y: number, x: number) => t[c * 96 * 64 + y * 64 + x];
    // White normalised per channel: (1 - mean) / std.
    expect(at(0, 0, 0)).toBeCloseTo((1 - 0.485) / 0.229, 5);
    expect(at(2, 31, 31)).toBeCloseTo((1 - 0.406) / 0.225, 5);
    expect(at(0, 0, 32)).toBe(0);
    expect(at(1, 32, 0)).toBe(0);
    expect(at(2, 95, 63)).toBe(0);
  });

  it('puts blue in channel 0 and red in channel 2, as PaddleOCR feeds BGR', () => {
    const plan = handPlan({ w: 32, h: 32 }, { w: 32, h: 32 }, { w: 32, h: 32 });
    const t = toDetTensor(solid(32, 32, [255, 0, 0, 255]), plan);
    expect(t[0]).toBeCloseTo(-0.485 / 0.229, 5);
    expect(t[2 * 1024]).toBeCloseTo((1 - 0.406) / 0.225, 5);
  });

  it('treats transparent pixels as white', () => {
    const plan = handPlan({ w: 32, h: 32 }, { w: 32, h: 32 }, { w: 32, h: 32 });
    const clear = toDetTensor(solid(32, 32, [0, 0, 0, 0]), plan);
    const white = toDetTensor(solid(32, 32, [255, 255, 255, 255]), plan);
    expect(Array.from(clear.subarray(0, 5))).toEqual(Array.from(white.subarray(0, 5)));
  });

  it('resizes to the planned size before padding', () => {
    // 100 x 50 image scaled to 64 x 32 in a 64 x 64 bucket: row 31 is content, row 32 is padding.
    const plan = handPlan({ w: 100, h: 50 }, { w: 64, h: 32 }, { w: 64, h: 64 });
    const t = toDetTensor(solid(100, 50, [0, 0, 0, 255]), plan);
    expect(t[31 * 64 + 63]).toBeCloseTo(-0.485 / 0.229, 5);
    expect(t[32 * 64]).toBe(0);
  });

  it('refuses an image that is not the one the plan was made for', () => {
    const plan = handPlan({ w: 32, h: 32 }, { w: 32, h: 32 }, { w: 32, h: 32 });
    expect(() => toDetTensor(solid(10, 10, [0, 0, 0, 255]), plan)).toThrow(OcrError);
  });
});
