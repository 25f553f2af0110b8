import { describe, expect, it } from 'vitest';
import { pickBucket2D } from './route2d';

// The AWS Neuron note's example buckets.
const square = [
  { h: 500, w: 500 },
  { h: 600, w: 600 },
  { h: 700, w: 700 },
  { h: 800, w: 800 },
];

describe('pickBucket2D', () => {
  it('follows the Neuron examples: 640x640 goes to 700x700, 440x540 to 600x600', () => {
    expect(pickBucket2D(640, 640, square)).toEqual({ bucket: { h: 700, w: 700 }, padBottom: 60, padRight: 60 });
    expect(pickBucket2D(440, 540, square)).toEqual({ bucket: { h: 600, w: 600 }, padBottom: 160, padRight: 60 });
  });

  it('picks the smallest area covering both sides, not the first listed', () => {
    const mixed = [
      { h: 960, w: 960 },
      { h: 256, w: 640 },
      { h: 640, w: 256 },
    ];
    expect(pickBucket2D(600, 200, mixed).bucket).toEqual({ h: 640, w: 256 });
    expect(pickBucket2D(200, 600, mixed).bucket).toEqual({ h: 256, w: 640 });
  });

  it('breaks area ties towards the smaller height', () => {
    const tie = [
      { h: 400, w: 200 },
      { h: 200, w: 400 },
    ];
    expect(pickBucket2D(100, 100, tie).bucket).toEqual({ h: 200, w: 400 });
  });

  it('throws a clear error when nothing covers the image', () => {
    expect(() => pickBucket2D(900, 100, square)).toThrow(
      /No bucket covers an image of 900 x 100.*largest sides available are 800 and 800/,
    );
    expect(() => pickBucket2D(900, 100, square)).toThrow(expect.objectContaining({ code: 'NO_2D_BUCKET_FITS' }));
    expect(() => pickBucket2D(0, 100, square)).toThrow(expect.objectContaining({ code: 'INVALID_SIZE_2D' }));
  });
});
