/**
 * Runs docs/graph-capture-repro/ in headless Chromium (WebGPU) in its four variants and prints what each
 * run gave: `npx tsx scripts/graph-capture-repro.ts`. After an onnxruntime-web upgrade, a pass of
 * `?ep=object` (without `source`) means the workaround in workers/engine/graph-capture.ts can go, and a
 * pass of the string variants means onnxruntime-web now forwards enableGraphCapture (docs/graph-capture.md).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
};
// Only what the page loads: the page itself, onnxruntime-web's files and the tiny model.
const ALLOWED = [
  'docs/graph-capture-repro/',
  'node_modules/onnxruntime-web/dist/',
  'public/models/tiny-bert-ner/onnx/',
];

const server = createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
  const file = path.join(ROOT, rel.endsWith('/') ? `${rel}index.html` : rel);
  const inside = ALLOWED.some((dir) => file.startsWith(path.join(ROOT, dir)));
  if (!inside || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const browser = await chromium.launch({
  executablePath: process.env.BUCKETWISE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--no-sandbox'],
});
try {
  for (const query of ['', '?hold', '?ep=object', '?ep=object&source']) {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/docs/graph-capture-repro/${query}`);
    const result = await page.evaluate(() => (window as unknown as { reproResult: Promise<unknown> }).reproResult);
    process.stdout.write(`${query || '(EP as a string)'}: ${JSON.stringify(result)}\n`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
