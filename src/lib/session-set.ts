import type * as Ort from 'onnxruntime-web';
import { BucketedSessionError } from './errors';

/** Where a session's feeds and fetches live; `gpu` only for graph-captured WebGPU sessions. */
export interface SessionRequest {
  /** Stable key: equal keys mean an equal session (same shape, same options). */
  key: string;
  /** Free dims pinned to numbers; absent for the shared dynamic-shape session. */
  freeDimensionOverrides?: Record<string, number>;
  graphCapture?: boolean;
}

interface Entry {
  promise: Promise<Ort.InferenceSession>;
  lastUsed: number;
  isStatic: boolean;
}

export interface SessionSetOptions {
  backend: 'webgpu' | 'wasm';
  /** Bytes the static sessions may hold together (each holds a copy of the weights); unlimited when absent. */
  memoryBudget?: number;
  /** Extra onnxruntime session options (merged under ours). */
  sessionOptions?: Ort.InferenceSession.SessionOptions;
  /** Called once per session created: a compile of its graph (and, for static shapes, of that shape). */
  onCreate?: (key: string, ms: number) => void;
  /** Called when a session is released, so that per-session resources (GPU buffers) can go too. */
  onRelease?: (key: string) => void;
}

/**
 * The sessions of one model: static sessions per shape (pinned with freeDimensionOverrides) and at most
 * one shared dynamic session. One promise per key, so concurrent requests share a load; every creation,
 * run and release goes through one serial chain, because the WebGPU execution provider does not
 * support concurrent work on one device. Under a memory budget the least recently used static session
 * is released to make room for a new one.
 */
export class SessionSet {
  private readonly entries = new Map<string, Entry>();
  private chain: Promise<unknown> = Promise.resolve();
  private clock = 0;

  constructor(
    private readonly ort: typeof Ort,
    private readonly modelBytes: Uint8Array,
    private readonly options: SessionSetOptions,
  ) {
    const budget = options.memoryBudget;
    if (budget !== undefined && !(Number.isFinite(budget) && budget >= modelBytes.byteLength)) {
      throw new BucketedSessionError(
        'MEMORY_BUDGET_TOO_SMALL',
        `The memory budget (${String(budget)} bytes) cannot hold one copy of the ${modelBytes.byteLength}-byte model; every session holds one. Raise it or leave it out.`,
      );
    }
  }

  /** How many static sessions the budget allows at once (Infinity without a budget). */
  get capacity(): number {
    const budget = this.options.memoryBudget;
    return budget === undefined ? Infinity : Math.floor(budget / this.modelBytes.byteLength);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Weight bytes held by live sessions. */
  get weightBytes(): number {
    return this.entries.size * this.modelBytes.byteLength;
  }

  async get(request: SessionRequest): Promise<Ort.InferenceSession> {
    const existing = this.entries.get(request.key);
    if (existing) {
      existing.lastUsed = ++this.clock;
      return existing.promise;
    }
    const isStatic = request.freeDimensionOverrides !== undefined;
    if (isStatic) await this.makeRoom();
    const promise = this.serial(() => this.create(request));
    const entry: Entry = { promise, lastUsed: ++this.clock, isStatic };
    this.entries.set(request.key, entry);
    promise.catch(() => {
      if (this.entries.get(request.key) === entry) this.entries.delete(request.key);
    });
    return promise;
  }

  /** Runs `fn` after every queued session operation. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  async release(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    try {
      const session = await entry.promise;
      await this.serial(() => session.release());
    } catch {
      // A session that failed to load has nothing to release.
    }
    this.options.onRelease?.(key);
  }

  async releaseAll(except: (key: string) => boolean = () => false): Promise<void> {
    for (const key of this.keys()) if (!except(key)) await this.release(key);
  }

  private async makeRoom(): Promise<void> {
    const statics = [...this.entries].filter(([, e]) => e.isStatic);
    let excess = statics.length + 1 - this.capacity;
    statics.sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [key] of statics) {
      if (excess <= 0) break;
      await this.release(key);
      excess--;
    }
  }

  private async create(request: SessionRequest): Promise<Ort.InferenceSession> {
    const { backend } = this.options;
    const options: Ort.InferenceSession.SessionOptions = {
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
      ...this.options.sessionOptions,
      executionProviders: [backend],
      ...(request.freeDimensionOverrides ? { freeDimensionOverrides: request.freeDimensionOverrides } : {}),
      ...(request.graphCapture ? { enableGraphCapture: true, preferredOutputLocation: 'gpu-buffer' as const } : {}),
    };
    const started = performance.now();
    try {
      const session = await this.ort.InferenceSession.create(this.modelBytes, options);
      this.options.onCreate?.(request.key, performance.now() - started);
      return session;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new BucketedSessionError(
        'BAD_MODEL',
        `onnxruntime could not create the session ${request.key} on ${backend}: ${message}`,
      );
    }
  }
}
