import * as transformers from '@huggingface/transformers';
import * as ort from 'onnxruntime-web/webgpu';
import { validateBuckets } from '../../src/core/buckets';
import { normalizeBatchSizes } from '../../src/core/routing';
import { scoreThresholdFromConfig, wordTransitionsFromConfig, type Transitions } from '../../src/core/ner';
import { WorkerError } from '../../src/protocol/errors';
import type { BucketStatus, ConfigureParams, GraphCaptureStatus, ModelInfo } from '../../src/protocol/types';
import type { Engine } from '../handler';
import { throwIfCancelled } from '../cancellation';
import { assertDeviceAlive, selectBackend, type BackendState } from './backend';
import { runBenchmark } from './benchmark';
import { compileLedger, watchCompiles } from './compile-watch';
import { loadModel, readModelInputs, type LoadedModel } from './model-loader';
import { classifyTexts, encodeTexts, type SpecialIds } from './ner-pipeline';
import { latencySummary, NerRunner, DYNAMIC_KEY, type RunConfig } from './ner-runner';
import { NetworkGuard } from './network-guard';
import { OcrEngine } from './ocr-engine';
import type { SessionSet } from '../../src/lib/session-set';
import { createWorkerSessions } from './worker-sessions';
import { bucketsForTexts, bucketsNeededBy, nextWarmStep } from './warm-schedule';

/**
 * Puts the worker's network allowlist in front of every fetch (ours, ORT's, transformers.js's) and quiets
 * the libraries. Called once by the worker's entry point before any engine exists, never as a side effect
 * of importing this module, so that tests and other hosts can import the engine without it.
 */
export function installWorkerGuards(): NetworkGuard {
  // transformers.js is imported for its tokenizers; keep it from touching the network on its own.
  transformers.env.allowRemoteModels = false;
  const network = new NetworkGuard(globalThis.fetch);
  globalThis.fetch = network.fetch;
  transformers.env.fetch = network.fetch;
  // ORT warns on every session that shape ops run on the CPU (by design); only errors are worth a console line.
  ort.env.logLevel = 'error';
  return network;
}

const MAX_BATCH = 256;
const WARMUP_STEADY_RUNS = 2;

interface LoadedState {
  model: LoadedModel;
  wordTransitions: Transitions | null;
  runner: NerRunner;
  info: ModelInfo;
  special: SpecialIds;
}

export interface EngineOptions {
  /** The allowlist installed by `installWorkerGuards`; a chosen model host is added to it. */
  network: NetworkGuard;
  /** Test hooks (crash, lose the device) are honoured only when the page asked for them at init. */
  allowTestHooks: () => boolean;
  crash: () => void;
}

/** The real engine: onnxruntime-web sessions for the NER model and the OCR models. */
export function createEngine(options: EngineOptions): Engine {
  let backendRef: BackendState | null = null;
  const engine = createEngineMethods(options, (b) => (backendRef = b));
  return guardDeviceLoss(engine, () => backendRef);
}

/**
 * When the GPU device is lost, ORT fails in its own words (or the run is cut off by our race with
 * `device.lost`). Either way the page must see DEVICE_LOST, which makes the client start a fresh worker.
 * `device.lost` settles a moment after the failure, so give it that moment before deciding.
 */
function guardDeviceLoss(engine: Engine, backend: () => BackendState | null): Engine {
  const guarded = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(engine) as [string, (p: unknown, c: unknown) => Promise<unknown>][]) {
    guarded[name] = async (params: unknown, ctx: unknown) => {
      try {
        return await method(params, ctx);
      } catch (err) {
        const state = backend();
        if (state?.device && (err as WorkerError).code !== 'CANCELLED') {
          await Promise.race([state.lost, new Promise((r) => setTimeout(r, 100))]).catch(() => undefined);
          assertDeviceAlive(state);
        }
        throw err;
      }
    };
  }
  return guarded as Engine;
}

