import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// The packed library in a bare page: `npm pack` of dist-lib, unpacked into a temp folder and served
// statically with onnxruntime-web's own files and the tiny model. No React, no app code: the page's
// only script imports `bucketwise` through an import map, as a site without a bundler would.

const root = path.resolve(import.meta.dirname, '..');
const libDir = path.join(root, process.env.BUCKETWISE_LIB_OUT ?? 'dist-lib');
const ortDist = path.join(root, 'node_modules/onnxruntime-web/dist');
const model = path.join(root, 'public/models/tiny-bert-ner/onnx/model.onnx');
// The JSEP build, as the app uses: WebGPU and WASM execution providers in one module.
const ORT_MODULE = '/ort/ort.webgpu.bundle.min.mjs';

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>bucketwise library</title>
<script type="importmap">{"imports":{"onnxruntime-web":"${ORT_MODULE}","bucketwise":"/node_modules/bucketwise/index.js"}}</script>
</head><body><p id="status">loading</p>
<script type="module">
  import * as ort from 'onnxruntime-web';
  import * as bucketwise from 'bucketwise';
  ort.env.wasm.numThreads = 1;
  window.ort = ort;
  window.bucketwise = bucketwise;
  document.getElementById('status').textContent = 'ready';
</script></body></html>`;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.onnx': 'application/octet-stream',
};

let server: Server;
let baseUrl = '';
let work = '';

test.beforeAll(async () => {
  test.setTimeout(600_000);
  if (!existsSync(path.join(libDir, 'package.json'))) {
    // Self-sufficient in CI: build the library when the chain has not built it yet.
    execFileSync('npm', ['run', 'build:lib'], { cwd: root, stdio: 'inherit' });
  }
  work = mkdtempSync(path.join(os.tmpdir(), 'bucketwise-e2e-lib-'));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', libDir, '--pack-destination', work, '--json'], { cwd: root, encoding: 'utf8' }),
  ) as { filename: string }[];
  execFileSync('tar', ['xzf', path.join(work, packed.filename), '-C', work]);
  const pkg = path.join(work, 'package');
  const routes: [string, string][] = [
    ['/node_modules/bucketwise/', pkg],
    ['/ort/', ortDist],
  ];
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file: string | undefined;
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    if (url.pathname === '/model.onnx') file = model;
    for (const [prefix, dir] of routes) {
      if (url.pathname.startsWith(prefix)) {
        const candidate = path.resolve(dir, `.${url.pathname.slice(prefix.length - 1)}`);
        if (candidate.startsWith(dir)) file = candidate;
      }
    }
    if (!file || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res
      .writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs the packed library in the page on one backend and compares with an unpadded WASM run. */
async function runOnBackend(
  page: import('@playwright/test').Page,
  backend: 'wasm' | 'webgpu',
  lengths: number[],
  graphCapture = false,
) {
  return page.evaluate(
    async ({ backend, lengths, graphCapture }) => {
      const w = window as unknown as { ort: typeof import('onnxruntime-web'); bucketwise: typeof import('../src/lib') };
      const { ort, bucketwise } = w;
      const bytes = new Uint8Array(await (await fetch('/model.onnx')).arrayBuffer());
      const idsOf = (n: number, salt: number) => [
        101,
        ...Array.from({ length: n - 2 }, (_, t) => 1000 + ((salt * 37 + t * 11) % 20000)),
        102,
      ];
      const feeds = (ids: number[]) => ({
        input_ids: { data: BigInt64Array.from(ids.map(BigInt)), dims: [1, ids.length] },
        attention_mask: { data: new BigInt64Array(ids.length).fill(1n), dims: [1, ids.length] },
        token_type_ids: { data: new BigInt64Array(ids.length), dims: [1, ids.length] },
      });
      const inputs = lengths.map((n, i) => idsOf(n, i));
      // The model by URL and onnxruntime through the bare specifier: the library's default paths.
      const session = await bucketwise.BucketedSession.create({
        model: '/model.onnx',
        backend,
        dims: ['sequence_length'],
        buckets: [8, 16],
        batchSizes: graphCapture ? [1] : [1, 2],
        graphCapture,
        onProgress: (e) => console.log(`bucketwise ${backend} ${JSON.stringify(e)}`),
      });
      const outs = await session.runMany(inputs.map(feeds));
      const stats = session.stats();
      await session.dispose();
      const plain = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
      const diffs: number[] = [];
      const dims: number[][] = [];
      for (let i = 0; i < inputs.length; i++) {
        const f = feeds(inputs[i]);
        const tensors = Object.fromEntries(
          Object.entries(f).map(([k, t]) => [k, new ort.Tensor('int64', t.data, t.dims)]),
        );
        const want = (await plain.run(tensors)).logits.data as Float32Array;
        const got = outs[i].logits.data as Float32Array;
        dims.push(outs[i].logits.dims);
        diffs.push(
          got.length === want.length ? Math.max(...Array.from(want, (v, j) => Math.abs(v - got[j]))) : Infinity,
        );
      }
      await plain.release();
      return {
        backend: stats.backend,
        reason: stats.backendReason,
        runs: stats.runs,
        compiles: stats.compiles,
        perBucket: stats.perBucket.map((b) => [b.bucket, b.runs]),
        notes: stats.notes,
        dims,
        diffs,
      };
    },
    { backend, lengths, graphCapture },
  );
}

test.describe('the packed library in a bare HTML page', () => {
  test('WASM: BucketedSession matches an unpadded run, in the page and hosted in its Web Worker', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(baseUrl);
    await expect(page.locator('#status')).toHaveText('ready');
    const lengths = [3, 7, 12, 16, 5];
    const wasm = await runOnBackend(page, 'wasm', lengths);
    expect(wasm.backend, 'ran on WASM').toBe('wasm');
    expect(wasm.dims).toEqual(lengths.map((n) => [1, n, 9]));
    for (const [i, d] of wasm.diffs.entries()) expect(d, `WASM item ${i} (${lengths[i]} tokens)`).toBeLessThan(1e-4);
    // 3 items in bucket 8 (2 + 1), 2 in bucket 16 (2): three calls, three static sessions.
    expect(wasm.perBucket).toEqual([
      ['8', 2],
      ['16', 1],
    ]);
    expect(wasm.compiles).toBe(3);

    const viaWorker = await page.evaluate(async (ortModule) => {
      const { bucketwise } = window as unknown as { bucketwise: typeof import('../src/lib') };
      const ids = [101, 2000, 2001, 2002, 102];
      const feeds = () => ({
        input_ids: { data: BigInt64Array.from(ids.map(BigInt)), dims: [1, 5] },
        attention_mask: { data: new BigInt64Array(5).fill(1n), dims: [1, 5] },
        token_type_ids: { data: new BigInt64Array(5), dims: [1, 5] },
      });
      const local = await bucketwise.BucketedSession.create({
        model: '/model.onnx',
        backend: 'wasm',
        dims: ['sequence_length'],
        buckets: [8],
      });
      const want = (await local.run(feeds())).logits.data as Float32Array;
      await local.dispose();
      // Import maps do not reach module workers, so the worker imports onnxruntime from its URL.
      const remote = await bucketwise.createBucketedWorker({
        model: '/model.onnx',
        backend: 'wasm',
        dims: ['sequence_length'],
        buckets: [8],
        ortUrl: new URL(ortModule, location.href).href,
      });
      const sent = feeds();
      const got = await remote.run(sent);
      const stats = await remote.stats();
      await remote.dispose();
      return {
        same:
          Array.from(got.logits.data as Float32Array).every((v, i) => v === want[i]) &&
          got.logits.data.length === want.length,
        transferred: sent.input_ids.data.byteLength === 0,
        backend: stats.backend,
      };
    }, ORT_MODULE);
    expect(viaWorker.backend, 'the worker ran on WASM').toBe('wasm');
    expect(viaWorker.same, 'worker logits equal in-page logits').toBe(true);
    expect(viaWorker.transferred, 'feeds were transferred to the worker').toBe(true);
    expect(errors).toEqual([]);
  });

  test('WebGPU: BucketedSession matches an unpadded WASM run on the tiny model', async ({ page }) => {
    // SwiftShader compiles each static shape's shaders on the CPU: minutes on a busy machine.
    test.setTimeout(480_000);
    page.on('console', (m) => m.text().startsWith('bucketwise') && console.log(m.text()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(baseUrl);
    await expect(page.locator('#status')).toHaveText('ready');
    // SwiftShader WebGPU is slow: two items, two shapes.
    const gpu = await runOnBackend(page, 'webgpu', [5, 13]);
    expect(gpu.backend, `ran on WebGPU (${gpu.reason})`).toBe('webgpu');
    expect(gpu.dims).toEqual([
      [1, 5, 9],
      [1, 13, 9],
    ]);
    for (const [i, d] of gpu.diffs.entries()) expect(d, `WebGPU item ${i} against WASM`).toBeLessThan(1e-3);
    expect(gpu.perBucket).toEqual([
      ['8', 1],
      ['16', 1],
    ]);
    expect(errors).toEqual([]);
  });

  test('WebGPU graph capture: replays of each bucket give the unpadded logits of new inputs', async ({ page }) => {
    test.setTimeout(480_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(baseUrl);
    await expect(page.locator('#status')).toHaveText('ready');
    // Three different inputs per bucket at batch 1: the first run of a shape is captured, the others replay
    // it with new ids and masks, which must reach the outputs (docs/graph-capture.md).
    const lengths = [5, 13, 7, 11, 3, 16];
    const captured = await runOnBackend(page, 'webgpu', lengths, true);
    expect(captured.backend, `ran on WebGPU (${captured.reason})`).toBe('webgpu');
    expect(captured.notes, 'capture was not ignored').toEqual([]);
    expect(captured.dims).toEqual(lengths.map((n) => [1, n, 9]));
    for (const [i, d] of captured.diffs.entries())
      expect(d, `captured item ${i} (${lengths[i]} tokens) against WASM`).toBeLessThan(1e-3);
    expect(captured.perBucket).toEqual([
      ['8', 3],
      ['16', 3],
    ]);
    expect(errors).toEqual([]);
  });
});
