/**
 * Plain data shapes shared by the OCR pre- and post-processing. Everything here is a number, an array or a
 * typed array so the same code runs in Node tests, in the worker and (if ever needed) on the page.
 */

/** Decoded pixels, row-major RGBA, 4 bytes per pixel: the shape of the DOM's ImageData without the DOM. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** A detector input shape; both sides are multiples of 32 because PP-OCR's detector downsamples by 32. */
export interface DetBucket {
  h: number;
  w: number;
}

/**
 * How one image goes through the detector: the size it is resized to (`scaledW` x `scaledH`, multiples of
 * 32), the bucket it is padded to, and the padding on the bottom and right.
 */
export interface DetPlan {
  srcW: number;
  srcH: number;
  scaledW: number;
  scaledH: number;
  /** scaledW / srcW and scaledH / srcH: they differ slightly because both sides are rounded to 32. */
  scaleX: number;
  scaleY: number;
  bucket: DetBucket;
  padRight: number;
  padBottom: number;
  /** Share of the bucket's area that is padding: 1 - scaledW*scaledH / (bucket.w*bucket.h). */
  paddingShare: number;
}

/**
 * An axis-aligned text box in the coordinates of the image the caller passed in; `x + w` and `y + h` are
 * exclusive edges. Same field names as the wire type `OcrLine.box`, plus the detector's score.
 */
export interface OcrBox {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Mean text probability inside the box on the detector's map, 0..1. */
  score: number;
}
