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
  /**
   * Page added above, below, left and right of the box before cropping, as a share of the box height
   * (clipped to the image). Default REC_CROP_MARGIN; 0 crops the box exactly.
   */
  margin?: number;
}

/**
 * Why the crop gets a margin: the DB boxes hug the ink (top of the ascenders to the bottom of the
 * descenders), so a crop of the box alone scales the glyphs to fill all 48 rows. PP-OCRv4's recogniser
 * was trained on line crops with some page around the text, and on such over-tight crops it drops the
 * narrow gaps between Latin words ("Hello bucketwise" -> "Hellobucketwise") even at the line's exact
 * width. Measured on the 72 drawn English lines of `npm run ocr:cer` (DejaVu Sans, Serif and Mono, 16 to
 * 40 px), recogniser on the same boxes, CER bucketed / unpadded: margin 0: 1.39% / 1.11%, 0.1: 0.49% /
 * 0.42%, 0.15: 0.56% / 0.56%, 0.2: 1.05% / 0.70% (more margin shrinks small print and loses letters).
 * PaddleOCR's maintainers give the same advice for missing spaces (a larger box: PaddlePaddle/PaddleOCR#8185).
 */
export const REC_CROP_MARGIN = 0.1;

/**
 * Cuts a box out of the image and scales it to `height` keeping the aspect ratio, ready to be packed into
 * a recognition batch. Normalisation is PaddleOCR's for the recogniser, (v/255 - 0.5) / 0.5, in B, G, R
 * order like its OpenCV-loaded inputs; transparent pixels are composited over white first (see toDetTensor).
 */
export function cropForRecognition(
  img: RgbaImage,
  box: OcrBox,
  height = REC_HEIGHT,
  options: CropOptions = {},
): RecRow {
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
  const margin = options.margin ?? REC_CROP_MARGIN;
  if (!(Number.isFinite(margin) && margin >= 0 && margin <= 1)) {
    throw new OcrError(
      'BAD_BOX',
      `Recognition crop margin ${margin} must be a share of the box height between 0 and 1.`,
    );
  }
  const pad = Math.round(margin * box.h);
  const x0 = Math.max(0, box.x - pad);
  const y0 = Math.max(0, box.y - pad);
  const w = Math.min(img.width, box.x + box.w + pad) - x0;
  const h = Math.min(img.height, box.y + box.h + pad) - y0;
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
export function packRecBatch(
  rows: readonly RecRow[],
  bucketWidth: number,
  batchSize: number,
  height = REC_HEIGHT,
): Float32Array {
  if (rows.length > batchSize) {
    throw new OcrError('BAD_BUCKETS', `${rows.length} rows do not fit a batch of ${batchSize}.`);
  }
  const rowSize = 3 * height * bucketWidth;
  const batch = new Float32Array(batchSize * rowSize);
  rows.forEach((row, r) => {
    if (row.width > bucketWidth) {
      throw new OcrError(
        'BAD_BUCKETS',
        `A line ${row.width} px wide does not fit the ${bucketWidth} px recognition bucket.`,
      );
    }
    if (row.tensorRow.length !== 3 * height * row.width) {
      throw new OcrError(
        'BAD_BOX',
        `A recognition row of width ${row.width} must hold ${3 * height * row.width} values.`,
      );
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
