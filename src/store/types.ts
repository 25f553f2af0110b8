import type { CompareHistoryEntry, LiveMarker, LivePoint, MeasuredBucket } from '../core/charts';
import type { AppSettings, BucketPlan, CompareMeta, DatasetKind, ModelChoice } from '../core/app-state';
import type { BatchLadder, RowTally } from '../core/routing';
import type { BucketedMode } from '../core/modes';
import type {
  Aggregation,
  BackendInfo,
  EntityResult,
  GraphCaptureStatus,
  ModeResult,
  ModelInfo,
  Regime,
  WarmupAtServe,
  WorkProgress,
} from '../protocol/types';

/** An error as the page shows it: what happened, what to do, and the machine code for tests. */
export interface UiError {
  message: string;
  hint?: string;
  code?: string;
}

export interface SettingsSlice {
  settings: AppSettings;
  /** The model the user asked for (the one loaded may be the fallback; see `loadedModelName`). */
  model: ModelChoice;
  /** Problems found reading the link or the saved state, shown once at the top. */
  stateNotices: string[];
  setSettings: (patch: Partial<AppSettings>) => void;
  setModelChoice: (model: ModelChoice) => void;
  dismissStateNotices: () => void;
}

export type Status = 'idle' | 'running' | 'done' | 'error';

export interface EngineSlice {
  backend: BackendInfo | null;
  backendStatus: 'starting' | 'ready' | 'error';
  backendError: UiError | null;
  modelStatus: 'idle' | 'loading' | 'ready' | 'error';
  modelInfo: ModelInfo | null;
  loadedModelName: string | null;
  modelProgress: WorkProgress | null;
  modelError: UiError | null;
  /** Said when the app loaded another model than asked for (the default is not in this build). */
  modelNotice: string | null;
  /** The model being loaded; the store's `model` changes to it only once it has loaded. */
  loadingModel: ModelChoice | null;
  /** Said when the worker crashed or lost its GPU and was restarted. */
  workerNotice: string | null;
}

export interface EntitiesRun {
  /** The text that was classified; the highlights refer to it, not to what the box holds now. */
  text: string;
  entities: EntityResult[];
  tokenCount: number;
  buckets: number[];
  truncated: boolean;
  ms: number;
  /** Sent while the buckets were still warming up: `ms` includes the wait for the buckets the text needs. */
  duringWarmup?: boolean;
  /** The worker's record: served between warm-up steps, with these buckets ready and these still warming. */
  warmupAtServe?: WarmupAtServe;
  /** How word-pieces were merged: a result of another strategy than the one chosen is stale. */
  aggregation?: Aggregation;
}

export interface EntitiesSlice {
  text: string;
  entitiesStatus: Status;
  entitiesRun: EntitiesRun | null;
  entitiesError: UiError | null;
  setText: (text: string) => void;
}

export interface DatasetFile {
  name: string;
  /** The file's text; null after a reload when it was too large to keep. */
  text: string | null;
  tooLargeChars?: number;
  /** What decoding assumed (e.g. a Windows-1252 fallback), in words. */
  notice?: string;
}

export interface DatasetSlice {
  datasetKind: DatasetKind;
  datasetFile: DatasetFile | null;
  datasetStatus: 'idle' | 'loading' | 'tokenizing' | 'ready' | 'error';
  datasetProgress: { done: number; total: number } | null;
  datasetError: UiError | null;
  /** What the parser skipped or assumed, in words. */
  datasetNotes: string[];
  datasetFormat: string | null;
  datasetSize: number;
  /** Token length of each item, special tokens included: what the histogram draws. */
  lengths: number[] | null;
}

export interface WarmupRow {
  bucket: number;
  state: 'waiting' | 'compiling' | 'ready';
  firstRunMs?: number;
  steadyMs?: number;
  reused?: boolean;
  /** GPU pipelines its warm-up compiled (0 on WASM and for a kept session). */
  pipelines?: number;
}

export interface BucketsSlice {
  plan: BucketPlan;
  /** The buckets the handles show (what the user edits). */
  buckets: number[] | null;
  /** The buckets the worker's sessions were last built for. */
  /** `mode`: the session layout they serve (src/core/modes session-layout): bucketed or bucketed-shared. */
  applied: {
    buckets: number[];
    batchSize: number;
    graphCapture: boolean;
    batchLadder: BatchLadder;
    mode: BucketedMode;
    /** What the worker holds after the apply: sessions and the weight bytes they carry (its memory report). */
    sessions: number;
    weightBytes: number;
  } | null;
  applyStatus: Status;
  /** Whether the applied sessions use WebGPU graph capture, and why not when it was asked for. */
  graphCapture: GraphCaptureStatus | null;
  warmup: WarmupRow[];
  /** Steady latency per batch of each applied bucket, for the predicted time per item. */
  measured: { batchSize: number; points: MeasuredBucket[] } | null;
  selectionNotes: string[];
  bucketsError: UiError | null;
  setBuckets: (buckets: number[]) => void;
  setPlan: (patch: Partial<BucketPlan>) => void;
}

export interface CompareSlice {
  compareStatus: 'idle' | 'running' | 'done' | 'error' | 'stopped';
  /** Where the comparison is; `waitingForWarmup` while it waits for a bucket warm-up to end before timing. */
  compareProgress: { fraction: number; message: string; waitingForWarmup?: boolean } | null;
  compareResults: ModeResult[] | null;
  compareMeta: CompareMeta | null;
  compareHistory: CompareHistoryEntry[];
  compareError: UiError | null;
  compareItemLimit: number;
  compareRepetitions: number;
  /** Cold stream (default: what a visitor lives through, compiles included) or steady (every shape seen). */
  compareRegime: Regime;
  setCompareOptions: (patch: {
    compareItemLimit?: number;
    compareRepetitions?: number;
    compareRegime?: Regime;
  }) => void;
}

export interface LiveSlice {
  liveOn: boolean;
  livePoints: LivePoint[];
  liveMarkers: LiveMarker[];
  liveMessage: string | null;
  liveError: UiError | null;
  /** Rows of the bucketed chunks streamed since Live started: computed, holding an item, and empty. */
  liveRows: RowTally;
  /** Static batch sizes the applied sessions offer (batch-size buckets), for the rows line. */
  liveBatchSizes: number[];
  /** Items of this stream the worker served while some buckets were still warming up (its own record). */
  liveServedDuringWarmup: number;
}

export type AppState = SettingsSlice &
  EngineSlice &
  EntitiesSlice &
  DatasetSlice &
  BucketsSlice &
  CompareSlice &
  LiveSlice;
