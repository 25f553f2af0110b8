import type * as Ort from 'onnxruntime-web';
import * as ortWasm from 'onnxruntime-web/wasm';
import * as ortWebgpu from 'onnxruntime-web/webgpu';
// Vite emits each build's WASM runtime as assets of the app and gives their URLs (no CDN).
import wasmFactoryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import wasmBinaryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import webgpuFactoryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import webgpuBinaryUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { Backend } from '../../src/protocol/types';

export type OrtModule = typeof Ort;

/** What the chosen backend needs of its runtime: its name, the WASM threads, the GPU device we created. */
export interface RuntimeSettings {
  backend: Backend;
  wasmThreads: number;
  device?: GPUDevice;
}

/**
 * onnxruntime-web ships one build per backend. The WebGPU build's runtime (asyncify, 26.9 MB of
 * WebAssembly) is the plain WASM build's (14.3 MB) plus the WebGPU execution provider; a visitor on the
 * WASM backend would fetch and compile twice the code for nothing, and compiling it is most of a cold
 * visit's first session (docs/BENCHMARKS.md, first entities). So WASM runs on the WASM build and only
 * WebGPU loads the big one. Each build is its own module (its own `env`, `Tensor`, sessions): every
 * tensor and session of a backend must come from the module returned here.
 */
export function ortRuntimeFor(settings: RuntimeSettings): OrtModule {
  const webgpu = settings.backend === 'webgpu';
  const ort: OrtModule = webgpu ? ortWebgpu : ortWasm;
  // transformers.js points ORT at a CDN when it is imported; the app serves the runtime itself.
  ort.env.wasm.wasmPaths = {
    mjs: new URL(webgpu ? webgpuFactoryUrl : wasmFactoryUrl, self.location.href).href,
    wasm: new URL(webgpu ? webgpuBinaryUrl : wasmBinaryUrl, self.location.href).href,
  };
  ort.env.wasm.proxy = false;
  ort.env.wasm.numThreads = settings.wasmThreads;
  // Ours, so that the engine can watch `lost` and a test can destroy it.
  if (webgpu && settings.device) ort.env.webgpu.device = settings.device;
  return ort;
}

/** ORT warns on every session that shape ops run on the CPU (by design); only errors are worth a console line. */
export function quietOrtLogs(): void {
  ortWasm.env.logLevel = 'error';
  ortWebgpu.env.logLevel = 'error';
}
