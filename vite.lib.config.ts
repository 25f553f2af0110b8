import { defineConfig } from 'vite';

// The library build (npm run build:lib): src/lib as ES modules for other apps, next to the app build.
// onnxruntime-web stays external: it is a peer dependency the consuming app installs and bundles once.
export default defineConfig({
  publicDir: false,
  build: {
    outDir: process.env.BUCKETWISE_LIB_OUT ?? 'dist-lib',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: { index: 'src/lib/index.ts', worker: 'src/lib/worker.ts' },
      formats: ['es'],
    },
    rollupOptions: {
      external: [/^onnxruntime-web(\/.*)?$/],
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
