/**
 * bucketwise: run variable-shape ONNX models at a few static shapes in the browser (WebGPU or WASM).
 * `BucketedSession` is the engine (tensors in, tensors out); `createBucketedWorker` hosts one in a Web
 * Worker; the bucket selection functions choose the shapes. See docs/LIBRARY.md.
 */
export { BucketedSession, type AttachOptions, type BackendChoice } from './bucketed-session';
/** One set of onnxruntime sessions (and one memory budget) that several bucketed sessions attach to. */
export { SessionSet, type SessionSetOptions, type SessionMemoryReport } from './session-set';
export { BucketedSessionError, type BucketedSessionErrorCode } from './errors';
/** The base of every error the library throws (BucketedSessionError, ShapeError, BucketError, RoutingError). */
export { CodedError } from '../core/errors';
export { createBucketedWorker, type BucketedWorkerOptions, type BucketedWorkerSession } from './worker-client';
export { serveBucketedSession } from './worker-host';
export type { PortLike, WorkerSessionOptions } from './worker-protocol';
export type {
  AutoBuckets,
  BatchEvent,
  BatchRow,
  BucketKernel,
  BucketedSessionOptions,
  BucketedStats,
  FeedsInput,
  KernelContext,
  KernelResult,
  OutputTensor,
  ProgressEvent,
  RebucketResult,
  RunManyOptions,
  RunOutputs,
  SessionLayout,
  TensorInput,
} from './types';
// The pure selection functions and padding metrics, for choosing buckets offline or in a settings page.
export {
  chooseBuckets,
  chooseBuckets2D,
  selectBuckets,
  bucketMetrics,
  batchMaxDistribution,
  sampleBatchMaxDistribution,
  histogramFromLengths,
  validateBuckets,
  BUCKET_ALGORITHMS,
  BucketError,
  type BucketAlgorithm,
  type BucketMetrics,
  type Histogram,
  type SelectOptions,
  type Selection,
  type Size2D,
} from '../core/buckets';
export {
  planBatches,
  summarizePlan,
  routeLength,
  pickBucket2D,
  RoutingError,
  type Batch,
  type PlanSummary,
} from '../core/routing';
export { padTo, cropTo, ShapeError, type DenseTensor, type Feeds, type Overflow } from '../core/shapes';
export { readGraphIO, type GraphIO, type GraphValue } from '../core/onnx/graph-io';
