/**
 * Pure helpers of the Images tab: hand edits of the 2-D detector bucket list and what it predicts,
 * vetting image files before decoding, the series of the bucketed versus pad-to-max comparison, and the
 * sample images of known text a visitor can try.
 */
export { ImagesError, type ImagesErrorCode } from './errors';
export {
  MAX_DET_BUCKETS,
  MAX_DET_BUCKET_SIDE,
  addDetBucket,
  checkDetBucket,
  detBucketUsage,
  detBucketsKey,
  formatDetBucket,
  parseDetBucket,
  removeDetBucket,
  sortDetBuckets,
  type DetBucketUsage,
} from './det-bucket-edits';
export {
  MAX_IMAGE_FILE_BYTES,
  checkImageFileSize,
  vetImageBytes,
  vetImageSize,
  type VettedImage,
} from './image-vetting';
export {
  medianRun,
  ocrCompareRows,
  ocrCompareSummary,
  type OcrCompareEntry,
  type OcrCompareRow,
  type OcrCompareSummary,
  type OcrModeRun,
} from './compare-series';
export {
  accuracySummary,
  imageAccuracy,
  lineDifferences,
  readingAccuracy,
  referenceLines,
  type AccuracySummary,
  type CompareMode,
  type ImageAccuracy,
  type LineDifference,
  type ModeCer,
} from './compare-accuracy';
export {
  SAMPLE_FONT_FAMILY,
  SAMPLE_IMAGES,
  conservativeLineHeight,
  conservativeTextWidth,
  sampleFont,
  sampleReference,
  type SampleImage,
  type SampleLine,
} from './sample-images';
