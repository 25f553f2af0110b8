import type * as Ort from 'onnxruntime-web';
import { captureRefusalReason } from '../core/onnx/capture-refusal';
import { BucketedSessionError } from './errors';

export type SessionBackend = 'webgpu' | 'wasm';

export interface SessionRequest {
  /** Stable key: equal keys mean an equal session (same model, shape and options). */
  key: string;
  /** This session's model; the set's own `modelBytes` when absent (a worker holds NER and OCR models). */
  modelBytes?: Uint8Array;
  /** Free dims pinned to numbers; absent for a dynamic-shape session. */
  freeDimensionOverrides?: Record<string, number>;
  /** Graph-captured WebGPU session (inputs and outputs on GPU buffers); ignored on WASM. */
  graphCapture?: boolean;
}

/** Why onnxruntime refused a session, for an owner that throws its own error class. */
export interface SessionFailure {
  key: string;
  backend: SessionBackend;
  /** onnxruntime's message. */
  message: string;
  /** The reason in words when onnxruntime refused graph capture for this model, else null. */
  captureRefusal: string | null;
}

export interface SessionSetOptions {
  /** The backend, or a getter read at each creation (the app's worker selects it at init). */
  backend: SessionBackend | (() => SessionBackend);
  /** The model of every request that brings no bytes of its own. */
  modelBytes?: Uint8Array;
  /** Bytes the static sessions may hold together (each holds a copy of the weights); unlimited when absent. */
  memoryBudget?: number;
  /** Extra onnxruntime session options (merged under ours). */
  sessionOptions?: Ort.InferenceSession.SessionOptions;
  /** Called once per session created: a compile of its graph (and, for static shapes, of that shape). */
  onCreate?: (key: string, ms: number) => void;
  /**
   * Rejects when work can never finish (the GPU device was lost): every serial operation races it, so no
   * run waits forever on a dead device. Called once per operation.
   */
  interrupt?: () => Promise<never>;
  /** The error thrown when onnxruntime refuses a session; a BucketedSessionError('BAD_MODEL') by default. */
  createError?: (failure: SessionFailure) => Error;
}

/** The weights the live sessions hold: each session keeps its own copy of its model's weights. */
export interface SessionMemoryReport {
  sessions: { key: string; weightBytes: number }[];
  totalWeightBytes: number;
  sessionCount: number;
  /** performance.memory.usedJSHeapSize where the browser exposes it. */
  jsHeapBytes?: number;
}

interface Entry {
  promise: Promise<Ort.InferenceSession>;
  lastUsed: number;
  isStatic: boolean;
  weightBytes: number;
}

/**
 * Every InferenceSession of one owner (the library's BucketedSession, or the app's worker with its NER
 * and OCR models): static sessions per shape (pinned with freeDimensionOverrides) and dynamic ones. One
 * promise per key, registered synchronously, so concurrent requests share one load; every creation, run
 * and release goes through one serial chain, because the WebGPU execution provider does not support
 * concurrent work on one device. Under a memory budget the least recently used static sessions are
 * released to make room for a new one.
 */
export class SessionSet {
  private readonly entries = new Map<string, Entry>();
  private chain: Promise<unknown> = Promise.resolve();
  private clock = 0;
  /** Resources that live and die with one session (the GPU buffers of a graph-captured one). */
  private readonly resources = new Map<string, { destroy(): void }>();
  /** Called after a session is released (and its resources destroyed). */
  onRelease: (key: string) => void = () => undefined;

