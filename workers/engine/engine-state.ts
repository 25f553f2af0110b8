import type { Transitions } from '../../src/core/ner';
import { WorkerError } from '../../src/protocol/errors';
import type { ConfigureParams, ModelInfo, WarmupAtServe } from '../../src/protocol/types';
import type { SessionSet } from '../../src/lib/session-set';
import { assertDeviceAlive, type BackendState } from './backend';
import type { LoadedModel } from './model-loader';
import type { SpecialIds } from './ner-pipeline';
import type { NerRunner, RunConfig } from './ner-runner';
import type { OcrEngine } from './ocr-engine';
import type { OrtModule } from './ort-runtime';

const MAX_BATCH = 256;

/** The NER model as loaded: what every NER request after `loadModel` works with. */
export interface LoadedState {
  model: LoadedModel;
  wordTransitions: Transitions | null;
  runner: NerRunner;
  info: ModelInfo;
  special: SpecialIds;
}

/** The bucket configuration that runs use, with the modes it was made for. */
export type ConfiguredRun = RunConfig & { modes: ConfigureParams['modes'] };

/** First-run (compile) and steady cost of one warmed shape, in milliseconds. */
export interface WarmTimings {
  first: number;
  steady: number;
}

/**
 * Everything the engine keeps between requests, in one place: the backend and its sessions (from `init`),
 * the NER model (from `loadModel`), the buckets (from `configure`), the OCR engine and the test hooks'
 * flag. Each request reads it through a `require*` guard, which fails in words when a step before it is
 * missing or the GPU device is gone.
 */
export class EngineState {
  backend: BackendState | null = null;
  /** The onnxruntime-web build that runs the backend (from `init`); every session and tensor comes from it. */
  ort: OrtModule | null = null;
  /** The runtime set-up started by `init` (runtime-setup.ts); sessions are created after it. Never rejects. */
  runtimeReady: Promise<void> = Promise.resolve();
  /** Where the app is served from (from `init`): the bundled model and the OCR models are fetched there. */
  appBaseUrl = '';
  pool: SessionSet | null = null;
  loaded: LoadedState | null = null;
  config: ConfiguredRun | null = null;
  ocr: OcrEngine | null = null;
  /** Set by the `failNextRun` test hook: the next run fails once. */
  failNextRun = false;
  /** Warm-up timings of live sessions, so a reconfiguration that keeps a bucket need not re-measure it. */
  readonly warmTimings = new Map<string, WarmTimings>();
  /**
   * The bucket warm-up in progress (set by configure for its duration): its buckets and those ready, i.e.
   * each of whose shapes has run once. A run served between its steps reports them (`warmupAtServe`).
   */
  warmup: { buckets: readonly number[]; ready: ReadonlySet<number> } | null = null;

  /** Which buckets of the warm-up in progress were ready when a run was served; undefined outside one. */
  warmupAtServe(): WarmupAtServe | undefined {
    if (!this.warmup) return undefined;
    const { buckets, ready } = this.warmup;
    const ascending = (list: number[]) => list.sort((a, b) => a - b);
    return {
      ready: ascending(buckets.filter((b) => ready.has(b))),
      pending: ascending(buckets.filter((b) => !ready.has(b))),
    };
  }

  requireBackend(): { backend: BackendState; pool: SessionSet; ort: OrtModule } {
    const { backend, pool, ort } = this;
    if (!backend || !pool || !ort) {
      throw new WorkerError('INTERNAL', 'The worker was not initialised.', 'Reload the page.');
    }
    assertDeviceAlive(backend);
    return { backend, pool, ort };
  }

  requireModel(): LoadedState {
    this.requireBackend();
    if (!this.loaded) throw new WorkerError('NO_MODEL', 'No model is loaded.', 'Load a model first.');
    return this.loaded;
  }

  requireConfig(): { loaded: LoadedState; config: ConfiguredRun } {
    const loaded = this.requireModel();
    const { config } = this;
    if (!config) throw new WorkerError('NO_MODEL', 'No buckets are configured.', 'Apply a bucket configuration first.');
    if (this.failNextRun) {
      this.failNextRun = false;
      throw new WorkerError('INTERNAL', 'Injected failure (test hook).');
    }
    return { loaded, config };
  }

  /** The OCR engine exists from `init` on, together with the sessions it runs in. */
  requireOcr(): OcrEngine {
    this.requireBackend();
    if (!this.ocr) throw new WorkerError('INTERNAL', 'The worker was not initialised.', 'Reload the page.');
    return this.ocr;
  }
}

export function checkBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) {
    throw new WorkerError(
      'BAD_INPUT',
      `Batch size ${batchSize} is not allowed: use a whole number from 1 to ${MAX_BATCH}.`,
      'Change the batch size.',
    );
  }
}
