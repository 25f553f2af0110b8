/**
 * Experiments behind the app's choice between per-bucket static sessions and one shared session
 * (issue 16 item 5; findings in docs/BENCHMARKS.md). Runs scripts/session-layout-probe/probe.js in
 * headless Chromium on onnxruntime-web directly, so that session options can be varied freely:
 *
 *   npx tsx scripts/session-layout-probe.ts [--model tiny-bert-ner|bucketwise-ner] [--backend webgpu|wasm]
 *     [--shapes 1x16,1x32,1x64] [--reps 5] [--variants static:all,shared:all,static:basic,...]
 *     [--phase cold|steady] [--log 0..4] [--console] [--dump]
 *
 * A variant is layout:graphOptimizationLevel; static = one session per shape (freeDimensionOverrides),
 * shared = one dynamic-shape session for every shape. `cold` opens one page per variant (a fresh GPU
 * program cache each) and reports session creation and first runs: time, pipelines compiled, GPU buffers
 * and bytes allocated. `steady` creates all variants in one page and interleaves timed runs; per shape it
 * reports the median and the work of one run (dispatches, submits, buffer writes and allocations, and
 * the kernels by pipeline label). Prints one JSON document to stdout; --dump adds each compiled WGSL.
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './lib/chromium';
import { serveRepoFiles } from './lib/repo-file-server';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALLOWED = ['scripts/session-layout-probe/', 'node_modules/onnxruntime-web/dist/', 'public/models/'];

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const params = {
  model: flag('model', 'tiny-bert-ner'),
  backend: flag('backend', 'webgpu'),
  shapes: flag('shapes', '1x16,1x32,1x64'),
  reps: flag('reps', '5'),
  variants: flag('variants', 'static:all,shared:all'),
  phase: flag('phase', 'steady'),
  log: flag('log', '3'),
};
const showConsole = args.includes('--console');

const server = await serveRepoFiles(ROOT, ALLOWED);
const { port } = server;
const browser = await launchChromium();
const started = new Date().toISOString();
try {
  // cold: one page per variant, so that no variant finds pipelines another one compiled.
  const pages = params.phase === 'cold' ? params.variants.split(',').map((v) => [v]) : [params.variants.split(',')];
  const results: unknown[] = [];
  for (const variants of pages) {
    const page = await browser.newPage();
    if (showConsole) page.on('console', (m) => process.stderr.write(`[page] ${m.text()}\n`));
    const query = new URLSearchParams({ ...params, variants: variants.join(',') });
    if (args.includes('--dump')) query.set('dump', '1');
    await page.goto(`http://127.0.0.1:${port}/scripts/session-layout-probe/?${query}`, { timeout: 120_000 });
    results.push(
      await page.evaluate(() => (window as unknown as { probeResult: Promise<unknown> }).probeResult, undefined),
    );
    await page.close();
  }
  const command = ['npx tsx scripts/session-layout-probe.ts', ...args].join(' ');
  const load = loadavg().map((x) => x.toFixed(1));
  process.stdout.write(
    `${JSON.stringify({ command, started, loadAverage: load, browser: browser.version(), results }, null, 1)}\n`,
  );
} finally {
  await browser.close();
  server.close();
}
