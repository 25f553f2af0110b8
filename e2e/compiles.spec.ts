import { expect, openApp, test, TINY_MODEL } from './fixtures';

// Issue 16: bucketed mode guarantees no GPU compile after warm-up; dynamic shapes compile on each new
// length. Counted on the real WebGPU device (SwiftShader here) by the worker's wrapped GPUDevice, through
// the same benchmark request Compare uses. Counts only, never timings.

/** 30 texts of 1..30 words: one token per word plus [CLS] and [SEP], so 30 distinct lengths, 3..32. */
const TEXTS = Array.from({ length: 30 }, (_, i) => Array.from({ length: i + 1 }, () => 'the').join(' '));

test('cold stream on WebGPU: bucketed compiles nothing after warm-up, dynamic compiles during traffic', async ({
  page,
  pageErrors,
}) => {
  // SwiftShader compiles and runs on the CPU: about a minute on an idle 2-core machine, but over ten
  // minutes were seen while the machine was shared (load average 40+). A cap, not an expectation.
  test.setTimeout(1_200_000);
  await openApp(page);
  const out = await page.evaluate(
    async ({ model, texts }) => {
      const api = window.bucketwiseTest!;
      const client = api.createClient();
      try {
        const info = await client.init({ appBaseUrl: api.appBaseUrl(), backend: 'webgpu' });
        await client.loadModel({ source: { kind: 'bundled', name: model } });
        const { lengths } = await client.tokenize({ texts });
        // One worker, as in the app's Compare. Bucketed goes first, so dynamic can reuse whatever bucketed's
        // warm-up compiled: its count is a lower bound, and still above 0, because its lengths are new shapes.
        const bench = await client.benchmark({
          texts,
          modes: ['bucketed', 'dynamic'],
          batchSize: 1,
          buckets: [16, 32],
          warmupRuns: 1,
          repetitions: 1,
          regime: 'cold',
        });
        return { backend: info.backend, lengths, results: bench.results };
      } finally {
        client.dispose();
      }
    },
    { model: TINY_MODEL, texts: TEXTS },
  );

  expect(out.backend).toBe('webgpu');
  expect(new Set(out.lengths).size).toBe(30);
  const [bucketed, dynamic] = out.results;
  for (const r of out.results) {
    expect(r.backend).toBe('webgpu');
    expect(r.regime).toBe('cold');
    expect(r.items).toBe(30);
  }
  // The counter sees the device: warming the two bucket shapes built pipelines.
  expect(bucketed!.compiles.warmup).toBeGreaterThan(0);
  expect(bucketed!.compiles.traffic).toBe(0);
  expect(dynamic!.compiles.traffic).toBeGreaterThan(0);
  // Compiles land on the shapes that caused them: dynamic's traffic shapes are 1 x each new length.
  const dynamicTrafficShapes = Object.entries(dynamic!.compilesByShape ?? {})
    .filter(([, c]) => c.traffic > 0)
    .map(([s]) => s);
  expect(dynamicTrafficShapes.length).toBeGreaterThan(1);
  for (const shape of dynamicTrafficShapes) expect(shape).toMatch(/^1x\d+$/);
  expect(pageErrors).toEqual([]);
});

test('on WASM nothing is compiled and the counts say 0 rather than guessing', async ({ page }) => {
  await openApp(page);
  const result = await page.evaluate(
    async ({ model, texts }) => {
      const api = window.bucketwiseTest!;
      const client = api.createClient();
      try {
        await client.init({ appBaseUrl: api.appBaseUrl(), backend: 'wasm' });
        await client.loadModel({ source: { kind: 'bundled', name: model } });
        const bench = await client.benchmark({
          texts: texts.slice(0, 8),
          modes: ['dynamic'],
          batchSize: 1,
          buckets: [8, 16],
          warmupRuns: 1,
          repetitions: 1,
          regime: 'cold',
        });
        return bench.results[0]!;
      } finally {
        client.dispose();
      }
    },
    { model: TINY_MODEL, texts: TEXTS },
  );
  expect(result.backend).toBe('wasm');
  expect(result.compiles).toEqual({ warmup: 0, traffic: 0 });
  expect(result.latencyMs.max).toBeGreaterThan(0);
});
