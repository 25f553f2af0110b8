/**
 * A stand-in for the Hugging Face hub during tests: serves each bundled model folder under
 * `/<owner>/<name>/resolve/main/<file>`, the layout transformers.js's hub loader requests, from another
 * origin than the app, so the hub code path (configurable host, CORS, download progress) runs for real.
 *
 *   npx tsx e2e/hub-server.ts [port]
 *
 * Models: `bucketwise/<folder>` for every folder of public/models. `bucketwise/broken-config` is the tiny
 * model with a config.json that is not JSON, for the error path. `bucketwise/html-labels` is the tiny model
 * with labels that are HTML and script (HTML_LABELS in pages/hostile.ts), for the safety tests.
 * `bucketwise/cpu-node` is the tiny model's config and tokenizer with e2e/models/cpu-node-model.onnx, a graph
 * with a CPU-placed node that onnxruntime refuses to capture (graph-capture.spec.ts). Any other path is 404.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HTML_LABELS } from './pages/hostile';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'models');
const port = Number(process.argv[2] ?? process.env.BUCKETWISE_HUB_PORT ?? 4174);
const ROUTE = /^\/bucketwise\/([\w.-]+)\/resolve\/main\/([\w./-]+)$/;

function htmlLabelsConfig(): string {
  const config = JSON.parse(readFileSync(path.join(root, 'tiny-bert-ner', 'config.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  config.id2label = Object.fromEntries(HTML_LABELS.map((label, i) => [String(i), label]));
  config.label2id = Object.fromEntries(HTML_LABELS.map((label, i) => [label, i]));
  return JSON.stringify(config);
}

const server = createServer((req, res) => {
  // The app is cross-origin isolated (COEP require-corp): cross-origin files need CORS and CORP headers.
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Content-Length, ETag');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = ROUTE.exec(url.pathname);
  if (match?.[1] === 'broken-config') {
    if (match[2] === 'config.json') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id2label": {"0": "O",, broken');
      return;
    }
    match[1] = 'tiny-bert-ner';
  }
  if (match?.[1] === 'html-labels') {
    if (match[2] === 'config.json') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(htmlLabelsConfig());
      return;
    }
    match[1] = 'tiny-bert-ner';
  }
  if (match?.[1] === 'cpu-node') match[1] = 'tiny-bert-ner';
  const file =
    match?.[0].startsWith('/bucketwise/cpu-node/') && match[2] === 'onnx/model.onnx'
      ? path.join(path.dirname(fileURLToPath(import.meta.url)), 'models', 'cpu-node-model.onnx')
      : match
        ? path.join(root, match[1]!, match[2]!)
        : '';
  if (!match || file.includes('..') || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
    'Content-Length': String(statSync(file).size),
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`hub stand-in on http://127.0.0.1:${port}/bucketwise/<model>/resolve/main/`);
});
