import * as transformers from '@huggingface/transformers';
import { validateBuckets } from '../../src/core/buckets';
import { scoreThresholdFromConfig, wordTransitionsFromConfig } from '../../src/core/ner';
import type { ModelInfo } from '../../src/protocol/types';
import type { Engine } from '../handler';
import { throwIfCancelled } from '../cancellation';
import { selectBackend } from './backend';
import { runBenchmark } from './benchmark';
import { watchCompiles } from './compile-watch';
import { guardDeviceLoss } from './device-loss';
import { checkBatchSize, EngineState } from './engine-state';
import { loadModel, readModelInputs } from './model-loader';
import { configureBuckets } from './ner-configure';
import { classifyTexts, encodeTexts } from './ner-pipeline';
import { NerRunner } from './ner-runner';
import { raceOnFirstLoad } from './backend-race';
import { NetworkGuard } from './network-guard';
import { isOcrSessionKey } from '../ocr/ocr-sessions';
import { OcrEngine } from './ocr-engine';
import { ortRuntimeFor, quietOrtLogs } from './ort-runtime';
import { setUpRuntime } from './runtime-setup';
import { runTestHook, type TestHookOptions } from './test-hooks';
import { createWorkerSessions } from './worker-sessions';

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
  quietOrtLogs();
  return network;
}

export interface EngineOptions extends TestHookOptions {
  /** The allowlist installed by `installWorkerGuards`; a chosen model host is added to it. */
  network: NetworkGuard;
}

/**
 * The real engine: onnxruntime-web sessions for the NER model and the OCR models. Its state lives in one
 * `EngineState`; configure (`ner-configure.ts`), the test hooks (`test-hooks.ts`) and the device-loss
 * guard around every method (`device-loss.ts`) are their own modules.
 */
export function createEngine(options: EngineOptions): Engine {
  const state = new EngineState();
  return guardDeviceLoss(createEngineMethods(state, options), () => state.backend);
}

function createEngineMethods(state: EngineState, options: EngineOptions): Engine {
  return {
    async init(params) {
      state.appBaseUrl = params.appBaseUrl;
      if (state.pool) await state.pool.releaseAll();
      state.loaded = null;
      state.config = null;
      const hooks = options.allowTestHooks();
      const backend = await selectBackend(
        params.backend,
        hooks ? params.simulateFault : undefined,
        hooks && params.raceSoftwareAdapter === true,
      );
      const ort = ortRuntimeFor({ ...backend.info, ...(backend.device ? { device: backend.device } : {}) });
      state.backend = backend;
      state.ort = ort;
      // Under way while the page asks for the model and it downloads; loadModel waits for it at the end.
      state.runtimeReady = setUpRuntime(ort);
      // Before any session exists, so that every pipeline ORT builds in this worker is counted.
      if (backend.device) watchCompiles();
      // Read at each use: the start-up race (loadModel) may replace the backend with WASM.
      const pool = createWorkerSessions(
        ort,
        () => state.backend?.info.backend ?? 'wasm',
        () => state.backend?.lost ?? backend.lost,
      );
      state.pool = pool;
      state.ocr = new OcrEngine(ort, pool, state.appBaseUrl);
      return { value: backend.info };
    },

    async loadModel(params, ctx) {
      const { pool, ort } = state.requireBackend();
      // A transaction: everything that can fail (host, download, config, tokenizer, graph) happens before
      // the loaded model is touched, so a failed or cancelled load leaves it loaded and usable.
      const outcome = await loadModel(params.source, state.appBaseUrl, ctx.progress, ctx.signal, (host) =>
        options.network.allowHost(host),
      );
      const model = outcome.model;
      const { inputNames, idType, outputName } = readModelInputs(model.modelBytes, params.source);
      // No session may start before the runtime set-up ends (see ocrConfigure).
      await state.runtimeReady;
      throwIfCancelled(ctx.signal);
      const tok = model.tokenizer;
      const special = {
        cls: tok.convert_tokens_to_ids('[CLS]') as number,
        sep: tok.convert_tokens_to_ids('[SEP]') as number,
      };
      const padId = tok.pad_token_id ?? 0;
      const runnerModel = {
        bytes: model.modelBytes,
        idType,
        inputNames,
        outputName,
        numLabels: model.config.labels.length,
        clsId: special.cls,
        padId,
      };
      // Still before the loaded model is touched: a failed race keeps WebGPU and says so; a cancel cancels the load.
      const raced = await raceOnFirstLoad(state, ort, runnerModel, tok, special, ctx.signal);
      await pool.releaseAll(isOcrSessionKey);
      state.loaded = null;
      state.config = null;
      state.warmTimings.clear();
      const runner = new NerRunner(ort, pool, runnerModel);
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
      if (raced) info.backend = raced;
      state.loaded = {
        model,
        runner,
        info,
        special,
        wordTransitions: wordTransitionsFromConfig(model.config.raw, model.config.labels),
      };
      return { value: info };
    },

    configure: (params, ctx) => configureBuckets(state, params, ctx),

    async tokenize(params) {
      const l = state.requireModel();
      const lengths = encodeTexts(l.model.tokenizer, params.texts).map((e) => e.ids.length + 2);
      return { value: { lengths } };
    },

    async classify(params, ctx) {
      const { loaded: l, config: c } = state.requireConfig();
      // Taken before the run: served between warm-up steps, no bucket becomes ready while it runs.
      const warmup = state.warmupAtServe();
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
      return { value: warmup ? { ...out, warmup } : out };
    },

    async logits(params, ctx) {
      const { loaded: l, config: c } = state.requireConfig();
      const out = await l.runner.run(params.inputIds, params.mode, c, ctx.signal);
      return {
        value: { logits: out.logits, buckets: out.shapeOf, stats: out.stats },
        transfer: out.logits.map((x) => x.buffer),
      };
    },

    async benchmark(params, ctx) {
      const { pool } = state.requireBackend();
      const l = state.requireModel();
      checkBatchSize(params.batchSize);
      const buckets = validateBuckets(params.buckets, { maxPositions: l.info.maxPositions });
      state.warmTimings.clear();
      const value = await runBenchmark(l.runner, pool, l.model.tokenizer, l.special, { ...params, buckets }, ctx);
      return { value };
    },

    async memory() {
      const { pool } = state.requireBackend();
      return { value: pool.memory() };
    },

    async ocrConfigure(params, ctx) {
      const ocr = state.requireOcr();
      // onnxruntime-web refuses a second runtime start while one is under way (a WebGPU session would
      // start it again beside the set-up's WASM one), so sessions wait for the set-up, as in loadModel.
      await state.runtimeReady;
      return { value: await ocr.configure(params, ctx.progress) };
    },

    async ocr(params, ctx) {
      return { value: await state.requireOcr().recognize(params, ctx.signal) };
    },

    async testHook(params) {
      return { value: runTestHook(state, options, params) };
    },
  };
}
