import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};

export interface RepoFileServer {
  port: number;
  close(): void;
}

/**
 * Serves files of the repository at `root` on a free port of 127.0.0.1, for the standalone pages of the
 * scripts (reproductions and probes that run onnxruntime-web without the app). Only files under the
 * `allowed` folders (relative to `root`) are served; a folder URL serves its index.html.
 */
export async function serveRepoFiles(root: string, allowed: readonly string[]): Promise<RepoFileServer> {
  const server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const file = path.join(root, rel.endsWith('/') ? `${rel}index.html` : rel);
    const inside = allowed.some((dir) => file.startsWith(path.join(root, dir)));
    if (!inside || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, close: () => server.close() };
}
