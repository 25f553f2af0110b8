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
  /** The software WebGPU adapter that "auto" passed over for WASM (see software-adapter.ts). */
  passedOverAdapter?: AdapterInfo;
  /** What the start-up race measured when "auto" timed both backends on the model (one sentence). */
  measured?: string;
  crossOriginIsolated: boolean;
  wasmThreads: number;
}
