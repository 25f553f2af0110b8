import type * as Ort from 'onnxruntime-web';
import { WorkerError } from '../../src/protocol/errors';
import { captureRefusalReason } from '../../src/core/onnx/capture-refusal';
import type { Backend, MemoryReport } from '../../src/protocol/types';

export interface SessionSpec {
  /** Stable key: equal keys mean an equal session, so a reconfiguration can keep it. */
  key: string;
  modelBytes: Uint8Array;
  /** Symbolic dims pinned to numbers; absent for a dynamic-shape session. */
  freeDimensionOverrides?: Record<string, number>;
  graphCapture?: boolean;
}

interface Entry {
  promise: Promise<Ort.InferenceSession>;
  weightBytes: number;
  graphCapture: boolean;
}

/**
 * Owns every InferenceSession of the worker. One promise per key, so two requests for the same session
 * share one load; creation is chained so that only one session is created at a time (the WebGPU EP
 * does not support concurrent session work). Each session holds its own copy of the weights, which is
 * what the memory report and the budget count.
 */
export class SessionPool {
  private entries = new Map<string, Entry>();
  private chain: Promise<unknown> = Promise.resolve();
  /** Called after a session is released, so owners of per-session resources can free them. */
  onRelease: (key: string) => void = () => undefined;

  constructor(
    private readonly ort: typeof Ort,
    private readonly backend: () => Backend,
    /** Rejects when the GPU device is lost, so that no run waits forever on a dead device. */
    private readonly deviceLost: () => Promise<never> = () => new Promise<never>(() => undefined),
  ) {}

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(spec: SessionSpec): Promise<Ort.InferenceSession> {
    const existing = this.entries.get(spec.key);
    if (existing) return existing.promise;
    const promise = this.serial(() => this.create(spec));
    const entry: Entry = { promise, weightBytes: spec.modelBytes.byteLength, graphCapture: !!spec.graphCapture };
    this.entries.set(spec.key, entry);
    promise.catch(() => {
      if (this.entries.get(spec.key) === entry) this.entries.delete(spec.key);
    });
    return promise;
  }

  /** Run `fn` after every queued session operation; WebGPU runs go through here too. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const guarded = () => Promise.race([fn(), this.deviceLost()]);
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
    this.onRelease(key);
  }

  async releaseAll(except: (key: string) => boolean = () => false): Promise<void> {
    for (const key of [...this.entries.keys()]) {
      if (!except(key)) await this.release(key);
    }
  }

  memory(): MemoryReport {
    const sessions = [...this.entries].map(([key, e]) => ({ key, weightBytes: e.weightBytes }));
    const heap = (globalThis.performance as { memory?: { usedJSHeapSize?: number } } | undefined)?.memory;
    return {
      sessions,
      totalWeightBytes: sessions.reduce((s, x) => s + x.weightBytes, 0),
      sessionCount: sessions.length,
      ...(heap?.usedJSHeapSize !== undefined ? { jsHeapBytes: heap.usedJSHeapSize } : {}),
    };
  }

  private async create(spec: SessionSpec): Promise<Ort.InferenceSession> {
    const backend = this.backend();
    const captured = spec.graphCapture === true && backend === 'webgpu';
    const options: Ort.InferenceSession.SessionOptions = {
      // onnxruntime-web (1.31) hands `enableGraphCapture` to the WebGPU EP only when the EP is given as an
      // object (lib/wasm/session-options.ts); with the plain string the EP never captures, and the JS layer
      // still binds the inputs once, which froze the attention mask (docs/graph-capture.md).
      executionProviders: [captured ? { name: 'webgpu' } : backend],
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
      ...(spec.freeDimensionOverrides ? { freeDimensionOverrides: spec.freeDimensionOverrides } : {}),
      ...(captured ? { enableGraphCapture: true, preferredOutputLocation: 'gpu-buffer' as const } : {}),
    };
    try {
      return await this.ort.InferenceSession.create(spec.modelBytes, options);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const refusal = captured ? captureRefusalReason(message) : null;
      if (refusal) throw new WorkerError('BAD_MODEL', `Graph capture refused (${spec.key}): ${refusal}`);
      throw new WorkerError(
        'BAD_MODEL',
        `Could not create an ONNX Runtime session (${spec.key}): ${message}`,
        'Check that the file is a valid ONNX model for token classification.',
      );
    }
  }
}
