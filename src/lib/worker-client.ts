import { BucketedSessionError } from './errors';
import type {
  BatchEvent,
  BucketedStats,
  FeedsInput,
  ProgressEvent,
  RebucketResult,
  RunManyOptions,
  RunOutputs,
} from './types';
import { buffersOf, type PortLike, type WorkerResponse, type WorkerSessionOptions } from './worker-protocol';

export interface BucketedWorkerOptions extends WorkerSessionOptions {
  onProgress?: (event: ProgressEvent) => void;
  /**
   * The worker to host the session: a Worker or MessagePort, or the URL of the library's worker.js.
   * Default: worker.js next to this module (works from the npm package, with or without a bundler).
   */
  worker?: PortLike | URL | string;
  /** Move the feeds' buffers to the worker instead of copying them (they become unusable here). Default true. */
  transfer?: boolean;
}

/** The BucketedSession interface, hosted in a Web Worker. */
export interface BucketedWorkerSession {
  readonly buckets: number[][];
  /** As BucketedSession.run; an abort of `options.signal` reaches the worker, which stops before its next model call. */
  run(feeds: FeedsInput, options?: Pick<RunManyOptions, 'signal'>): Promise<RunOutputs>;
  /** As BucketedSession.runMany: `onBatch` gets each call's events from the worker (awaiting it does not hold the worker). */
  runMany(items: readonly FeedsInput[], options?: RunManyOptions): Promise<RunOutputs[]>;
  warmup(): Promise<void>;
  stats(): Promise<BucketedStats>;
  rebucket(sizes: readonly (number | readonly number[])[]): Promise<RebucketResult>;
  /** Releases the sessions and, when this call created the worker, terminates it. */
  dispose(): Promise<void>;
}

function defaultWorkerUrl(): URL {
  // The base in a variable keeps bundlers (Vite's new URL(..., import.meta.url) rewrite) from inlining or
  // globbing the worker: the package ships worker.js next to this module, and it must stay a file.
  const here = import.meta.url;
  return new URL('./worker.js', here);
}

/** Starts (or takes) a worker, creates a BucketedSession inside it, and returns the same interface. */
export async function createBucketedWorker(options: BucketedWorkerOptions): Promise<BucketedWorkerSession> {
  const { worker: given, onProgress, transfer = true, ...rest } = options;
  const owned = given === undefined || typeof given === 'string' || given instanceof URL;
  const port: PortLike = owned ? new Worker(given ?? defaultWorkerUrl(), { type: 'module' }) : (given as PortLike);
  let next = 1;
  const pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; onBatch?: (e: BatchEvent) => unknown }
  >();
  const listener = (event: MessageEvent) => {
    const message = event.data as WorkerResponse;
    if ('progress' in message) {
      onProgress?.(message.progress);
      return;
    }
    if ('batch' in message) {
      void pending.get(message.id)?.onBatch?.(message.batch);
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else
      waiting.reject(
        Object.assign(new BucketedSessionError('WORKER_FAILED', message.error.message), {
          name: message.error.name,
          code: message.error.code ?? 'WORKER_FAILED',
        }),
      );
  };
  port.addEventListener('message', listener);
  port.start?.();
  if (port instanceof EventTarget && typeof Worker !== 'undefined' && port instanceof Worker) {
    port.addEventListener('error', (event) => {
      const error = new BucketedSessionError(
        'WORKER_FAILED',
        `The bucketed session worker failed: ${(event as ErrorEvent).message || 'it could not start (check the worker URL)'}.`,
      );
      for (const w of pending.values()) w.reject(error);
      pending.clear();
    });
  }
  const call = <T>(
    request: Record<string, unknown>,
    transferList: Transferable[] = [],
    options: RunManyOptions = {},
  ): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      const { signal, onBatch } = options;
      if (signal?.aborted) {
        reject(
          signal.reason instanceof Error ? signal.reason : new BucketedSessionError('ABORTED', 'The run was aborted.'),
        );
        return;
      }
      const abort = () =>
        port.postMessage({
          op: 'abort',
          id: next++,
          target: id,
          reason: signal?.reason instanceof Error ? signal.reason.message : undefined,
        });
      signal?.addEventListener('abort', abort, { once: true });
      const done = () => signal?.removeEventListener('abort', abort);
      pending.set(id, {
        resolve: (v) => {
          done();
          resolve(v as T);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        ...(onBatch ? { onBatch } : {}),
      });
      port.postMessage({ ...request, id }, transferList);
    });

  const model = rest.model instanceof ArrayBuffer ? new Uint8Array(rest.model) : rest.model;
  const absolute =
    typeof model === 'string' && typeof location !== 'undefined' ? new URL(model, location.href).href : model;
  const created = await call<{ buckets: number[][] }>(
    { op: 'create', options: { ...rest, model: absolute } },
    transfer && model instanceof Uint8Array && model.buffer instanceof ArrayBuffer ? [model.buffer] : [],
  );
  let buckets = created.buckets;
  const feedsTransfer = (items: readonly FeedsInput[]) =>
    transfer ? buffersOf(items.flatMap((f) => Object.values(f))) : [];

  return {
    get buckets() {
      return buckets.map((b) => [...b]);
    },
    run: (feeds, options = {}) => call<RunOutputs>({ op: 'run', feeds }, feedsTransfer([feeds]), options),
    runMany: (items, options = {}) =>
      call<RunOutputs[]>(
        { op: 'runMany', items, ...(options.onBatch ? { batchEvents: true } : {}) },
        feedsTransfer(items),
        options,
      ),
    warmup: () => call<void>({ op: 'warmup' }),
    stats: () => call<BucketedStats>({ op: 'stats' }),
    rebucket: async (sizes) => {
      const { buckets: now, ...change } = await call<RebucketResult & { buckets: number[][] }>({
        op: 'rebucket',
        sizes,
      });
      buckets = now;
      return change;
    },
    dispose: async () => {
      try {
        await call<void>({ op: 'dispose' });
      } finally {
        port.removeEventListener?.('message', listener);
        if (owned) (port as Worker).terminate();
      }
    },
  };
}
