import type { BucketAlgorithm } from '../buckets';
import type { BatchLadder } from '../routing';
import { BUCKET_ALGORITHMS } from '../buckets';
import type { BackendChoice } from '../backend';
import type { SessionLayoutChoice } from '../modes';
import { AGGREGATION_STRATEGIES, type AggregationStrategy, type OverflowPolicy } from '../ner';

/** The small settings a link can carry and a reload keeps. */
export interface AppSettings {
  backend: BackendChoice;
  batchSize: number;
  /** Cap on the weights held by bucket sessions, in MB (10^6 bytes); null for no cap. */
  budgetMB: number | null;
  overflow: OverflowPolicy;
  /** Tokens by which long-text windows advance; null for half a window. */
  stride: number | null;
  aggregation: AggregationStrategy;
  /** Entities scored below this are hidden; null for the model's suggestion (config.json), if any. */
  scoreThreshold: number | null;
  /** WebGPU graph capture for the per-bucket sessions (replay recorded GPU commands); ignored on WASM. */
  graphCapture: boolean;
  /**
   * Batch-size buckets: smaller static batch sizes a bucket's last, partial batch runs at instead of
   * empty rows. Each size is one more static session per bucket (weights and warm-up); `off` has none.
   */
  batchLadder: BatchLadder;
  /** One static session per bucket shape, one shared session, or auto: the backend's faster (core/modes). */
  sessionLayout: SessionLayoutChoice;
}

export const DEFAULT_SETTINGS: Readonly<AppSettings> = Object.freeze({
  backend: 'auto',
  batchSize: 8,
  budgetMB: null,
  overflow: 'window',
  stride: null,
  // The bundled model labels each word by its first piece (as most BERT NER fine-tunes do), so `first`
  // gives whole words and lets the model's word-level decoding apply; `simple` can split a word.
  aggregation: 'first',
  scoreThreshold: null,
  // Off by default: it needs a workaround for onnxruntime-web (docs/graph-capture.md) and gains most on
  // a real GPU, where the CPU work it skips is a large part of a run.
  graphCapture: false,
  // On by default: partial batches otherwise compute empty rows at full cost. Powers of 4 leave no empty
  // row either (the ladder starts at 1) with about half the sessions of powers of 2 (16 against 28 for
  // 4 buckets at batch 64), for a few more, smaller batches per bucket.
  batchLadder: 'powers-of-4',
  sessionLayout: 'auto',
});

/** Which model the app loads. Local files cannot survive a reload, so only their names are kept. */
export type ModelChoice =
  { kind: 'bundled'; name: string } | { kind: 'hub'; id: string; host: string } | { kind: 'files'; names: string[] };

export const DEFAULT_HUB_HOST = 'https://huggingface.co/';
export const DEFAULT_MODEL: Readonly<ModelChoice> = Object.freeze({ kind: 'bundled', name: 'bucketwise-ner' });
/** The tiny untrained model shipped for tests; the app falls back to it when the default is missing. */
export const FALLBACK_MODEL_NAME = 'tiny-bert-ner';
export const BUNDLED_MODELS: readonly string[] = Object.freeze(['bucketwise-ner', 'tiny-bert-ner']);

/** How the buckets are placed: the algorithm, k, and whether batches (padded to their longest row) count. */
export interface BucketPlan {
  algorithm: BucketAlgorithm;
  k: number;
  /** Choose on the distribution of a batch's longest item, for batches of `batchSize`. */
  batchAware: boolean;
  /** Batch size of that distribution (may differ from the run batch size). */
  planBatchSize: number;
}

export const DEFAULT_BUCKET_PLAN: Readonly<BucketPlan> = Object.freeze({
  algorithm: 'optimal',
  k: 4,
  batchAware: false,
  planBatchSize: 8,
});

/** What the length histogram is drawn from. */
export type DatasetKind = 'text-sentences' | 'text-lines' | 'sample' | 'file';

export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'wasm'];
export const OVERFLOW_POLICIES: readonly OverflowPolicy[] = ['window', 'truncate', 'reject'];
export const AGGREGATIONS = AGGREGATION_STRATEGIES;
export const DATASET_KINDS: readonly DatasetKind[] = ['text-sentences', 'text-lines', 'sample', 'file'];
export const ALGORITHM_IDS: readonly BucketAlgorithm[] = BUCKET_ALGORITHMS.map((a) => a.id);

/** Largest batch the worker accepts. */
export const MAX_BATCH_SIZE = 256;
/** k above this is never useful in a browser (each bucket is a copy of the weights). */
export const MAX_K = 16;

export function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}
