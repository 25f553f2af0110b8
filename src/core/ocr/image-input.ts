import { OcrError } from './errors';
import { resizeBilinear } from './resize';
import type { RgbaImage } from './types';

/** Longer sides above this are scaled down before OCR: detection never looks at more than ~1000 px anyway,
 * and a smaller working copy keeps the recogniser's crops cheap. */
export const MAX_WORKING_SIDE = 4096;
/** Images above this many pixels are refused: decoding alone would need 400 MB of RGBA. */
export const MAX_INPUT_PIXELS = 100_000_000;

export interface InputLimits {
  maxSide?: number;
  maxPixels?: number;
}

export interface InputScale {
  width: number;
  height: number;
  /** Factor from the original to the working size (1 when nothing is scaled). */
  scale: number;
  scaled: boolean;
}

/**
 * Decides the working size for an image of `width` x `height` before any pixel is touched, so the page can
 * call it with the size read from the file header and decode straight to the smaller size.
 */
export function planInputScale(width: number, height: number, limits: InputLimits = {}): InputScale {
  const maxSide = limits.maxSide ?? MAX_WORKING_SIDE;
  checkPixelSize(width, height, limits.maxPixels ?? MAX_INPUT_PIXELS);
  const longer = Math.max(width, height);
  if (longer <= maxSide) return { width, height, scale: 1, scaled: false };
  const scale = maxSide / longer;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    scale,
    scaled: true,
  };
}

function checkPixelSize(width: number, height: number, maxPixels: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new OcrError('NOT_AN_IMAGE', `Image size ${width} x ${height} is not a pair of non-negative integers.`);
  }
  if (width === 0 || height === 0) {
    throw new OcrError('ZERO_SIZE', `The image is empty (${width} x ${height} pixels); choose an image with content.`);
  }
  if (width * height > maxPixels) {
    const mp = ((width * height) / 1e6).toFixed(1);
    throw new OcrError(
      'IMAGE_TOO_LARGE',
      `The image is ${width} x ${height} (${mp} megapixels); images over ${maxPixels / 1e6} megapixels are refused. ` +
        `Crop or shrink it (for example to ${MAX_WORKING_SIDE} px on its longer side) and try again.`,
    );
  }
}

/** Throws a coded error unless `img` is a well-formed RgbaImage. */
export function validateRgbaImage(img: unknown): asserts img is RgbaImage {
  if (typeof img !== 'object' || img === null) {
    throw new OcrError(
      'NOT_AN_IMAGE',
      'Expected an image ({width, height, data: Uint8ClampedArray}), got nothing usable.',
    );
  }
  const { width, height, data } = img as Partial<RgbaImage>;
  if (!(data instanceof Uint8ClampedArray)) {
    throw new OcrError(
      'NOT_AN_IMAGE',
      'The image has no RGBA pixel data (expected a Uint8ClampedArray, as in ImageData).',
    );
  }
  if (typeof width !== 'number' || typeof height !== 'number') {
    throw new OcrError('NOT_AN_IMAGE', 'The image has no numeric width and height.');
  }
  checkPixelSize(width, height, MAX_INPUT_PIXELS);
  if (data.length !== width * height * 4) {
    throw new OcrError(
      'NOT_AN_IMAGE',
      `The pixel buffer holds ${data.length} bytes but a ${width} x ${height} RGBA image needs ${width * height * 4}.`,
    );
  }
}

export interface PreparedImage {
  image: RgbaImage;
  /** The original size, present only when the image was scaled down. */
  scaledFrom?: { width: number; height: number };
}

/** Validates an image and scales it down when its longer side is over the working limit. */
export function prepareInputImage(img: unknown, limits: InputLimits = {}): PreparedImage {
  validateRgbaImage(img);
  const plan = planInputScale(img.width, img.height, limits);
  if (!plan.scaled) return { image: img };
  return {
    image: resizeBilinear(img, plan.width, plan.height),
    scaledFrom: { width: img.width, height: img.height },
  };
}
