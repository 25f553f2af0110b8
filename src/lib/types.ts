import type * as Ort from 'onnxruntime-web';
import type { BucketAlgorithm } from '../core/buckets';
import type { DenseTensor, Feeds, NumericArray, Overflow, SessionStats } from '../core/shapes';

/** A tensor given to `run`: typed data (or a plain number list) and its dims. onnxruntime Tensors fit too. */
export interface TensorInput {
  data: NumericArray | readonly number[] | readonly bigint[];
  dims: readonly number[];
}

/** Model inputs by name. */
export type FeedsInput = Record<string, TensorInput>;

/** A model output, sliced back to the real size along the bucketed dims. */
export interface OutputTensor extends DenseTensor {
  /** ONNX element type, e.g. 'float32'. */
  type: string;
}

export type RunOutputs = Record<string, OutputTensor>;

/** What a bucket kernel sees: the session's buckets, the row's sizes, and the default padding. */
export interface KernelContext {
  /** The buckets, each one size per bucketed dim (in `dims` order). */
  buckets: readonly (readonly number[])[];
  dims: readonly string[];
  /** The row's sizes along the bucketed dims. */
  sizes: readonly number[];
  /** The default padding of a row to a bucket (pad values per input). */
  pad(row: Feeds, bucketIndex: number): Feeds;
}

/**
 * What a bucket kernel returns for one row: the bucket to run, the row already at that bucket's size,
 * and how much of each bucketed dim holds real data (outputs are cropped to it; default: the row's sizes).
 */
export interface KernelResult {
  bucketIndex: number;
  feeds: Feeds;
  valid?: readonly number[];
}

/** A user function that picks the bucket of one row (batch 1) and pads it, like torch-neuronx's bucket kernel. */
export type BucketKernel = (row: Feeds, context: KernelContext) => KernelResult;

/** Buckets chosen from sample sizes with one of the core algorithms. */
export interface AutoBuckets {
  /** Sample lengths (one bucketed dim) or [height, width] pairs (two). */
  samples: readonly number[] | readonly (readonly [number, number])[];
  /** Algorithm for one dim (default 'optimal'); two dims use the 2-D search. */
  algorithm?: BucketAlgorithm;
  /** Number of buckets (default 4). */
  k?: number;
  /** Largest bucket for one dim, e.g. the model's maximum positions. */
  cap?: number;
  /** Two dims: bucket sides are multiples of this (default 32). */
  multipleOf?: number;
}

export type ProgressEvent =
  | { phase: 'download'; loadedBytes: number; totalBytes: number | null }
  | { phase: 'session'; key: string; ms: number }
  | { phase: 'warmup'; done: number; total: number; key: string };

/** How a bucketed session maps shapes to onnxruntime sessions: see `BucketedSessionOptions.sessions`. */
export type SessionLayout = 'static' | 'shared' | 'dynamic';

/** One filled row of a model call: which item and row of `runMany`'s input, and its real size. */
export interface BatchRow {
  item: number;
  row: number;
  /** Real size along each bucketed dim (a window's or a truncated row's size when overflow split it). */
  valid: number[];
}

/** Before ('start') and after ('end') each model call of `runMany`: progress and per-call figures. */
export interface BatchEvent {
  phase: 'start' | 'end';
  /** 0-based index of the call, and the number of calls this `runMany` makes. */
  index: number;
  total: number;
  /** The shape the rows were padded to (a bucket, or the batch's own largest row when `sessions: 'dynamic'`). */
  bucket: number[];
  /** Rows computed: the static batch size (empty rows included), or the filled rows of a dynamic batch. */
  batchSize: number;
  rows: BatchRow[];
  /** The onnxruntime session it runs on. */
  sessionKey: string;
  /** 'end' only: whether the call created its session, the time that took, and the run's own time. */
  newSession?: boolean;
  sessionMs?: number;
  runMs?: number;
}

