/**
 * Bucket selection: which static shapes to build sessions for, given the lengths inputs have.
 * Pure functions, no DOM and no onnxruntime; see each export's TSDoc.
 */
export { BucketError, type BucketErrorCode } from './errors';
export {
  type Histogram,
  histogramFromLengths,
  assertValidHistogram,
  clipHistogram,
  totalCount,
  totalLength,
} from './histogram';
export {
  selectBuckets,
  BUCKET_ALGORITHMS,
  formatBytes,
  type BucketAlgorithm,
  type BucketAlgorithmInfo,
  type SelectOptions,
  type Selection,
} from './select';
export { validateBuckets, type ValidateOptions } from './validate';
export { bucketMetrics, type BucketMetrics, type MetricsOptions } from './metrics';
export { batchMaxDistribution, sampleBatchMaxDistribution, totalVariation, type SampleOptions } from './batched';
export {
  type CostFunction,
  costTable,
  quadraticCost,
  fitQuadraticCost,
  piecewiseLinearCost,
  type QuadraticCoefficients,
} from './cost';
export { optimalPartition, partitionCost, type Partition } from './optimal';
export { bruteForcePartition, bruteForceCombinations, DEFAULT_MAX_COMBINATIONS } from './bruteForce';
export { mulberry32, shuffleInPlace, gaussian } from './random';
export { select2DBuckets, type Size2D, type Select2DOptions, type Selection2D } from './select2d';
export { chooseBuckets, chooseBuckets2D } from './choose';
