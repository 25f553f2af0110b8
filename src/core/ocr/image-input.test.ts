import { describe, expect, it } from 'vitest';
import { OcrError } from './errors';
import { planInputScale, prepareInputImage, validateRgbaImage } from './image-input';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as OcrError).code;
  }
  return 'no error';
};

describe('planInputScale', () => {
  it('keeps images up to 4096 px on the longer side', () => {
    expect(planInputScale(4096, 300)).toEqual({ width: 4096, height: 300, scale: 1, scaled: false });
  });

  it('scales a longer side over 4096 down to 4096 and says so', () => {
    const plan = planInputScale(3000, 8192);
    expect(plan).toMatchObject({ width: 1500, height: 4096, scaled: true });
    expect(plan.scale).toBeCloseTo(0.5, 10);
  });

  it.each([
    [20000, 20000, 'IMAGE_TOO_LARGE'],
    [10001, 10000, 'IMAGE_TOO_LARGE'],
    [0, 10, 'ZERO_SIZE'],
    [10, 0, 'ZERO_SIZE'],
    [-1, 10, 'NOT_AN_IMAGE'],
    [1.5, 10, 'NOT_AN_IMAGE'],
  ])('%s x %s -> %s', (w, h, code) => {
    expect(codeOf(() => planInputScale(w, h))).toBe(code);
  });

  it('explains a refusal with the size and what to do', () => {
    expect(() => planInputScale(20000, 20000)).toThrow(/20000 x 20000 \(400\.0 megapixels\).*to 4096 px/);
    expect(() => validateRgbaImage({ width: 20000, height: 20000, data: new Uint8ClampedArray(0) })).toThrow(
      /to 4096 px/,
    );
  });
});

describe('validateRgbaImage / prepareInputImage', () => {
  it.each([
    ['null', null, 'NOT_AN_IMAGE'],
    ['bytes of a file', new Uint8Array(10), 'NOT_AN_IMAGE'],
    ['a Uint8Array instead of clamped', { width: 1, height: 1, data: new Uint8Array(4) }, 'NOT_AN_IMAGE'],
    ['a short buffer', { width: 2, height: 2, data: new Uint8ClampedArray(12) }, 'NOT_AN_IMAGE'],
    ['an empty image', { width: 0, height: 0, data: new Uint8ClampedArray(0) }, 'ZERO_SIZE'],
  ])('refuses %s', (_name, input, code) => {
    expect(codeOf(() => validateRgbaImage(input))).toBe(code);
  });

  it('passes small images through untouched', () => {
    const img = { width: 3, height: 2, data: new Uint8ClampedArray(24) };
    expect(prepareInputImage(img)).toEqual({ image: img });
  });

  it('scales a wide image down and reports the original size', () => {
    const img = { width: 50, height: 10, data: new Uint8ClampedArray(50 * 10 * 4).fill(200) };
    const prepared = prepareInputImage(img, { maxSide: 25 });
    expect(prepared.scaledFrom).toEqual({ width: 50, height: 10 });
    expect([prepared.image.width, prepared.image.height]).toEqual([25, 5]);
    expect(prepared.image.data[0]).toBe(200);
  });
});
