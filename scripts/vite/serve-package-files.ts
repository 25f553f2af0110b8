import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Serves files that live in npm packages (onnxruntime-web's WASM runtime, the OCR models) under a URL
 * prefix of the app, in the dev server and in `vite preview`, and copies them into the build.
 *
 * Why not `public/`: these files are large and versioned with their npm package, so copying them into the
 * repository would let the two drift apart; serving them from node_modules keeps one source of truth and
 * still means the app never fetches anything from a CDN.
 */
export interface PackageFileMount {
  /** URL prefix under the app's base, e.g. `ort/`. */
  urlPrefix: string;
  /** Absolute folder the files come from. */
  sourceDir: string;
  /** File names inside sourceDir to expose; nothing else in the folder is reachable. */
  files: string[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.onnx': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  // Markdown as plain text: browsers show it instead of downloading it.
  '.md': 'text/plain; charset=utf-8',
};

export function servePackageFiles(mounts: PackageFileMount[]): Plugin {
  for (const mount of mounts) {
    for (const file of mount.files) {
      const full = path.join(mount.sourceDir, file);
      if (!existsSync(full)) {
        throw new Error(`bucketwise build: ${full} is missing. Run "npm install" (it provides ${file}).`);
      }
    }
  }

  const middleware =
    (base: string) => (req: { url?: string }, res: import('node:http').ServerResponse, next: () => void) => {
      const url = (req.url ?? '').split('?')[0] ?? '';
      for (const mount of mounts) {
        const prefix = `${base}${mount.urlPrefix}`;
        if (!url.startsWith(prefix)) continue;
        const name = decodeURIComponent(url.slice(prefix.length));
        if (!mount.files.includes(name)) continue;
        const full = path.join(mount.sourceDir, name);
        res.setHeader('Content-Type', CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream');
        res.setHeader('Content-Length', String(statSync(full).size));
        res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
        createReadStream(full).pipe(res);
        return;
      }
      next();
    };

  // The dev server and preview serve under the configured base; with a relative base ('./') requests
  // still arrive rooted at '/'.
  const absoluteBase = (base: string) => (base.startsWith('/') ? base : '/');

  return {
    name: 'bucketwise-serve-package-files',
    configureServer(server) {
      server.middlewares.use(middleware(absoluteBase(server.config.base)));
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware(absoluteBase(server.config.base)));
    },
    generateBundle() {
      for (const mount of mounts) {
        for (const file of mount.files) {
          this.emitFile({
            type: 'asset',
            fileName: `${mount.urlPrefix}${file}`,
            source: readFileSync(path.join(mount.sourceDir, file)),
          });
        }
      }
    },
  };
}
