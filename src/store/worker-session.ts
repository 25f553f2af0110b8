import { createInferenceClient, type WorkerClient } from '../client';
import { useAppStore } from './app-store';

/**
 * The page's one worker session: the client and its generation. It lives here, outside the store,
 * because it is not data (the store only receives what the worker answered), and in a module of its own
 * so that every service can reach the worker without importing the service that starts it.
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

export function currentGeneration(): number {
  return generation;
}

/** Starts a new generation (a backend or model change) and returns its number. */
export function nextGeneration(): number {
  return ++generation;
}
