import { appBaseUrl, createInferenceClient, type WorkerClient } from '../client';
import { DEFAULT_MODEL, FALLBACK_MODEL_NAME, type ModelChoice } from '../core/app-state';
import type { ModelSource } from '../protocol/types';
import { useAppStore } from './app-store';
import { refreshDataset } from './dataset-service';
import { isCancelled, toUiError } from './errors';
import { settleBuckets } from './buckets-service';
import { stopCompare } from './compare-service';
import { stopLive } from './live-service';

/**
 * The page's one worker client. It lives here, outside the store, because it is not data: the store
 * only receives what the worker answered.
 */
let client: WorkerClient | null = null;

export function workerClient(): WorkerClient {
  if (!client) {
    client = createInferenceClient({
      onRestart: (reason) =>
        useAppStore.setState({
          workerNotice: `${reason} The model and buckets were set up again in a fresh worker; run your last action again if it failed.`,
        }),
    });
  }
  return client;
}

/** Bumped whenever the backend or model changes; answers for an older generation are dropped. */
let generation = 0;
export const currentGeneration = () => generation;

let modelLoad: AbortController | null = null;
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
  const gen = ++generation;
  modelLoad?.abort();
  // Runs in flight belong to the old worker state; stop them rather than let them fail.
  stopLive();
  stopCompare();
  const { settings } = useAppStore.getState();
  useAppStore.setState({
    backend: null, backendStatus: 'starting', backendError: null,
    modelStatus: 'idle', modelInfo: null, modelError: null, applied: null, measured: null, warmup: [],
  });
  try {
    const info = await workerClient().call('init', { appBaseUrl: appBaseUrl(), backend: settings.backend, testHooks: hasTestHooks() });
    if (gen !== generation) return;
    useAppStore.setState({ backend: info, backendStatus: 'ready' });
  } catch (err) {
    if (gen !== generation) return;
    useAppStore.setState({ backendStatus: 'error', backendError: toUiError(err) });
    return;
  }
  await loadModel();
}

/** Loads a model the user picked from local files. */
export async function loadModelFiles(files: { name: string; bytes: ArrayBuffer }[]): Promise<void> {
  localModelFiles = files;
  useAppStore.getState().setModelChoice({ kind: 'files', names: files.map((f) => f.name) });
  await loadModel();
}

/**
 * Loads the chosen model, falling back to the tiny bundled model when the default one is not part of
 * this build (it is trained separately), and then rebuilds the dataset lengths and the bucket sessions.
 */
export async function loadModel(): Promise<void> {
  const gen = ++generation;
  modelLoad?.abort();
  stopLive();
  stopCompare();
  const controller = new AbortController();
  modelLoad = controller;
  const choice = useAppStore.getState().model;
  useAppStore.setState({
    modelStatus: 'loading', modelError: null, modelNotice: null, modelProgress: null, modelInfo: null,
    applied: null, measured: null, warmup: [], entitiesRun: null,
    // Token lengths belong to the old model's tokenizer; they are measured again once the new one loads.
    lengths: null,
  });
  const onProgress = (p: { stage: 'download' | 'session' | 'warmup' | 'run'; message: string; loaded?: number; total?: number }) => {
    if (gen === generation) useAppStore.setState({ modelProgress: p });
  };
  const isDefault = choice.kind === 'bundled' && DEFAULT_MODEL.kind === 'bundled' && choice.name === DEFAULT_MODEL.name;
  try {
    let info;
    try {
      info = await workerClient().call('loadModel', { source: sourceOf(choice) }, { onProgress, signal: controller.signal });
    } catch (err) {
      if (!isDefault || isCancelled(err) || gen !== generation) throw err;
      info = await workerClient().call('loadModel', { source: { kind: 'bundled', name: FALLBACK_MODEL_NAME } }, { onProgress, signal: controller.signal });
      if (gen === generation) {
        useAppStore.setState({
          modelNotice:
            `The default model could not be loaded (${toUiError(err).message}), so the tiny test model ${FALLBACK_MODEL_NAME} is used: ` +
            'it is fast but untrained, so its entities are not meaningful.',
        });
      }
    }
    if (gen !== generation) return;
    useAppStore.setState({ modelStatus: 'ready', modelInfo: info, loadedModelName: info.name, modelProgress: null });
  } catch (err) {
    if (gen !== generation || isCancelled(err)) return;
    useAppStore.setState({ modelStatus: 'error', modelError: toUiError(err), modelProgress: null });
    return;
  } finally {
    if (modelLoad === controller) modelLoad = null;
  }
  await refreshDataset();
  if (gen !== generation) return;
  await settleBuckets();
}

/** Cancels a model download in progress. */
export function cancelModelLoad(): void {
  modelLoad?.abort();
  useAppStore.setState({ modelStatus: 'idle', modelProgress: null });
}
