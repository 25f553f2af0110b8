import type { BatchEvent, BucketedSessionOptions, FeedsInput, ProgressEvent } from './types';

/** Options that cross into the worker: functions cannot, so the kernel and onnxruntime come as module URLs. */
export type WorkerSessionOptions = Omit<BucketedSessionOptions, 'kernel' | 'onProgress' | 'ort' | 'model'> & {
  /** Bytes (transferred) or an absolute URL the worker fetches. */
  model: Uint8Array | ArrayBuffer | string;
  /** URL of an ES module whose `kernel` (or default) export is the bucket kernel. */
  kernelUrl?: string;
  /** URL of the onnxruntime-web ES module to import in the worker; default the bare 'onnxruntime-web' (needs a bundler). */
  ortUrl?: string;
};

export type WorkerRequest =
  | { id: number; op: 'create'; options: WorkerSessionOptions }
  | { id: number; op: 'run'; feeds: FeedsInput }
  /** `batchEvents`: send each call's BatchEvent back (the caller gave onBatch). */
  | { id: number; op: 'runMany'; items: FeedsInput[]; batchEvents?: boolean }
  /** Aborts the request `target` (a run or runMany) before its next model call; answered by that request. */
  | { id: number; op: 'abort'; target: number; reason?: string }
  | { id: number; op: 'warmup' | 'stats' | 'dispose' }
  | { id: number; op: 'rebucket'; sizes: (number | number[])[] };

export type WorkerResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; code?: string; message: string } }
  | { id: number; progress: ProgressEvent }
  | { id: number; batch: BatchEvent };

/** What both a Worker and a MessagePort offer. */
export interface PortLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener?(type: 'message', listener: (event: MessageEvent) => void): void;
  start?(): void;
}

/** The distinct ArrayBuffers under a set of tensors, for a postMessage transfer list (shared memory is never transferred). */
export function buffersOf(tensors: Iterable<{ data: unknown }>): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const t of tensors) {
    const data = t.data as { buffer?: unknown } | undefined;
    if (data && ArrayBuffer.isView(data) && data.buffer instanceof ArrayBuffer) out.add(data.buffer);
  }
  return [...out];
}
