/**
 * Shapes around a model call for a bucketed session: route an input of any size to a bucket (one or two
 * dimensions), pad it there, stack rows into static batches of the allowed sizes, crop outputs back to
 * the real size, and count what it cost. Pure functions on typed arrays; see each export's TSDoc.
 */
export { ShapeError, type ShapeErrorCode } from './errors';
export {
  padTo,
  cropTo,
  sliceAxis,
  stackRows,
  takeRow,
  elementCount,
  type DenseTensor,
  type NumericArray,
} from './ndarray';
export { routeShape, normalizeBuckets, type Overflow, type ShapeRoute } from './route-shape';
export {
  splitByBatchSizes,
  planBucketRuns,
  planDynamicRuns,
  normalizeBatchSizes,
  type BucketRun,
  type DynamicRun,
} from './batch-sizes';
export { StatsRecorder, type BucketStats, type SessionStats } from './stats';
export {
  rowCount,
  rowOf,
  measureRow,
  truncateRow,
  windowOfRow,
  padRow,
  stackBatch,
  outputAxes,
  cropOutputRow,
  mergeWindowOutputs,
  concatRows,
  type Feeds,
  type InputLayout,
} from './pieces';
export { toElementType, allocateFor, bytesPerElement, viewBytesAs, isElementType, type ElementType } from './dtype';
export { resolveModelAxes, overridesFor, staticDims, type ModelAxes, type ValueAxes } from './model-axes';
