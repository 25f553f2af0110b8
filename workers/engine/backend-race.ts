import { raceVerdict, type RaceVerdict } from '../../src/core/backend';
import { errorMessage } from '../../src/core/errors';
import { SessionSet } from '../../src/lib/session-set';
import type { Backend, BackendInfo } from '../../src/protocol/types';
import { isCancellation } from '../cancellation';
import { compileLedger } from './compile-watch';
import type { EngineState } from './engine-state';
import type { Tokenizer } from './model-loader';
import { encodeTexts, type SpecialIds } from './ner-pipeline';
import { NerRunner, type RunnerModel } from './ner-runner';
import type { OrtModule } from './ort-runtime';

/** Timed runs per backend after the compiling first one. */
const TIMED_RUNS = 3;

/**
 * The start-up race of "auto" on a hardware WebGPU adapter: the model runs one small input (`ids`, at
 * batch 1 in a bucket of its own length) on each backend, through the same runner as every NER run, each
 * on a throwaway SessionSet; the first run (session and shader compiles) is left out, the next runs are
 * timed, and the faster median wins (core `raceVerdict`). The compiles count as warm-up. WebGPU's programs
 * stay compiled for the bucket sessions if it wins.
 */
export async function raceBackends(
  ort: OrtModule,
  model: RunnerModel,
  ids: number[],
  signal: AbortSignal,
): Promise<RaceVerdict> {
  const runMs: Record<Backend, number[]> = { webgpu: [], wasm: [] };
  const config = { buckets: [ids.length], batchSize: 1 };
  compileLedger.setPhase('warmup');
  try {
    for (const backend of ['webgpu', 'wasm'] as const) {
      const set = new SessionSet(ort, { backend });
      try {
        const runner = new NerRunner(ort, set, model);
        for (let run = 0; run <= TIMED_RUNS; run++) {
          const out = await runner.run([ids], 'bucketed', config, signal);
          if (run > 0) runMs[backend].push(out.stats.batchLatenciesMs[0]!);
        }
      } finally {
        await set.releaseAll();
      }
    }
  } finally {
    compileLedger.setPhase('traffic');
  }
  return raceVerdict({ backend: 'webgpu', runMs: runMs.webgpu }, { backend: 'wasm', runMs: runMs.wasm }, ids.length);
}

/**
 * "auto" on a hardware WebGPU adapter times both backends on the first model loaded and keeps the faster:
 * WASM replaces the backend (the WebGPU build's module runs WASM too), or WebGPU stays with the
 * measurement beside it. Returns the backend info to give the page, or null when no race ran. A race
 * that fails keeps WebGPU and says why; a cancellation cancels the load.
 */
export async function raceOnFirstLoad(
  state: EngineState,
  ort: OrtModule,
  model: RunnerModel,
  tokenizer: Tokenizer,
  special: SpecialIds,
  signal: AbortSignal,
): Promise<BackendInfo | null> {
  const backend = state.backend;
  if (!backend?.raceable) return null;
  backend.raceable = false;
  const ids = encodeTexts(tokenizer, [RACE_TEXT])[0]!.ids;
  const input = [special.cls, ...ids.slice(0, RACE_TOKENS - 2), special.sep];
  try {
    const verdict = await raceBackends(ort, model, input, signal);
    if (verdict.winner === 'webgpu') {
      backend.info = { ...backend.info, measured: verdict.sentence };
      return backend.info;
    }
    const info: BackendInfo = {
      backend: 'wasm',
      crossOriginIsolated: backend.info.crossOriginIsolated,
      wasmThreads: backend.info.wasmThreads,
      fallbackReason: verdict.sentence,
      measured: verdict.sentence,
      // WebGPU stays one click away: the page offers it for an adapter auto passed over.
      ...(backend.info.adapter ? { passedOverAdapter: backend.info.adapter } : {}),
    };
    // The device stays alive but unused: onnxruntime-web set up its WebGPU backend on it once and for all.
    state.backend = { info, lost: new Promise<never>(() => undefined) };
    return info;
  } catch (err) {
    if (isCancellation(err)) throw err;
    backend.info = { ...backend.info, measured: `The start-up race failed, so WebGPU stays: ${errorMessage(err)}` };
    return backend.info;
  }
}

/** What the race runs: an ordinary sentence, cut to RACE_TOKENS tokens with [CLS] and [SEP]. */
const RACE_TEXT = 'Ada Lovelace wrote the first program for the Analytical Engine in London in 1843.';
const RACE_TOKENS = 16;