function createEngineMethods(options: EngineOptions, onBackend: (b: BackendState) => void): Engine {
  let backend: BackendState | null = null;
  let appBaseUrl = '';
  let pool: SessionSet | null = null;
  let loaded: LoadedState | null = null;
  let config: (RunConfig & { modes: ConfigureParams['modes'] }) | null = null;
  let failNextRun = false;
  let ocr: OcrEngine | null = null;
  /** Warm-up timings of live sessions, so a reconfiguration that keeps a bucket need not re-measure it. */
  const warmTimings = new Map<string, { first: number; steady: number }>();

  const requireBackend = () => {
    if (!backend || !pool) throw new WorkerError('INTERNAL', 'The worker was not initialised.', 'Reload the page.');
    assertDeviceAlive(backend);
    return { backend, pool };
  };
  const requireModel = () => {
    requireBackend();
    if (!loaded) throw new WorkerError('NO_MODEL', 'No model is loaded.', 'Load a model first.');
    return loaded;
  };
  const requireConfig = () => {
    const l = requireModel();
    if (!config) throw new WorkerError('NO_MODEL', 'No buckets are configured.', 'Apply a bucket configuration first.');
    if (failNextRun) {
      failNextRun = false;
      throw new WorkerError('INTERNAL', 'Injected failure (test hook).');
    }
    return { loaded: l, config };
  };
  const checkBatchSize = (batchSize: number) => {
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) {
      throw new WorkerError(
        'BAD_INPUT',
        `Batch size ${batchSize} is not allowed: use a whole number from 1 to ${MAX_BATCH}.`,
        'Change the batch size.',
      );
    }
  };

  return {
    async init(params) {
      appBaseUrl = params.appBaseUrl;
      if (pool) await pool.releaseAll();
      loaded = null;
      config = null;
      backend = await selectBackend(ort, params.backend, options.allowTestHooks() ? params.simulateFault : undefined);
      const state = backend;
      // Before any session exists, so that every pipeline ORT builds in this worker is counted.
      if (state.device) watchCompiles();
      onBackend(state);
      pool = createWorkerSessions(
        ort,
        () => state.info.backend,
        () => state.lost,
      );
      ocr = new OcrEngine(ort, pool, appBaseUrl);
      return { value: state.info };
    },

    async loadModel(params, ctx) {
      const { pool } = requireBackend();
      // A transaction: everything that can fail (host, download, config, tokenizer, graph) happens before
      // the loaded model is touched, so a failed or cancelled load leaves it loaded and usable.
      const outcome = await loadModel(params.source, appBaseUrl, ctx.progress, ctx.signal, (host) =>
        options.network.allowHost(host),
      );
      const model = outcome.model;
      const { inputNames, idType, outputName } = readModelInputs(model.modelBytes, params.source);
      throwIfCancelled(ctx.signal);
      await pool.releaseAll((key) => key.startsWith('ocr'));
      loaded = null;
      config = null;
      warmTimings.clear();
      const tok = model.tokenizer;
      const special = {
        cls: tok.convert_tokens_to_ids('[CLS]') as number,
        sep: tok.convert_tokens_to_ids('[SEP]') as number,
      };
      const padId = tok.pad_token_id ?? 0;
      const runner = new NerRunner(
        ort,
        pool,
        {
          bytes: model.modelBytes,
          idType,
          inputNames,
          outputName,
          numLabels: model.config.labels.length,
          clsId: special.cls,
          padId,
        },
        () => requireBackend().backend.info.backend,
      );
      const info: ModelInfo = {
        name: model.name,
        labels: model.config.labels,
        maxPositions: model.config.maxPositions,
        inputNames,
        idType,
        modelBytes: model.modelBytes.byteLength,
        fromCache: outcome.fromCache,
        notes: outcome.notes,
      };
      const scoreThreshold = scoreThresholdFromConfig(model.config.raw);
      if (scoreThreshold !== null) info.scoreThreshold = scoreThreshold;
      pool.onRelease = (key) => runner.dropSession(key);
      loaded = {
        model,
        runner,
        info,
        special,
        wordTransitions: wordTransitionsFromConfig(model.config.raw, model.config.labels),
      };
      return { value: info };
    },

    async configure(params, ctx) {
      const { pool } = requireBackend();
      const l = requireModel();
      const buckets = validateBuckets(params.buckets, { maxPositions: l.info.maxPositions });
      checkBatchSize(params.batchSize);
      const needStatic = params.modes.some((m) => m === 'bucketed' || m === 'pad-to-max');
      const staticBuckets = params.modes.includes('bucketed')
        ? buckets
        : needStatic
          ? [buckets[buckets.length - 1]!]
          : [];
      // Batch-size buckets: every bucketed length gets a static session per batch size (RoutingError codes
      // cross as themselves); pad-to-max's one shape stays at the full batch size.
      const batchSizes = normalizeBatchSizes(params.batchSizes ?? [params.batchSize], params.batchSize);
      const sizesOf = (bucket: number) =>
        params.modes.some((m) => m === 'bucketed' || m === 'bucketed-shared') && buckets.includes(bucket)
          ? batchSizes
          : [params.batchSize];
      const sessionCount = staticBuckets.reduce((n, b) => n + sizesOf(b).length, 0);
      const sessionBytes = l.info.modelBytes;
      if (params.budgetBytes !== undefined && sessionCount * sessionBytes > params.budgetBytes) {
        const fit = Math.floor(params.budgetBytes / (sessionBytes * batchSizes.length));
        throw new WorkerError(
          'OVER_BUDGET',
          `${sessionCount} static sessions (${staticBuckets.length} buckets x ${batchSizes.length} batch sizes) need ${((sessionCount * sessionBytes) / 2 ** 20).toFixed(1)} MiB of weights, over the ${(params.budgetBytes / 2 ** 20).toFixed(1)} MiB budget: at most ${fit} buckets fit.`,
          `Use at most ${fit} buckets, fewer batch-size buckets, or raise the memory budget.`,
        );
      }
      const runConfig: RunConfig = {
        buckets,
        batchSize: params.batchSize,
        graphCapture: params.graphCapture === true,
        ...(batchSizes.length > 1 ? { batchSizes } : {}),
      };
      const graphCapture: GraphCaptureStatus = { requested: params.graphCapture === true, active: false };
      if (graphCapture.requested && requireBackend().backend.info.backend !== 'webgpu') {
        graphCapture.reason = 'Graph capture needs the WebGPU backend; sessions run without it.';
        runConfig.graphCapture = false;
      }
      // The shared layout (issue 16 item 5): the one dynamic session is warmed at every bucket shape instead.
      const sharedLayout = params.modes.includes('bucketed-shared') && !params.modes.includes('bucketed');
      const warmMode = sharedLayout ? 'bucketed-shared' : 'bucketed';
      const keyOf = (bucket: number) =>
        sharedLayout
          ? `${DYNAMIC_KEY} at ${sizesOf(bucket).join('/')}x${bucket}`
          : l.runner.keyFor('bucketed', bucket, runConfig);
      const kept = new Set(
        staticBuckets.flatMap((b) => sizesOf(b).map((rows) => l.runner.keyFor('bucketed', b, runConfig, rows))),
      );
      // The dynamic session stays only for a layout that runs it: after a switch to per-bucket sessions it is
      // one more copy of the weights that nothing uses.
      const keepDynamic = params.modes.some((m) => m === 'bucketed-shared' || m === 'dynamic');
      await pool.releaseAll((key) => kept.has(key) || (keepDynamic && key === DYNAMIC_KEY) || key.startsWith('ocr'));
      for (const key of [...warmTimings.keys()]) if (!pool.has(key.split(' at ')[0]!)) warmTimings.delete(key);
      const statuses: BucketStatus[] = [];
      // Warm-up phase only: runs served between the steps below compile as traffic.
      const warmupCounts = compileLedger.counts({ phase: 'warmup' });
      // The new buckets take effect now, so that runs served between warm-up steps use them.
      config = Object.assign(runConfig, { modes: params.modes });
      const toWarm = (sharedLayout ? buckets : staticBuckets).filter(
        (b) => !params.warmBuckets || params.warmBuckets.includes(b),
      );
      const warm = new Set<number>();
      const scheduleModel = { runner: l.runner, tokenizer: l.model.tokenizer, special: l.special };
      // The text in the box is the likeliest first Run: its buckets go first when no run waits yet.
      const expected = params.expectedRun ? bucketsForTexts(params.expectedRun, scheduleModel, runConfig) : [];
      const nextStep = () =>
        nextWarmStep(ctx, toWarm, warm, (req) => bucketsNeededBy(req, scheduleModel, runConfig), expected);
      compileLedger.setPhase('warmup');
      try {
        // One bucket per step, smallest first; the runs queued meanwhile are served between steps as soon
        // as their buckets are warm, and the buckets a waiting run needs are warmed before the others.
        for (let bucket = await nextStep(); bucket !== null; bucket = await nextStep()) {
          warm.add(bucket);
          throwIfCancelled(ctx.signal);
          const known = warmTimings.get(keyOf(bucket));
          const reused = pool.has(keyOf(bucket).split(' at ')[0]!) && known !== undefined;
          if (!reused) ctx.progress({ stage: 'warmup', message: `Compiling bucket ${bucket}`, bucket });
          let timings = known;
          const compilesBefore = compileLedger.counts();
          if (!timings) {
            try {
              timings = await warmBucket(l.runner, bucket, runConfig, ctx.signal, warmMode);
            } catch (err) {
              if (!runConfig.graphCapture || (err as WorkerError).code === 'CANCELLED') throw err;
              // The model or adapter cannot be captured: fall back for every bucket and say why.
              await pool.releaseAll((key) => !key.endsWith(' graph'));
              graphCapture.reason = `Graph capture failed, running without it: ${(err as Error).message}`;
              runConfig.graphCapture = false;
              timings = await warmBucket(l.runner, bucket, runConfig, ctx.signal);
            }
          }
          warmTimings.set(keyOf(bucket), timings);
          // The smaller batch sizes are run once too, so that no shape compiles while serving.
          // Static sessions that exist are skipped inside; the shared session has seen a reused bucket's shapes.
          if (!(sharedLayout && reused))
            await warmSmallerBatchSizes(l.runner, pool, bucket, sizesOf(bucket), runConfig, ctx.signal, warmMode);
          statuses.push({
            length: bucket,
            firstRunMs: timings.first,
            steadyMs: timings.steady,
            // The shared session's one copy of the weights is in the memory report, not in any bucket.
            weightBytes: sharedLayout ? 0 : sessionBytes * sizesOf(bucket).length,
            batchSizes: sizesOf(bucket),
            reused,
            compiles: {
              pipelines: compileLedger.counts().pipelines - compilesBefore.pipelines,
              shaderModules: compileLedger.counts().shaderModules - compilesBefore.shaderModules,
            },
          });
          ctx.progress({
            stage: 'warmup',
            message: `Bucket ${bucket} ready`,
            bucket,
            firstRunMs: timings.first,
            steadyMs: timings.steady,
          });
        }
      } finally {
        compileLedger.setPhase('traffic');
      }
      const warmupAfter = compileLedger.counts({ phase: 'warmup' });
      graphCapture.active = runConfig.graphCapture === true && staticBuckets.length > 0;
      config = { ...runConfig, modes: params.modes };
      return {
        value: {
          // Warmed in the schedule's order; reported in the buckets' own.
          buckets: statuses.sort((a, b) => a.length - b.length),
          compiles: {
            pipelines: warmupAfter.pipelines - warmupCounts.pipelines,
            shaderModules: warmupAfter.shaderModules - warmupCounts.shaderModules,
          },
          memory: pool.memory(),
          graphCapture,
        },
      };
    },

    async tokenize(params) {
      const l = requireModel();
      const lengths = encodeTexts(l.model.tokenizer, params.texts).map((e) => e.ids.length + 2);
      return { value: { lengths } };
    },

    async classify(params, ctx) {
      const { loaded: l, config: c } = requireConfig();
      const out = await classifyTexts(
        l.runner,
        l.model.tokenizer,
        l.info.labels,
        params,
        c,
        l.special,
        ctx.signal,
        (done, total) => ctx.progress({ stage: 'run', message: `Batch ${done} of ${total}`, loaded: done, total }),
        l.wordTransitions,
      );
      return { value: out };
    },

    async logits(params, ctx) {
      const { loaded: l, config: c } = requireConfig();
      const out = await l.runner.run(params.inputIds, params.mode, c, ctx.signal);
      return {
        value: { logits: out.logits, buckets: out.shapeOf, stats: out.stats },
        transfer: out.logits.map((x) => x.buffer),
      };
    },

    async benchmark(params, ctx) {
      const l = requireModel();
      checkBatchSize(params.batchSize);
      const buckets = validateBuckets(params.buckets, { maxPositions: l.info.maxPositions });
      warmTimings.clear();
      const value = await runBenchmark(l.runner, pool!, l.model.tokenizer, l.special, { ...params, buckets }, ctx);
      return { value };
    },

    async memory() {
      const { pool } = requireBackend();
      return { value: pool.memory() };
    },

    async ocrConfigure(params, ctx) {
      requireBackend();
      return { value: await ocr!.configure(params, ctx.progress) };
    },

    async ocr(params, ctx) {
      requireBackend();
      return { value: await ocr!.recognize(params, ctx.signal) };
    },

    async testHook(params) {
      if (!options.allowTestHooks()) throw new WorkerError('BAD_INPUT', 'Test hooks are disabled.');
      switch (params.hook) {
        case 'crash':
          options.crash();
          break;
        case 'loseDevice':
          if (!backend?.device)
            throw new WorkerError('BACKEND_UNAVAILABLE', 'There is no WebGPU device to lose (backend is WASM).');
          backend.device.destroy();
          break;
        case 'failNextRun':
          failNextRun = true;
          break;
        default: {
          const unknownHook: never = params.hook;
          throw new WorkerError('BAD_INPUT', `Unknown test hook ${String(unknownHook)}`);
        }
      }
      return { value: { ok: true } };
    },
  };
}

