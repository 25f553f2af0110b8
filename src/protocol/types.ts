/** Plain, structured-clone-safe data types shared by the page and the worker. */

export type BackendChoice = 'auto' | 'webgpu' | 'wasm';
export type Backend = 'webgpu' | 'wasm';

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

export interface BackendInfo {
  backend: Backend;
  adapter?: AdapterInfo;
  /** Why WebGPU is not in use, in words, when the backend is WASM. */
  fallbackReason?: string;
  /** The software WebGPU adapter that "auto" passed over for WASM (see src/core/backend). */
  passedOverAdapter?: AdapterInfo;
  crossOriginIsolated: boolean;
  wasmThreads: number;
}

/** How the same model and inputs are run; see NerRunner in workers/engine/ner-runner.ts. */
export type Mode = 'bucketed' | 'bucketed-shared' | 'pad-to-max' | 'dynamic';
export const MODES: readonly Mode[] = ['bucketed', 'bucketed-shared', 'pad-to-max', 'dynamic'];

/**
 * How a benchmark meets its items. `cold`: fresh sessions, each mode warms only what it can know before
 * traffic (the static modes their shapes, dynamic one run), then the items stream through once, compiles
 * included. `steady`: every shape has been seen before timing, so no compile is in the figures.
 */
export type Regime = 'cold' | 'steady';
export const REGIMES: readonly Regime[] = ['cold', 'steady'];

/** GPU pipelines plus shader modules created, split into warm-up and traffic (always 0 on WASM). */
export interface CompileSplit {
  warmup: number;
  traffic: number;
}

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
}

export interface BucketConfig {
  buckets: number[];
  batchSize: number;
  /** Cap on the bytes of weights held by per-bucket sessions; undefined = no cap. */
  budgetBytes?: number;
  graphCapture?: boolean;
}

export interface ConfigureParams extends BucketConfig {
  /** Which modes must be ready to run; sessions the modes do not need are not created. */
  modes: Mode[];
  /**
   * The buckets to build and warm up in this request (default: every bucket the modes need). The page
   * passes [] to switch to the buckets at once and then warms them one request at a time, smallest first,
   * so that a run can go between two warm-ups instead of waiting for all of them; a run on a bucket not
   * warmed yet builds its session itself.
   */
  warmBuckets?: number[];
}

export interface BucketStatus {
  length: number;
  /** First run of this shape: shader compilation and allocation on WebGPU. */
  firstRunMs: number;
  /** Median of the warm-up runs after the first. */
  steadyMs: number;
  weightBytes: number;
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

export type Aggregation = 'none' | 'simple' | 'first' | 'average' | 'max';
export type OverflowPolicy = 'window' | 'truncate' | 'reject';

export interface ClassifyParams {
  texts: string[];
  aggregation: Aggregation;
  ignoreLabels?: string[];
  overflow: OverflowPolicy;
  /** Tokens by which consecutive windows advance; defaults to half a window. */
  stride?: number;
  mode: Mode;
}

export interface EntityResult {
  entity?: string;
  entity_group?: string;
  score: number;
  word: string;
  start: number;
  end: number;
  index?: number;
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

export interface ClassifyResult {
  results: ClassifyItemResult[];
  stats: RunStats;
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
}

export interface ModeResult {
  mode: Mode;
  backend: Backend;
  items: number;
  itemsPerSec: number;
  tokensPerSec: number;
  p50Ms: number;
  p95Ms: number;
  paddingEfficiency: number;
  realTokens: number;
  computedTokens: number;
  /** Sum over this mode's shapes of the first (compiling) run. */
  firstRunMs: number;
  firstRunByShape: Record<string, number>;
  sessionBytes: number;
  /** items/s of this mode over items/s of pad-to-max in the same run. */
  ratioToPadToMax: number | null;
  /** pad-to-max computed tokens over this mode's: the speed-up if time were proportional to tokens. */
  idealSpeedup: number | null;
  /**
   * items/s of each timed pass, in repetition order. Within a repetition the modes run back to back, so
   * ratios taken pass by pass (and their median) resist a load spike that hits one pass.
   */
  itemsPerSecByRepetition?: number[];
  regime: Regime;
  /** GPU pipelines plus shader modules created by this mode: before traffic, and while serving it. */
  compiles: CompileSplit;
  /** Compiles by batch shape "rows x length"; shapes that compiled nothing are absent. */
  compilesByShape?: Record<string, CompileSplit>;
  /**
   * Cold regime: pipelines and shader modules the worker had created before this mode started. The GPU
   * program cache is per worker, not per session, so a mode that follows others may reuse their work.
   */
  compilesBefore?: number;
  /** Time spent warming up before traffic (cold: this mode's warm-up; steady: warming every shape). */
  warmupMs: number;
  /** Time to serve the items once (steady: mean over the timed passes). */
  trafficMs: number;
  /** Per item: time from the start of its batch's run to that batch's result (batch 1: its own run). */
  latencyMs: { p50: number; p95: number; max: number };
  /** Rows computed per pass and how many of them were empty padding rows. */
  rows?: number;
  emptyRows?: number;
  /** Static batch sizes the plan used (batch-size buckets), e.g. [1, 2, 4, 8]. */
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
