/**
 * OCR pre- and post-processing for PaddleOCR's PP-OCRv4 detector and recogniser: pure functions on
 * typed arrays. The worker (workers/ocr/ocr-pipeline.ts) runs the sessions between them.
 */
export { OcrError, type OcrErrorCode } from './errors';
export type { DetBucket, DetPlan, OcrBox, RgbaImage } from './types';
export { resizeBilinear, type SourceRect } from './resize';
export {
  MAX_INPUT_PIXELS,
  MAX_WORKING_SIDE,
  planInputScale,
  prepareInputImage,
  validateRgbaImage,
  type InputLimits,
  type InputScale,
  type PreparedImage,
} from './image-input';
export { readImageHeader, type ImageFormat, type ImageHeader } from './image-header';
export {
  DEFAULT_DET_BUCKETS,
  DET_MULTIPLE,
  envelopeBucket,
  planDetection,
  validateDetBuckets,
  type DetPlanOptions,
} from './det-plan';
export { DEFAULT_DET_MAX_SIDE, chooseDetBuckets, detectionSize, type DetBucketChoice } from './det-buckets';
export { toDetTensor } from './det-tensor';
export { DEFAULT_DB_OPTIONS, dbPostprocess, sortReadingOrder, type DbOptions, type DbResult } from './db-postprocess';
export {
  REC_CROP_MARGIN,
  REC_HEIGHT,
  cropForRecognition,
  packRecBatch,
  type CropOptions,
  type RecRow,
} from './rec-crop';
export { characterErrorRate, diffChars, editDistance, type CerTotals, type DiffPart } from './cer';
export {
  DEFAULT_REC_BATCH_SIZE,
  DEFAULT_REC_WIDTH_BUCKETS,
  REC_WIDTH_MULTIPLE,
  planRecBatches,
  validateRecWidthBuckets,
  type RecBatch,
  type RecBatchPlan,
} from './rec-plan';
export { ctcGreedyDecode, parseDictionary, type CtcDecoded } from './ctc';
