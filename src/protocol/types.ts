/**
 * Plain, structured-clone-safe data types shared by the page and the worker. The domain types that src/core
 * also works with (modes, backends, entities, benchmark results) are declared there and handed on here, so
 * core never imports the protocol.
 */
import type { Backend, BackendInfo } from '../core/backend';
import type { AggregationStrategy, EntityResult, OverflowPolicy } from '../core/ner';
import type { Mode, ModeResult, Regime } from '../core/modes';

export type { AdapterInfo, Backend, BackendChoice, BackendInfo } from '../core/backend';
export type { CompileSplit } from '../core/compiles';
export type { EntityResult, OverflowPolicy } from '../core/ner';
export { MODES, REGIMES, type Mode, type ModeResult, type Regime, type RunFigures } from '../core/modes';

/** The aggregation strategy of token classification (src/core/ner), by its name in requests. */
export type Aggregation = AggregationStrategy;

export type ModelSource =
  | { kind: 'bundled'; name: string }
  | { kind: 'hub'; id: string; host: string }
  | { kind: 'files'; files: { name: string; bytes: ArrayBuffer }[] };

export interface LoadModelParams {
  source: ModelSource;
}

export interface ModelInfo {
  name: string;
  labels: string[];
  maxPositions: number;
  inputNames: string[];
  idType: 'int64' | 'int32';
  modelBytes: number;
  /** Files read from the browser's model cache instead of the network (none on a first visit). */
  fromCache?: string[];
  /** What the page should say about the load, e.g. a file that could not be kept for the next visit. */
  notes?: string[];
  /** The model's suggested score threshold (config.json bucketwise.scoreThreshold); absent: none. */
  scoreThreshold?: number;
  /** The backend after the start-up race this load ran (auto on a hardware adapter, first load only). */
  backend?: BackendInfo;
}

export interface BucketConfig {
  buckets: number[];
  batchSize: number;
  /** Cap on the bytes of weights held by per-bucket sessions; undefined = no cap. */
  budgetBytes?: number;
  graphCapture?: boolean;
  /**
   * Batch-size buckets of the bucketed modes: the static batch sizes (batchSize included) a bucket's
   * partial batch may run at instead of empty rows; absent or [batchSize]: full batches only.
   */
  batchSizes?: number[];
}

export interface ConfigureParams extends BucketConfig {
  /** Which modes must be ready to run; sessions the modes do not need are not created. */
  modes: Mode[];
  /**
   * The buckets to build and warm up in this request (default: every bucket the modes need), one per
   * step, smallest first; runs queued meanwhile are served between two steps as soon as their buckets are
   * warm (workers/engine/warm-schedule.ts). A run on a bucket not warmed here builds its session itself.
   */
  warmBuckets?: number[];
  /**
   * A run the page expects next (the text in the box): the buckets it needs are warmed first, so that a
   * Run pressed during the warm-up waits for them alone.
   */
  expectedRun?: Pick<ClassifyParams, 'texts' | 'overflow' | 'stride' | 'mode'>;
}

export interface BucketStatus {
  length: number;
  /** First run of this shape: shader compilation and allocation on WebGPU. */
  firstRunMs: number;
  /** Median of the warm-up runs after the first. */
  steadyMs: number;
  /** Weights of this bucket's sessions: one copy per static batch size. */
  weightBytes: number;
  /** Static batch sizes this bucket has a session for (batch-size buckets; [batchSize] without them). */
  batchSizes?: number[];
  /** True when the session was kept from the previous configuration instead of rebuilt. */
  reused: boolean;
  /** GPU pipelines and shader modules its warm-up created (0 on WASM, or when reused). */
  compiles?: { pipelines: number; shaderModules: number };
}

export interface GraphCaptureStatus {
  requested: boolean;
  active: boolean;
  reason?: string;
}

export interface SessionMemory {
  key: string;
  weightBytes: number;
}

export interface MemoryReport {
  sessions: SessionMemory[];
  totalWeightBytes: number;
  sessionCount: number;
  /** performance.memory.usedJSHeapSize where the browser exposes it. */
  jsHeapBytes?: number;
}

export interface ConfigureResult {
  buckets: BucketStatus[];
  /** GPU pipelines and shader modules the warm-up created (all 0 on WASM). */
  compiles?: { pipelines: number; shaderModules: number };
  dynamicSession?: { firstRunMs: number; weightBytes: number };
  memory: MemoryReport;
  graphCapture: GraphCaptureStatus;
}

export interface WorkProgress {
  stage: 'download' | 'session' | 'warmup' | 'run';
  message: string;
  loaded?: number;
  total?: number;
  bucket?: number;
  firstRunMs?: number;
  steadyMs?: number;
}

