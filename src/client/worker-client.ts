import { CancelledError, WorkerError, deserializeError } from '../protocol/errors';
import type { FromWorker, RequestMap, RequestType, ToWorker } from '../protocol/messages';

export interface CallOptions<K extends RequestType> {
  onProgress?: (progress: RequestMap[K]['progress']) => void;
  signal?: AbortSignal;
  transfer?: Transferable[];
}

interface Pending {
  type: RequestType;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  onProgress?: (progress: unknown) => void;
}

/** What the client must replay into a fresh worker so the next request finds the same state. */
type SetupType = 'init' | 'loadModel' | 'configure' | 'ocrConfigure';
const SETUP_TYPES: readonly RequestType[] = ['init', 'loadModel', 'configure', 'ocrConfigure'];

export type WorkerFactory = () => Worker;

export interface ClientEvents {
  /** A worker died or lost its GPU and a fresh one was started; `reason` says why. */
  onRestart?: (reason: string) => void;
}

/**
 * The only code that creates the inference Worker. Requests get ids and promises; progress replies are
 * routed to callbacks; a crash or a lost GPU device rejects every pending request with a typed error and
 * starts a fresh worker, into which the last init/model/bucket setup is replayed before the next request.
 */
export class WorkerClient {
  private worker: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private setup = new Map<SetupType, { params: unknown; transfer?: Transferable[] }>();
  private replay: Promise<void> | null = null;
  private disposed = false;

  constructor(
    private readonly createWorker: WorkerFactory,
    private readonly events: ClientEvents = {},
  ) {
    this.worker = this.spawn();
  }

  // The engine's methods, typed by the protocol's RequestMap: what each takes, reports and returns.
  init(params: RequestMap['init']['params'], options?: CallOptions<'init'>) {
    return this.request('init', params, options);
  }
  loadModel(params: RequestMap['loadModel']['params'], options?: CallOptions<'loadModel'>) {
    return this.request('loadModel', params, options);
  }
  configure(params: RequestMap['configure']['params'], options?: CallOptions<'configure'>) {
    return this.request('configure', params, options);
  }
  tokenize(params: RequestMap['tokenize']['params'], options?: CallOptions<'tokenize'>) {
    return this.request('tokenize', params, options);
  }
  classify(params: RequestMap['classify']['params'], options?: CallOptions<'classify'>) {
    return this.request('classify', params, options);
  }
  logits(params: RequestMap['logits']['params'], options?: CallOptions<'logits'>) {
    return this.request('logits', params, options);
  }
  benchmark(params: RequestMap['benchmark']['params'], options?: CallOptions<'benchmark'>) {
    return this.request('benchmark', params, options);
  }
  memory(params: RequestMap['memory']['params'] = {}, options?: CallOptions<'memory'>) {
    return this.request('memory', params, options);
  }
  ocrConfigure(params: RequestMap['ocrConfigure']['params'], options?: CallOptions<'ocrConfigure'>) {
    return this.request('ocrConfigure', params, options);
  }
  ocr(params: RequestMap['ocr']['params'], options?: CallOptions<'ocr'>) {
    return this.request('ocr', params, options);
  }
  testHook(params: RequestMap['testHook']['params'], options?: CallOptions<'testHook'>) {
    return this.request('testHook', params, options);
  }

  private request<K extends RequestType>(
    type: K,
    params: RequestMap[K]['params'],
    options: CallOptions<K> = {},
  ): Promise<RequestMap[K]['result']> {
    if (this.disposed) return Promise.reject(new WorkerError('INTERNAL', 'The worker client was disposed.'));
    if (SETUP_TYPES.includes(type)) {
      // Keep loaded model bytes out of the replay log's transfer list: once transferred they are gone,
      // so files-sourced models are re-sent as copies.
      this.setup.set(type as SetupType, { params });
      if (type === 'init') {
        this.setup.delete('loadModel');
        this.setup.delete('configure');
        this.setup.delete('ocrConfigure');
      }
      if (type === 'loadModel') this.setup.delete('configure');
    }
    const start = this.replay ?? Promise.resolve();
    return start.then(() => this.send(type, params, options));
  }

  /** Test hook: kill the worker as a crash would. */
  simulateCrash(): void {
    this.handleDeath('The inference worker crashed (simulated).');
  }

  dispose(): void {
    this.disposed = true;
    this.worker.terminate();
    this.rejectAll(new WorkerError('INTERNAL', 'The worker client was disposed.'));
  }

  private send<K extends RequestType>(
    type: K,
    params: RequestMap[K]['params'],
    options: CallOptions<K>,
  ): Promise<RequestMap[K]['result']> {
    const id = this.nextId++;
    return new Promise<RequestMap[K]['result']>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new CancelledError());
        return;
      }
      const pending: Pending = { type, resolve: resolve as (v: unknown) => void, reject };
      if (options.onProgress) pending.onProgress = options.onProgress as (p: unknown) => void;
      this.pending.set(id, pending);
      options.signal?.addEventListener('abort', () => this.post({ kind: 'cancel', targetId: id }), {
        once: true,
      });
      const message = { kind: 'request', id, type, params } as ToWorker;
      this.post(message, options.transfer ?? []);
    });
  }

  private post(message: ToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  private spawn(): Worker {
    const worker = this.createWorker();
    // Events already queued by a worker we replaced (a second error, a late progress) must not reach
    // its successor: they would kill the fresh worker or answer the wrong request.
    const current = () => worker === this.worker;
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      if (current()) this.receive(event.data);
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      if (current()) this.handleDeath(`The inference worker crashed: ${event.message || 'unknown error'}.`);
    };
    worker.onmessageerror = () => {
      if (current()) this.handleDeath('The inference worker sent a message that could not be read.');
    };
    return worker;
  }

  private receive(msg: FromWorker): void {
    if (msg.kind === 'ready') return;
    const pending = this.pending.get(msg.id);
    if (!pending) return;
    switch (msg.kind) {
      case 'progress':
        pending.onProgress?.(msg.progress);
        return;
      case 'result':
        this.pending.delete(msg.id);
        pending.resolve(msg.value);
        return;
      case 'error': {
        this.pending.delete(msg.id);
        const err = deserializeError(msg.error);
        pending.reject(err);
        if (err.code === 'DEVICE_LOST' || err.code === 'WORKER_CRASHED') {
          this.handleDeath(`The GPU device was lost (${err.message}); sessions will be recreated.`);
        }
        return;
      }
      default: {
        const unreachable: never = msg;
        throw new Error(`Unknown worker message ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private rejectAll(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err);
  }

  /** Replace a dead worker; pending requests fail now, the next request waits for the replayed setup. */
  private handleDeath(reason: string): void {
    if (this.disposed) return;
    this.worker.terminate();
    this.rejectAll(new WorkerError('WORKER_CRASHED', reason, 'Run the request again: a fresh worker is ready.'));
    this.worker = this.spawn();
    this.events.onRestart?.(reason);
    const steps = SETUP_TYPES.filter((t) => this.setup.has(t as SetupType));
    const log = steps.map((t) => [t, this.setup.get(t as SetupType)!] as const);
    this.replay = (async () => {
      for (const [type, entry] of log) {
        await this.send(type, entry.params as never, {}).catch(() => undefined);
      }
    })().finally(() => {
      this.replay = null;
    });
  }
}

/** Fails to compile when a request kind of the protocol has no method on WorkerClient. */
type EveryRequestHasAMethod = Exclude<RequestType, keyof WorkerClient> extends never ? true : never;
const everyRequestHasAMethod: EveryRequestHasAMethod = true;
void everyRequestHasAMethod;
