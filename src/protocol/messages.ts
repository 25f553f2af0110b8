/**
 * The wire protocol between the page and the inference worker.
 *
 * Every request carries an id; the worker answers each id exactly once with `result` or `error`, and may
 * send any number of `progress` replies before that. Errors travel as plain values and are rethrown on
 * the page as a typed `WorkerError`, so the page can tell a cancelled run from a bad model.
 * Each request kind maps to its params, result and progress types in `RequestMap`, which both sides use,
 * so adding a kind without handling it fails to compile.
 */
import type { AppStateErrorCode } from '../core/app-state/errors';
import type { BucketErrorCode } from '../core/buckets/errors';
import type { ChartDataErrorCode } from '../core/charts/errors';
import type { ConllErrorCode } from '../core/datasets/conll';
import type { DatasetErrorCode } from '../core/datasets/text';
import type { ConllevalErrorCode } from '../core/eval/conlleval';
import type { ImagesErrorCode } from '../core/images/errors';
import type { NerErrorCode } from '../core/ner/errors';
import type { OcrErrorCode } from '../core/ocr/errors';
import type { RoutingErrorCode } from '../core/routing/errors';
import type { ShapeErrorCode } from '../core/shapes/errors';
import type {
  BackendChoice,
  BackendInfo,
  BenchmarkParams,
  BenchmarkProgress,
  BenchmarkResult,
  ClassifyParams,
  ClassifyResult,
  ConfigureParams,
  ConfigureResult,
  LoadModelParams,
  LogitsParams,
  LogitsResult,
  MemoryReport,
  ModelInfo,
  OcrParams,
  OcrResultMessage,
  OcrConfigureParams,
  OcrConfigureResult,
  TokenizeParams,
  TokenizeResult,
  WorkProgress,
} from './types';

export interface InitParams {
  appBaseUrl: string;
  backend: BackendChoice;
  /** Allow the `testHook` request and `simulateFault` (Playwright tests only). */
  testHooks?: boolean;
  /** Test-only: pretend WebGPU is unavailable in one of the ways real browsers fail. */
  simulateFault?: 'noAdapter' | 'requestDeviceFails';
  /** Test-only: "auto" races a software adapter against WASM as it would a hardware one. */
  raceSoftwareAdapter?: boolean;
}

export interface RequestMap {
  init: { params: InitParams; result: BackendInfo; progress: never };
  loadModel: { params: LoadModelParams; result: ModelInfo; progress: WorkProgress };
  configure: { params: ConfigureParams; result: ConfigureResult; progress: WorkProgress };
  tokenize: { params: TokenizeParams; result: TokenizeResult; progress: never };
  classify: { params: ClassifyParams; result: ClassifyResult; progress: WorkProgress };
  logits: { params: LogitsParams; result: LogitsResult; progress: never };
  benchmark: { params: BenchmarkParams; result: BenchmarkResult; progress: BenchmarkProgress };
  memory: { params: Record<string, never>; result: MemoryReport; progress: never };
  ocrConfigure: { params: OcrConfigureParams; result: OcrConfigureResult; progress: WorkProgress };
  ocr: { params: OcrParams; result: OcrResultMessage; progress: WorkProgress };
  /** Test hooks: only honoured when the worker was initialised by a test build or with ?testHooks. */
  testHook: { params: { hook: 'crash' | 'loseDevice' | 'failNextRun' }; result: { ok: true }; progress: never };
}

export type RequestType = keyof RequestMap;

export type Request = {
  [K in RequestType]: { kind: 'request'; id: number; type: K; params: RequestMap[K]['params'] };
}[RequestType];

/** Asks the worker to abort the request `targetId`; it is answered with a `Cancelled` error. */
export interface CancelMessage {
  kind: 'cancel';
  targetId: number;
}

export type ToWorker = Request | CancelMessage;

export interface SerializedError {
  name: string;
  message: string;
  code: ErrorCode;
  /** What the user can do about it, shown under the message. */
  hint?: string;
}

/** Codes of failures the worker itself names (its state, the model, the backend). */
export type WorkerErrorCode =
  | 'CANCELLED'
  | 'BAD_INPUT'
  | 'BAD_MODEL'
  | 'MODEL_LOAD_FAILED'
  | 'NO_MODEL'
  | 'OVER_BUDGET'
  | 'TEXT_TOO_LONG'
  | 'DEVICE_LOST'
  | 'BACKEND_UNAVAILABLE'
  | 'WORKER_CRASHED'
  | 'NETWORK'
  | 'INTERNAL';

/** Codes of the src/core errors, which cross the worker boundary unchanged (see serializeError). */
export type CoreErrorCode =
  | AppStateErrorCode
  | BucketErrorCode
  | ChartDataErrorCode
  | ConllErrorCode
  | ConllevalErrorCode
  | DatasetErrorCode
  | ImagesErrorCode
  | NerErrorCode
  | OcrErrorCode
  | RoutingErrorCode
  | ShapeErrorCode;

export type ErrorCode = WorkerErrorCode | CoreErrorCode;

export type FromWorker =
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; error: SerializedError }
  | { kind: 'progress'; id: number; progress: unknown }
  /** Sent once when the worker module has evaluated, so the client knows it is alive. */
  | { kind: 'ready' };
