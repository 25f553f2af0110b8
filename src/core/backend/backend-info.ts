/** Which execution provider the user asked for, and which one the worker runs on. */
export type BackendChoice = 'auto' | 'webgpu' | 'wasm';
export type Backend = 'webgpu' | 'wasm';

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

export interface BackendInfo {
  backend: Backend;
  adapter?: AdapterInfo;
  /** Why WebGPU is not in use, in words, when the backend is WASM. */
  fallbackReason?: string;
  /**
   * The WebGPU adapter "auto" passed over for WASM: a software one (see software-adapter.ts), or one the
   * start-up race measured slower than WASM. The page offers it in one click.
   */
  passedOverAdapter?: AdapterInfo;
  /** What the start-up race measured when "auto" timed both backends on the model (one sentence). */
  measured?: string;
  crossOriginIsolated: boolean;
  wasmThreads: number;
}