  constructor(
    private readonly ort: typeof Ort,
    private readonly options: SessionSetOptions,
  ) {
    const budget = options.memoryBudget;
    const modelSize = options.modelBytes?.byteLength ?? 0;
    if (budget !== undefined && !(Number.isFinite(budget) && budget >= modelSize)) {
      throw new BucketedSessionError(
        'MEMORY_BUDGET_TOO_SMALL',
        `The memory budget (${String(budget)} bytes) cannot hold one copy of the ${modelSize}-byte model; every session holds one. Raise it or leave it out.`,
      );
    }
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Weight bytes held by live (and loading) sessions. */
  get weightBytes(): number {
    let total = 0;
    for (const e of this.entries.values()) total += e.weightBytes;
    return total;
  }

  get(request: SessionRequest): Promise<Ort.InferenceSession> {
    const existing = this.entries.get(request.key);
    if (existing) {
      existing.lastUsed = ++this.clock;
      return existing.promise;
    }
    const bytes = request.modelBytes ?? this.options.modelBytes;
    if (!bytes) {
      return Promise.reject(
        new BucketedSessionError('BAD_OPTIONS', `No model bytes for the session ${request.key}: pass modelBytes.`),
      );
    }
    const isStatic = request.freeDimensionOverrides !== undefined;
    const create = () => this.serial(() => this.create(request, bytes));
    // Without a budget nothing is released first, so the creation queues at once, in request order.
    const promise =
      isStatic && this.options.memoryBudget !== undefined
        ? this.makeRoom(request.key, bytes.byteLength).then(create)
        : create();
    const entry: Entry = { promise, lastUsed: ++this.clock, isStatic, weightBytes: bytes.byteLength };
    this.entries.set(request.key, entry);
    promise.catch(() => {
      if (this.entries.get(request.key) === entry) this.entries.delete(request.key);
    });
    return promise;
  }

  /** The resource `make` builds for the session `key`, made once and destroyed when the session is released. */
  resourceOf<T extends { destroy(): void }>(key: string, make: () => T): T {
    let resource = this.resources.get(key);
    if (!resource) {
      resource = make();
      this.resources.set(key, resource);
    }
    return resource as T;
  }

  /** Runs `fn` after every queued session operation; runs go through here too. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const { interrupt } = this.options;
    const guarded = interrupt ? () => Promise.race([fn(), interrupt()]) : fn;
    const next = this.chain.then(guarded, guarded);
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
    this.resources.get(key)?.destroy();
    this.resources.delete(key);
    this.onRelease(key);
  }

  async releaseAll(except: (key: string) => boolean = () => false): Promise<void> {
    for (const key of this.keys()) if (!except(key)) await this.release(key);
  }

  memory(): SessionMemoryReport {
    const sessions = [...this.entries].map(([key, e]) => ({ key, weightBytes: e.weightBytes }));
    const heap = (globalThis.performance as { memory?: { usedJSHeapSize?: number } } | undefined)?.memory;
    return {
      sessions,
      totalWeightBytes: sessions.reduce((sum, s) => sum + s.weightBytes, 0),
      sessionCount: sessions.length,
      ...(heap?.usedJSHeapSize !== undefined ? { jsHeapBytes: heap.usedJSHeapSize } : {}),
    };
  }

  /** Releases least recently used static sessions until `bytes` more fit in the budget. */
  private async makeRoom(key: string, bytes: number): Promise<void> {
    const budget = this.options.memoryBudget ?? Infinity;
    const statics = [...this.entries].filter(([k, e]) => e.isStatic && k !== key);
    let held = statics.reduce((sum, [, e]) => sum + e.weightBytes, 0);
    statics.sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [victim, e] of statics) {
      if (held + bytes <= budget) break;
      held -= e.weightBytes;
      await this.release(victim);
    }
  }

  /** The backend the next session is created on (a host that chooses it at init gives a getter). */
  get backend(): SessionBackend {
    const { backend } = this.options;
    return typeof backend === 'function' ? backend() : backend;
  }

  private async create(request: SessionRequest, bytes: Uint8Array): Promise<Ort.InferenceSession> {
    const backend = this.backend;
    const captured = request.graphCapture === true && backend === 'webgpu';
    const options: Ort.InferenceSession.SessionOptions = {
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
      ...this.options.sessionOptions,
      // onnxruntime-web (1.31) hands `enableGraphCapture` to the WebGPU EP only when the EP is given as an
      // object (lib/wasm/session-options.ts); with the plain string the EP never captures, and the JS layer
      // still binds the inputs once, which froze the attention mask (docs/graph-capture.md).
      executionProviders: [captured ? { name: 'webgpu' } : backend],
      ...(request.freeDimensionOverrides ? { freeDimensionOverrides: request.freeDimensionOverrides } : {}),
      ...(captured ? { enableGraphCapture: true, preferredOutputLocation: 'gpu-buffer' as const } : {}),
    };
    const started = performance.now();
    try {
      const session = await this.ort.InferenceSession.create(bytes, options);
      this.options.onCreate?.(request.key, performance.now() - started);
      return session;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const failure: SessionFailure = {
        key: request.key,
        backend,
        message,
        captureRefusal: captured ? captureRefusalReason(message) : null,
      };
      if (this.options.createError) throw this.options.createError(failure);
      throw new BucketedSessionError(
        'BAD_MODEL',
        failure.captureRefusal
          ? `Graph capture refused for the session ${request.key}: ${failure.captureRefusal}`
          : `onnxruntime could not create the session ${request.key} on ${backend}: ${message}`,
      );
    }
  }
}
