import { appBaseUrl, createInferenceClient } from '../client';
import type { WorkerClient } from '../client/worker-client';
import {
  runReferencePipeline,
  type ReferenceParams,
  type ReferenceProgress,
  type ReferenceResult,
} from './reference-pipeline';

/**
 * A typed handle the Playwright tests use to drive a real worker from the page (`?testHooks` only).
 * Tests go through the same client and worker as the UI; this adds no second implementation.
 */
export interface TestApi {
  createClient(): WorkerClient;
  appBaseUrl(): string;
  /** The transformers.js pipeline as an outside reference for the benchmark command (scripts/bench.ts). */
  runReference(params: ReferenceParams, onProgress?: (p: ReferenceProgress) => void): Promise<ReferenceResult>;
}

declare global {
  interface Window {
    bucketwiseTest?: TestApi;
  }
}

export function installTestApi(): void {
  window.bucketwiseTest = {
    createClient: () => createInferenceClient(),
    appBaseUrl,
    runReference: runReferencePipeline,
  };
}
