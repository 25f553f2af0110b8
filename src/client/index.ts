import { WorkerClient, type ClientEvents } from './worker-client';

/** Creates the app's inference worker. Vite bundles the worker from this `new URL` pattern. */
export function createInferenceClient(events: ClientEvents = {}): WorkerClient {
  return new WorkerClient(
    () =>
      new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), {
        type: 'module',
        name: 'bucketwise-inference',
      }),
    events,
  );
}

/** Absolute URL of the app's root (works at / and under any sub-path), which the worker resolves files against. */
export function appBaseUrl(): string {
  return new URL(import.meta.env.BASE_URL, document.baseURI).href;
}

export { WorkerClient } from './worker-client';