export interface RunManyOptions {
  /** Stops before the next model call; `runMany` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Awaited before and after each model call. */
  onBatch?: (event: BatchEvent) => void | Promise<void>;
}

export interface BucketedSessionOptions {
  /** The ONNX model as bytes, or a URL to fetch it from (fetched once; every session reuses the bytes). */
  model: Uint8Array | ArrayBuffer | string | URL;
  /** 'auto' (default) takes WebGPU when an adapter is there, WASM otherwise. */
  backend?: 'auto' | 'webgpu' | 'wasm';
  /** Names of the free dimensions to bucket, as the model declares them: one, or two (height, width). */
  dims: readonly string[];
  /** Bucket sizes: numbers for one dim, [height, width] pairs for two. Give this or `auto`. */
  buckets?: readonly (number | readonly number[])[];
  auto?: AutoBuckets;
  /** Static batch sizes (each one a session per bucket); default [1]. */
  batchSizes?: readonly number[];
  /** The batch dimension's name; default the free dim on axis 0 of the first input. null: the batch is fixed. */
  batchDim?: string | null;
  /** Picks the bucket and pads a row; default the smallest bucket that holds it, padded at the end. */
  kernel?: BucketKernel;
  /** Inputs beyond the largest bucket: 'reject' (default), 'truncate' or 'windows' (one dim only). */
  overflow?: Overflow;
  /** Step between windows; default half the largest bucket. */
  windowStride?: number;
  /** Value to pad each input with (e.g. { input_ids: padTokenId }); default 0 for every input. */
  padValues?: Record<string, number>;
  /**
   * 'static' (default): a session per (batch, bucket) shape. 'shared': one dynamic session fed the same
   * padded shapes. 'dynamic': bucketing off, the baseline to measure it against: one dynamic session, rows
   * batched in arrival order and each batch padded only to its own largest row (every new shape compiles
   * on WebGPU). The buckets then only bound the input size (the largest one, with `overflow`).
   */
  sessions?: SessionLayout;
  /**
   * One bucketed dim only: what fills the empty rows of a static batch, as each input's leading values
   * (e.g. { input_ids: [clsId], attention_mask: [1] }, a lone [CLS]); the rest of the row is padding.
   * Default: all padding (an attention mask of zeros, a case some attention kernels answer with NaN in
   * that row; its outputs are never read).
   */
  emptyRow?: Record<string, readonly number[]>;
  /**
   * Outputs come back at the shape the rows ran at (the bucket), padding included, instead of cropped to
   * each row's real size: for callers that read what the model did in the padding (the app's OCR counts
   * text found there). Not with `overflow: 'windows'`, whose windows are merged by their real sizes.
   */
  keepPadding?: boolean;
  /** WebGPU graph capture for the static sessions (replays the recorded GPU commands); ignored on WASM. */
  graphCapture?: boolean;
  /** Bytes the sessions may hold together; each holds a copy of the weights. Least recently used sessions make room. */
  memoryBudget?: number;
  onProgress?: (event: ProgressEvent) => void;
  /** The onnxruntime-web module to use; default `import('onnxruntime-web')`. */
  ort?: typeof Ort;
  /** Extra onnxruntime session options (execution providers and shape overrides are set by the session). */
  sessionOptions?: Ort.InferenceSession.SessionOptions;
}

/** What `stats()` returns. */
export interface BucketedStats extends SessionStats {
  backend: 'webgpu' | 'wasm';
  /** Why this backend, in words. */
  backendReason: string;
  buckets: number[][];
  batchSizes: number[];
  sessions: SessionLayout;
  /** Sessions alive now, and the weight bytes they hold. */
  liveSessions: number;
  weightBytes: number;
  /** Notes from choosing buckets automatically (why k changed, and so on). */
  notes: string[];
}

/** What `rebucket` changed: bucket keys like "32" or "640x640". */
export interface RebucketResult {
  kept: string[];
  added: string[];
  removed: string[];
}
