import { expect, openApp, startWorkerClient, test, TINY_MODEL } from './fixtures';

// The worker on both backends and in every mode, through the same client the UI uses.

test('logits on real tokens agree across all four modes and both backends; routing picks the smallest bucket', async ({
  page,
  pageErrors,
}) => {
  await openApp(page);
  const result = await page.evaluate(
    async ({ model }) => {
      const api = window.bucketwiseTest!;
      const lengths = [5, 12, 20, 7, 30, 3];
      // Deterministic ids inside the vocabulary, framed by [CLS] (101) ... [SEP] (102).
      const inputs = lengths.map((n, i) => [
        101,
        ...Array.from({ length: n - 2 }, (_, t) => 1000 + ((i * 37 + t * 11) % 20000)),
        102,
      ]);
      const modes = ['bucketed', 'bucketed-shared', 'pad-to-max', 'dynamic'] as const;
      const runs: { backend: string; mode: string; logits: number[][]; buckets: number[]; padEff: number }[] = [];
      for (const backend of ['webgpu', 'wasm'] as const) {
        const client = api.createClient();
        await client.init({ appBaseUrl: api.appBaseUrl(), backend });
        await client.loadModel({ source: { kind: 'bundled', name: model } });
        await client.configure({ buckets: [8, 16, 32], batchSize: 2, modes: [...modes] });
        for (const mode of modes) {
          const res = await client.logits({ inputIds: inputs, mode });
          runs.push({
            backend,
            mode,
            logits: res.logits.map((l) => Array.from(l)),
            buckets: res.buckets,
            padEff: res.stats.paddingEfficiency,
          });
        }
        client.dispose();
      }
      return { runs, lengths };
    },
    { model: TINY_MODEL },
  );

  const reference = result.runs[0]!;
  expect(reference.logits.map((l) => l.length / 9)).toEqual(result.lengths);
  for (const run of result.runs) {
    for (let i = 0; i < result.lengths.length; i++) {
      const a = run.logits[i]!;
      const b = reference.logits[i]!;
      expect(a.length, `${run.backend}/${run.mode} input ${i}`).toBe(b.length);
      const maxDiff = Math.max(...a.map((x, j) => Math.abs(x - b[j]!)));
      expect(maxDiff, `${run.backend}/${run.mode} input ${i}`).toBeLessThan(1e-3);
    }
  }
  const byMode = (mode: string) => result.runs.find((r) => r.backend === 'wasm' && r.mode === mode)!;
  expect(byMode('bucketed').buckets).toEqual([8, 16, 32, 8, 32, 8]);
  expect(byMode('pad-to-max').buckets).toEqual([32, 32, 32, 32, 32, 32]);
  // Bucketing must waste less than padding everything to 32.
  expect(byMode('bucketed').padEff).toBeGreaterThan(byMode('pad-to-max').padEff);
  expect(pageErrors).toEqual([]);
});

test('a cancelled request is answered with a cancellation, and the worker keeps serving', async ({ page }) => {
  await openApp(page);
  const client = await startWorkerClient(page, {
    backend: 'wasm',
    configure: { buckets: [16, 64], batchSize: 1, modes: ['bucketed'] },
  });
  const outcome = await page.evaluate(
    async ({ client }) => {
      // Enough one-item batches (a few seconds of tiny-model runs) that the run is still going when the
      // cancel comes back from the page, even on a loaded machine: 400 once finished first at load 3.
      const texts = Array.from(
        { length: 3000 },
        (_, i) => `Sentence ${i} about Paris and Berlin, written by Anna Schmidt in ${1900 + i}.`,
      );
      const controller = new AbortController();
      // Cancel as soon as the first batch reports progress: the run is then certainly under way.
      const running = client.classify(
        { texts, aggregation: 'simple', overflow: 'window', mode: 'bucketed' },
        { signal: controller.signal, onProgress: () => controller.abort() },
      );
      const queued = client.tokenize({ texts: ['queued behind the long run'] }, {});
      const queuedThenCancelled = new AbortController();
      const cancelledWhileQueued = client.tokenize({ texts: ['never runs'] }, { signal: queuedThenCancelled.signal });
      queuedThenCancelled.abort();
      const settle = (p: Promise<unknown>) =>
        p.then(
          () => 'ok',
          (e: { code?: string }) => e.code ?? 'error',
        );
      const [a, b, c] = await Promise.all([settle(running), settle(queued), settle(cancelledWhileQueued)]);
      const after = await client.tokenize({ texts: ['still alive'] });
      client.dispose();
      return { a, b, c, after: after.lengths.length };
    },
    { client },
  );
  expect(outcome).toEqual({ a: 'CANCELLED', b: 'ok', c: 'CANCELLED', after: 1 });
});

// Graph capture (captured vs uncaptured logits, no fallback accepted): e2e/graph-capture.spec.ts.
