/**
 * Runs docs/graph-capture-repro/ in headless Chromium (WebGPU) in its four variants and prints what each
 * run gave: `npx tsx scripts/graph-capture-repro.ts`. After an onnxruntime-web upgrade, a pass of
 * `?ep=object` (without `source`) means the workaround in src/lib/captured-io.ts can go, and a
 * pass of the string variants means onnxruntime-web now forwards enableGraphCapture (docs/graph-capture.md).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './lib/chromium';
import { serveRepoFiles } from './lib/repo-file-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Only what the page loads: the page itself, onnxruntime-web's files and the tiny model.
const ALLOWED = [
  'docs/graph-capture-repro/',
  'node_modules/onnxruntime-web/dist/',
  'public/models/tiny-bert-ner/onnx/',
];

const server = await serveRepoFiles(ROOT, ALLOWED);
const { port } = server;
const browser = await launchChromium();
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
