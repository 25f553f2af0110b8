import { OcrError } from './errors';
import { resizeBilinear } from './resize';
import type { OcrBox, RgbaImage } from './types';

/** PP-OCRv4's recogniser takes 48-pixel-high line images. */
export const REC_HEIGHT = 48;

export interface RecRow {
  /** CHW float32, 3 x height x width, normalised to -1..1 in B, G, R order. */
  tensorRow: Float32Array;
  width: number;
}

export interface CropOptions {
  /**
   * Lines wider than this (after scaling to the target height) are squeezed to it rather than cut, as
   * PaddleOCR does; pass the largest recognition bucket so every row fits some bucket.
   */
  maxWidth?: number;
}

/**
 * Cuts a box out of the image and scales it to `height` keeping the aspect ratio, ready to be packed into
 * a recognition batch. Normalisation is PaddleOCR's for the recogniser, (v/255 - 0.5) / 0.5, in B, G, R
 * order like its OpenCV-loaded inputs; transparent pixels are composited over white first (see toDetTensor).
 */
export function cropForRecognition(img: RgbaImage, box: OcrBox, height = REC_HEIGHT, options: CropOptions = {}): RecRow {
  const valid = [box.x, box.y, box.w, box.h].every(Number.isFinite) && box.w > 0 && box.h > 0;
  if (!valid || box.x >= img.width || box.y >= img.height || box.x + box.w <= 0 || box.y + box.h <= 0) {
    throw new OcrError(
      'BAD_BOX',
      `Box ${JSON.stringify({ x: box.x, y: box.y, w: box.w, h: box.h })} does not overlap the ${img.width} x ${img.height} image.`,
    );
  }
  if (!Number.isInteger(height) || height < 1) {
    throw new OcrError('BAD_BOX', `Recognition height ${height} must be a positive integer.`);
  }
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  const w = Math.min(img.width, box.x + box.w) - x0;
  const h = Math.min(img.height, box.y + box.h) - y0;
  const natural = Math.max(1, Math.ceil((w * height) / h));
  const width = options.maxWidth !== undefined ? Math.min(natural, Math.max(1, Math.floor(options.maxWidth))) : natural;
  const line = resizeBilinear(img, width, height, { x: x0, y: y0, w, h });

  const plane = width * height;
  const tensorRow = new Float32Array(3 * plane);
  const px = line.data;
  for (let i = 0, s = 0; i < plane; i++, s += 4) {
    const alpha = px[s + 3] / 255;
    const white = 255 * (1 - alpha);
    tensorRow[i] = (px[s + 2] * alpha + white) / 127.5 - 1;
    tensorRow[plane + i] = (px[s + 1] * alpha + white) / 127.5 - 1;
    tensorRow[2 * plane + i] = (px[s] * alpha + white) / 127.5 - 1;
  }
  return { tensorRow, width };
}

/**
 * Packs rows into one NCHW batch of shape [batchSize, 3, height, bucketWidth]. Each row sits at the left;
 * the right side and any empty rows (a partial last batch) stay 0, which after normalisation is mid-grey,
 * the same padding PaddleOCR's recogniser saw in training.
 */
export function packRecBatch(rows: readonly RecRow[], bucketWidth: number, batchSize: number, height = REC_HEIGHT): Float32Array {
  if (rows.length > batchSize) {
    throw new OcrError('BAD_BUCKETS', `${rows.length} rows do not fit a batch of ${batchSize}.`);
  }
  const rowSize = 3 * height * bucketWidth;
  const batch = new Float32Array(batchSize * rowSize);
  rows.forEach((row, r) => {
    if (row.width > bucketWidth) {
      throw new OcrError('BAD_BUCKETS', `A line ${row.width} px wide does not fit the ${bucketWidth} px recognition bucket.`);
    }
    if (row.tensorRow.length !== 3 * height * row.width) {
      throw new OcrError('BAD_BOX', `A recognition row of width ${row.width} must hold ${3 * height * row.width} values.`);
    }
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < height; y++) {
        const from = (c * height + y) * row.width;
        batch.set(row.tensorRow.subarray(from, from + row.width), r * rowSize + (c * height + y) * bucketWidth);
      }
    }
  });
  return batch;
}