export interface TokenizeParams {
  texts: string[];
}

export interface TokenizeResult {
  /** Token count of each text including the special tokens the model sees. */
  lengths: number[];
}

export interface ClassifyParams {
  texts: string[];
  aggregation: Aggregation;
  ignoreLabels?: string[];
  overflow: OverflowPolicy;
  /** Tokens by which consecutive windows advance; defaults to half a window. */
  stride?: number;
  mode: Mode;
}

export interface BucketLatency {
  bucket: number;
  items: number;
  batches: number;
  p50Ms: number;
  p95Ms: number;
}

export interface RunStats {
  mode: Mode;
  backend: Backend;
  items: number;
  batches: number;
  realTokens: number;
  computedTokens: number;
  paddingEfficiency: number;
  totalMs: number;
  batchLatenciesMs: number[];
  perBucket: BucketLatency[];
  /** Filled rows (items or windows) of each batch, in plan order. */
  batchItemCounts?: number[];
  /** Rows computed in each batch (its static batch size), in plan order; minus the filled ones: empty rows. */
  batchRows?: number[];
  /** GPU pipelines plus shader modules created while each batch ran (all 0 on WASM). */
  batchCompiles?: number[];
}

export interface ClassifyItemResult {
  entities: EntityResult[];
  tokenCount: number;
  /** Bucket (sequence length) each window of this text ran in; one entry unless windowed. */
  buckets: number[];
  truncated: boolean;
}

/** The worker's record of a warm-up a run was served during: which of its buckets were ready then. */
export interface WarmupAtServe {
  /** Buckets of the warm-up ready when the run was served, ascending. */
  ready: number[];
  /** Buckets of the warm-up not ready yet (the run did not need them), ascending. */
  pending: number[];
}

export interface ClassifyResult {
  results: ClassifyItemResult[];
  stats: RunStats;
  /** Present when the run was served between the steps of a bucket warm-up. */
  warmup?: WarmupAtServe;
}

export interface LogitsParams {
  /** Token ids including special tokens, one array per input. */
  inputIds: number[][];
  mode: Mode;
}

export interface LogitsResult {
  /** Per input: logits of its real tokens, row-major [tokens x labels]. */
  logits: Float32Array[];
  buckets: number[];
  stats: RunStats;
}

export interface BenchmarkParams {
  texts: string[];
  modes: Mode[];
  batchSize: number;
  buckets: number[];
  warmupRuns: number;
  repetitions: number;
  /** Default `steady`. A `cold` run is one pass per mode; run each mode in a fresh worker for its own compiles. */
  regime?: Regime;
  /** Smaller static batch sizes for partial batches (1, 2, 4, ...); default on when batchSize > 1. */
  batchSizeBuckets?: boolean;
  /** The static batch sizes of those batch-size buckets (batchSize included); default 1, 2, 4, ..., batchSize. */
  batchSizes?: number[];
}

export interface BenchmarkProgress {
  mode: Mode;
  repetition: number;
  done: number;
  total: number;
  message: string;
}

export interface BenchmarkResult {
  results: ModeResult[];
  itemsUsed: number;
}

export interface Bucket2D {
  h: number;
  w: number;
}

export interface OcrConfigureParams {
  detBuckets: Bucket2D[];
  recWidths: number[];
  recBatchSize: number;
}

export interface OcrConfigureResult {
  detBuckets: Bucket2D[];
  recWidths: number[];
  memory: MemoryReport;
}

export interface RgbaImageData {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface OcrParams {
  image: RgbaImageData;
  /** `unpadded`: the image and each line at their own sizes, the accuracy reference (see OcrPipeline). */
  mode: 'bucketed' | 'pad-to-max' | 'unpadded';
}

export interface OcrLine {
  /** In the coordinates of the image sent; `score` is the detector's mean text probability in it. */
  box: { x: number; y: number; w: number; h: number; score?: number };
  text: string;
  confidence: number;
}

export interface OcrResultMessage {
  lines: OcrLine[];
  bucket: Bucket2D;
  paddingShare: number;
  droppedInPadding: number;
  /** Milliseconds; sessionMs is time spent creating sessions for new shapes, left out of the others. */
  timings: { detMs: number; recMs: number; totalMs: number; sessionMs?: number };
  scaledFrom?: { width: number; height: number };
  /** The image's size inside the detector bucket, before padding. */
  detInput?: Bucket2D;
  /** Share of the recogniser's input columns that were padding. */
  recPaddingShare?: number;
  recRuns?: number;
}
