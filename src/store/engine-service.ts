import { appBaseUrl } from '../client';
import { DEFAULT_MODEL, FALLBACK_MODEL_NAME, type ModelChoice } from '../core/app-state';
import type { ModelSource } from '../protocol/types';
import { useAppStore } from './app-store';
import { refreshDataset } from './dataset-service';
import { isCancelled, toUiError } from './errors';
import { settleBuckets } from './buckets-service';
import { stopCompare } from './compare-service';
import { LatestRequest } from './latest-request';
import { stopLive } from './live-service';
import { currentGeneration, nextGeneration, workerClient } from './worker-session';

const modelLoads = new LatestRequest();
/** Bytes of the last model chosen from local files: too large for the store, and needed to reload it. */
let localModelFiles: { name: string; bytes: ArrayBuffer }[] | null = null;

function hasTestHooks(): boolean {
  return new URLSearchParams(location.search).has('testHooks');
}

function sourceOf(choice: ModelChoice): ModelSource {
  switch (choice.kind) {
    case 'bundled':
      return { kind: 'bundled', name: choice.name };
    case 'hub':
      return { kind: 'hub', id: choice.id, host: choice.host };
    case 'files':
      if (!localModelFiles) throw new Error('The model files are no longer in memory: choose them again.');
      return { kind: 'files', files: localModelFiles };
    default: {
      const unknownChoice: never = choice;
      throw new Error(`Unknown model choice ${JSON.stringify(unknownChoice)}`);
    }
  }
}

/** Starts (or restarts, after a backend change) the worker's backend, then loads the chosen model. */
export async function startEngine(): Promise<void> {
  const gen = nextGeneration();
  modelLoads.stop();
  // Runs in flight belong to the old worker state; stop them rather than let them fail.
  stopLive();
  stopCompare();
  const { settings } = useAppStore.getState();
  useAppStore.setState({
    backend: null,
    backendStatus: 'starting',
    backendError: null,
    modelStatus: 'idle',
    modelInfo: null,
    modelError: null,
    applied: null,
    measured: null,
    warmup: [],
  });
  try {
    const info = await workerClient().init({
      appBaseUrl: appBaseUrl(),
      backend: settings.backend,
      testHooks: hasTestHooks(),
      // Test-only (with testHooks): race SwiftShader against WASM as "auto" races a hardware adapter.
      ...(hasTestHooks() && new URLSearchParams(location.search).has('raceSoftwareAdapter')
        ? { raceSoftwareAdapter: true }
        : {}),
    });
    if (gen !== currentGeneration()) return;
    useAppStore.setState({ backend: info, backendStatus: 'ready' });
  } catch (err) {
    if (gen !== currentGeneration()) return;
    useAppStore.setState({ backendStatus: 'error', backendError: toUiError(err) });
    return;
  }
  await loadModel();
}

/** Loads a model the user picked from local files. */
export async function loadModelFiles(files: { name: string; bytes: ArrayBuffer }[]): Promise<void> {
  await loadModel({ kind: 'files', names: files.map((f) => f.name) }, files);
}

/** The model status to go back to when a load fails or is cancelled: the previous model is still loaded. */
function statusAfterFailedLoad(): 'ready' | 'error' | 'idle' {
  const s = useAppStore.getState();
  return s.modelInfo ? 'ready' : 'error';
}

/**
 * Loads a model as a transaction: the store (and so the link and the saved state) takes the new choice
 * only once it has loaded; until then, and after a failure or a cancel, the previous model stays loaded
 * and usable, with the error shown beside the picker. The default model falls back to the tiny bundled
 * one when it is not part of this build (it is trained separately). Then the dataset lengths and the
 * bucket sessions are rebuilt.
 * @param choice the model to load (default: the current choice, e.g. after a backend change)
 * @param files the bytes of a model chosen from local files
 */
export async function loadModel(
  choice: ModelChoice = useAppStore.getState().model,
  files?: { name: string; bytes: ArrayBuffer }[],
): Promise<void> {
  nextGeneration();
  const load = modelLoads.begin();
  stopLive();
  stopCompare();
  useAppStore.setState({
    modelStatus: 'loading',
    modelError: null,
    modelNotice: null,
    modelProgress: null,
    loadingModel: choice,
  });
  const onProgress = (p: {
    stage: 'download' | 'session' | 'warmup' | 'run';
    message: string;
    loaded?: number;
    total?: number;
  }) => {
    if (load.isCurrent()) useAppStore.setState({ modelProgress: p });
  };
  const isDefault = choice.kind === 'bundled' && DEFAULT_MODEL.kind === 'bundled' && choice.name === DEFAULT_MODEL.name;
  let notice: string | null = null;
  try {
    const source: ModelSource = choice.kind === 'files' && files ? { kind: 'files', files } : sourceOf(choice);
    let info;
    try {
      info = await workerClient().loadModel({ source }, { onProgress, signal: load.signal });
    } catch (err) {
      if (!isDefault || isCancelled(err) || !load.isCurrent()) throw err;
      info = await workerClient().loadModel(
        { source: { kind: 'bundled', name: FALLBACK_MODEL_NAME } },
        { onProgress, signal: load.signal },
      );
      notice =
        `The default model could not be loaded (${toUiError(err).message}), so the tiny test model ${FALLBACK_MODEL_NAME} is used: ` +
        'it is fast but untrained, so its entities are not meaningful.';
    }
    if (!load.isCurrent()) return;
    if (files) localModelFiles = files;
    if (useAppStore.getState().model !== choice) useAppStore.getState().setModelChoice(choice);
    const notes = [notice, ...(info.notes ?? [])].filter((n): n is string => n !== null);
    useAppStore.setState({
      // The first load after "auto" chose WebGPU on real hardware timed both backends and may have switched.
      ...(info.backend ? { backend: info.backend } : {}),
      modelStatus: 'ready',
      modelInfo: info,
      loadedModelName: info.name,
      modelProgress: null,
      loadingModel: null,
      modelNotice: notes.length > 0 ? notes.join(' ') : null,
      applied: null,
      measured: null,
      warmup: [],
      entitiesRun: null,
      // Token lengths belong to the old model's tokenizer; they are measured again with the new one.
      lengths: null,
    });
  } catch (err) {
    if (!load.isCurrent()) return;
    if (isCancelled(err)) {
      useAppStore.setState({ modelStatus: statusAfterFailedLoad(), modelProgress: null, loadingModel: null });
      return;
    }
    failed = { choice, ...(files ? { files } : {}) };
    useAppStore.setState({
      modelStatus: statusAfterFailedLoad(),
      modelError: toUiError(err),
      modelProgress: null,
      loadingModel: null,
    });
    return;
  } finally {
    load.finish();
  }
  await refreshDataset();
  if (!load.isCurrent()) return;
  await settleBuckets();
}

/** The load that failed last, for "Try again". */
let failed: { choice: ModelChoice; files?: { name: string; bytes: ArrayBuffer }[] } | null = null;

/** Tries the model that failed to load again (or reloads the current one). */
export function retryModelLoad(): Promise<void> {
  return failed ? loadModel(failed.choice, failed.files) : loadModel();
}

/** Cancels a model download in progress; the previous model stays loaded. */
export function cancelModelLoad(): void {
  modelLoads.stop();
}