/** Runs each batch size below the full one once at `bucket` whose session does not exist yet. */
async function warmSmallerBatchSizes(
  runner: NerRunner,
  pool: SessionSet,
  bucket: number,
  sizes: readonly number[],
  config: RunConfig,
  signal: AbortSignal,
  mode: 'bucketed' | 'bucketed-shared' = 'bucketed',
): Promise<void> {
  for (const rows of sizes) {
    // The shared session always exists; its smaller shapes are new to it when the bucket is.
    if (rows >= config.batchSize || (mode === 'bucketed' && pool.has(runner.keyFor(mode, bucket, config, rows))))
      continue;
    // `rows` items plan into one batch of exactly `rows` rows: `rows` is itself a batch-size bucket.
    const dummy = Array.from({ length: rows }, () => new Array<number>(bucket).fill(0));
    await runner.run(dummy, mode, { ...config, buckets: [bucket] }, signal);
  }
}

/** First run of a shape compiles it (WebGPU shaders); the median of the next runs is its steady cost. */
async function warmBucket(
  runner: NerRunner,
  bucket: number,
  config: RunConfig,
  signal: AbortSignal,
  mode: 'bucketed' | 'bucketed-shared' = 'bucketed',
) {
  const dummy = Array.from({ length: config.batchSize }, () => new Array<number>(bucket).fill(0));
  const runOnce = async () => (await runner.run(dummy, mode, { ...config, buckets: [bucket] }, signal)).stats.totalMs;
  const first = await runOnce();
  const steadyRuns: number[] = [];
  for (let i = 0; i < WARMUP_STEADY_RUNS; i++) steadyRuns.push(await runOnce());
  return { first, steady: latencySummary(steadyRuns).p50 };
}
