import { routeLength } from '../routing';
import { OcrError } from './errors';

/** The recogniser's output has one step per 8 input columns, so line-width buckets are multiples of 8. */
export const REC_WIDTH_MULTIPLE = 8;

/**
 * Default line-width buckets at height 48: a word, a short phrase, PaddleOCR's own 320, and two for long
 * lines; lines wider than 640 are squeezed to it.
 *
 * Why the cap is 640 and not wider: the PP-OCRv4 recogniser has no padding mask and mixes information
 * along the whole line (SVTR's global attention), so padding is not free: more padding, more lost
 * spaces. Dropped spaces had a larger cause, though: crops that hugged the ink (see REC_CROP_MARGIN in
 * rec-crop.ts), which lost them even unpadded. With the margin, on the 72 lines of `npm run ocr:cer`
 * (recogniser on the same boxes): CER 0.42% at each line's own width, 0.49% in these buckets, 0.91%
 * with every line padded to 640. Padding with white instead of 0 was worse (2.79% at 640) and so was the
 * line's edge colour earlier, so rows are padded with 0 (mid-grey after normalisation), as PaddleOCR does.
 * No pad value makes a padded row equal to the unpadded one, and cutting the output back to the line's
 * own time steps changes nothing (the padded steps decode to blanks): the difference is made inside.
 */
export const DEFAULT_REC_WIDTH_BUCKETS: readonly number[] = Object.freeze([96, 192, 320, 480, 640]);

/**
 * Default rows per recogniser run. Each run has the static shape [batchSize, 3, 48, width], so a partial
 * batch computes empty rows. On WASM (Node, 1 thread, CPU time per image, smoke images) batching gained
 * nothing: pad-to-max on the 4-line page took 2468 ms at batch 1 and 2424 ms at batch 4, while bucketed
 * runs at batch 4 computed 3 runs x 4 rows for 4 lines and took 3473 ms against 1785 ms at batch 1.
 */
export const DEFAULT_REC_BATCH_SIZE = 1;

/** One recogniser run: up to batchSize lines padded to bucketWidth. */
export interface RecBatch {
  bucketWidth: number;
  /** Indices into the widths passed to planRecBatches; fewer than batchSize means empty padded rows. */
  lineIndices: number[];
}

export interface RecBatchPlan {
  batches: RecBatch[];
  /** Sum of the lines' widths (height is the same for all, so widths stand for areas). */
  realColumns: number;
  /** Columns the recogniser computes: batchSize x bucketWidth per batch, empty rows included. */
  computedColumns: number;
  /** 1 - real / computed; 0 when there are no lines. */
  paddingShare: number;
}

/** Sorts and checks a width-bucket list; refuses empty lists and widths that are not multiples of 8. */
export function validateRecWidthBuckets(widths: readonly number[]): number[] {
  if (!Array.isArray(widths) || widths.length === 0) {
    throw new OcrError('BAD_BUCKETS', 'No line-width buckets were given; add at least one width such as 320.');
  }
  for (const w of widths) {
    if (!Number.isInteger(w) || w < REC_WIDTH_MULTIPLE || w % REC_WIDTH_MULTIPLE !== 0) {
      throw new OcrError(
        'BAD_BUCKETS',
        `Line-width bucket ${String(w)} is invalid: widths must be multiples of ${REC_WIDTH_MULTIPLE} (the recogniser ` +
          'emits one character step per 8 columns), for example 96, 320, 800.',
      );
    }
  }
  return [...new Set(widths)].sort((a, b) => a - b);
}

/**
 * Groups recognition lines by width bucket (the routing core's routeLength: smallest bucket that fits) and
 * cuts each group into batches of exactly `batchSize` rows, the last one partly empty, so every run of a
 * bucket has the same static shape [batchSize, 3, 48, bucketWidth] and reuses one session. Within a
 * bucket, lines keep their input order.
 */
export function planRecBatches(
  widths: readonly number[],
  widthBuckets: readonly number[],
  batchSize: number,
): RecBatchPlan {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new OcrError('BAD_BUCKETS', `Recognition batch size ${String(batchSize)} must be a positive integer.`);
  }
  const buckets = validateRecWidthBuckets(widthBuckets);
  const byBucket = new Map<number, number[]>();
  let realColumns = 0;
  widths.forEach((width, index) => {
    // Rows are squeezed to the largest bucket before planning, so 'reject' only fires on a caller bug.
    const route = routeLength(width, buckets, 'reject');
    realColumns += width;
    const list = byBucket.get(route.bucket) ?? [];
    list.push(index);
    byBucket.set(route.bucket, list);
  });
  const batches: RecBatch[] = [];
  let computedColumns = 0;
  for (const bucketWidth of buckets) {
    const lines = byBucket.get(bucketWidth) ?? [];
    for (let start = 0; start < lines.length; start += batchSize) {
      batches.push({ bucketWidth, lineIndices: lines.slice(start, start + batchSize) });
      computedColumns += batchSize * bucketWidth;
    }
  }
  return {
    batches,
    realColumns,
    computedColumns,
    paddingShare: computedColumns === 0 ? 0 : 1 - realColumns / computedColumns,
  };
}
