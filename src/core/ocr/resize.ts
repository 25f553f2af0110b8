import { OcrError } from './errors';
import type { RgbaImage } from './types';

/** A source rectangle in pixels; fractional edges are allowed (boxes come from a scaled map). */
export interface SourceRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Resizes an RGBA image (or a rectangle of it) to outW x outH with bilinear interpolation.
 *
 * Pixel centres sit at half-integers (the convention of OpenCV's INTER_LINEAR, which PaddleOCR's own
 * pre-processing uses), so an upscale by an integer factor keeps the image centred instead of drifting a
 * half pixel to the top-left. Samples outside the rectangle clamp to its border pixels, and the rectangle
 * itself is clamped to the image. No anti-aliasing: a large downscale drops detail the way PaddleOCR's
 * reference pipeline does, which is what the models were tuned against.
 */
export function resizeBilinear(src: RgbaImage, outW: number, outH: number, rect?: SourceRect): RgbaImage {
  if (!Number.isInteger(outW) || !Number.isInteger(outH) || outW < 1 || outH < 1) {
    throw new OcrError('ZERO_SIZE', `Cannot resize to ${outW} x ${outH}: the target size must be positive integers.`);
  }
  if (src.width < 1 || src.height < 1) {
    throw new OcrError('ZERO_SIZE', `Cannot resize an empty image (${src.width} x ${src.height}).`);
  }
  const region = rect ?? { x: 0, y: 0, w: src.width, h: src.height };
  if (!(region.w > 0 && region.h > 0)) {
    throw new OcrError('BAD_BOX', `Cannot resize an empty rectangle (${region.w} x ${region.h}).`);
  }
  // Integer pixel bounds the samples may read from: the rectangle's pixels, kept inside the image.
  const minX = clampInt(Math.floor(region.x), 0, src.width - 1);
  const maxX = clampInt(Math.ceil(region.x + region.w) - 1, minX, src.width - 1);
  const minY = clampInt(Math.floor(region.y), 0, src.height - 1);
  const maxY = clampInt(Math.ceil(region.y + region.h) - 1, minY, src.height - 1);

  const scaleX = region.w / outW;
  const scaleY = region.h / outH;
  // Precompute the two source columns and weights for every output column: they are shared by all rows.
  const x0s = new Int32Array(outW);
  const x1s = new Int32Array(outW);
  const wxs = new Float32Array(outW);
  for (let x = 0; x < outW; x++) {
    const sx = clamp(region.x + (x + 0.5) * scaleX - 0.5, minX, maxX);
    const x0 = Math.floor(sx);
    x0s[x] = x0 * 4;
    x1s[x] = Math.min(x0 + 1, maxX) * 4;
    wxs[x] = sx - x0;
  }

  const out = new Uint8ClampedArray(outW * outH * 4);
  const rowStride = src.width * 4;
  const data = src.data;
  for (let y = 0; y < outH; y++) {
    const sy = clamp(region.y + (y + 0.5) * scaleY - 0.5, minY, maxY);
    const y0 = Math.floor(sy);
    const wy = sy - y0;
    const row0 = y0 * rowStride;
    const row1 = Math.min(y0 + 1, maxY) * rowStride;
    let o = y * outW * 4;
    for (let x = 0; x < outW; x++) {
      const a = row0 + x0s[x];
      const b = row0 + x1s[x];
      const c = row1 + x0s[x];
      const d = row1 + x1s[x];
      const wx = wxs[x];
      for (let ch = 0; ch < 4; ch++) {
        const top = data[a + ch] + (data[b + ch] - data[a + ch]) * wx;
        const bottom = data[c + ch] + (data[d + ch] - data[c + ch]) * wx;
        // Uint8ClampedArray rounds half to even and clamps, which is the rounding we want.
        out[o + ch] = top + (bottom - top) * wy;
      }
      o += 4;
    }
  }
  return { width: outW, height: outH, data: out };
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function clampInt(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
