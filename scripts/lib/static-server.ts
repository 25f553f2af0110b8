import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { preview, type Plugin, type PreviewServer } from 'vite';

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves one model folder under models/<name>/, read from disk on each request. */
function mountModelFolder(name: string, dir: string): Plugin {
  const prefix = `/models/${name}/`;
  const root = path.resolve(dir);
  return {
    name: 'bucketwise-bench-model',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        if (!url.startsWith(prefix)) return next();
        const file = path.resolve(root, decodeURIComponent(url.slice(prefix.length)));
        // Only files inside the folder: a "../" in the URL must not reach the rest of the disk.
        if (!file.startsWith(root + path.sep)) return next();
        let size: number;
        try {
          const stat = statSync(file);
          if (!stat.isFile()) return next();
          size = stat.size;
        } catch {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader('Content-Type', CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream');
        res.setHeader('Content-Length', String(size));
        res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
        createReadStream(file).pipe(res);
      });
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the build in `outDir` with `vite preview` and the project's config (COOP/COEP headers, package
 * files) on a free port of 127.0.0.1, plus the benchmarked model folder when one is given.
 */
export async function startStaticServer(
  root: string,
  outDir: string,
  model?: { name: string; dir: string },
): Promise<RunningServer> {
  const port = await freePort();
  const server: PreviewServer = await preview({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    plugins: model ? [mountModelFolder(model.name, model.dir)] : [],
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}
