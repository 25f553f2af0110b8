import { expect, openApp, startWorkerClient, test, TINY_MODEL } from './fixtures';

// Faults a long-lived tab meets: no WebGPU, a lost GPU device mid-run, a crashed worker.

test('without a WebGPU adapter, or when requestDevice fails, the worker falls back to WASM and says why', async ({
  page,
}) => {
  await openApp(page);
  const out = await page.evaluate(
    async ({ model }) => {
      const api = window.bucketwiseTest!;
      const results: { backend: string; reason?: string; entities: number }[] = [];
      for (const simulateFault of ['noAdapter', 'requestDeviceFails'] as const) {
        const client = api.createClient();
        const info = await client.init({
          appBaseUrl: api.appBaseUrl(),
          backend: 'auto',
          testHooks: true,
          simulateFault,
        });
        await client.loadModel({ source: { kind: 'bundled', name: model } });
        await client.configure({ buckets: [16], batchSize: 1, modes: ['bucketed'] });
        const res = await client.classify({
          texts: ['Works on WASM too.'],
          aggregation: 'none',
          ignoreLabels: [],
          overflow: 'window',
          mode: 'bucketed',
        });
        results.push({
          backend: info.backend,
          ...(info.fallbackReason ? { reason: info.fallbackReason } : {}),
          entities: res.results[0]!.entities.length,
        });
        client.dispose();
      }
      const forced = api.createClient();
      const refused = await forced
        .init({ appBaseUrl: api.appBaseUrl(), backend: 'webgpu', testHooks: true, simulateFault: 'noAdapter' })
        .then(
          () => null,
          (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
        );
      forced.dispose();
      return { results, refused };
    },
    { model: TINY_MODEL },
  );
  expect(out.results[0]).toMatchObject({ backend: 'wasm', reason: 'no WebGPU adapter was found.' });
  expect(out.results[1]).toMatchObject({ backend: 'wasm', reason: expect.stringContaining('requestDevice failed') });
  expect(out.results.every((r) => r.entities > 0)).toBe(true);
  expect(out.refused).toMatchObject({
    code: 'BACKEND_UNAVAILABLE',
    message: expect.stringContaining('WebGPU was requested'),
  });
});

test('a GPU device lost mid-run fails that run with a typed error; nothing is left unanswered; the next run works', async ({
  page,
}) => {
  await openApp(page);
  const client = await startWorkerClient(page, {
    backend: 'webgpu',
    testHooks: true,
    configure: { buckets: [16, 32], batchSize: 1, modes: ['bucketed'] },
  });
  const out = await page.evaluate(
    async ({ client }) => {
      const texts = Array.from({ length: 40 }, (_, i) => `Run ${i}: Grace Hopper visited Arlington in ${1950 + i}.`);
      let hooked = false;
      const settle = (p: Promise<unknown>) =>
        p.then(
          () => 'ok',
          (e: { code?: string }) => e.code ?? 'error',
        );
      const running = settle(
        client.classify(
          { texts, aggregation: 'simple', overflow: 'window', mode: 'bucketed' },
          {
            onProgress: () => {
              if (hooked) return;
              hooked = true;
              void client.testHook({ hook: 'loseDevice' }).catch(() => undefined);
            },
          },
        ),
      );
      const queued = settle(client.tokenize({ texts: ['queued behind the failing run'] }));
      const [inFlight, behind] = await Promise.all([running, queued]);
      const after = await client.classify({
        texts: ['Grace Hopper visited Arlington.'],
        aggregation: 'simple',
        overflow: 'window',
        mode: 'bucketed',
      });
      const memory = await client.memory({});
      client.dispose();
      return {
        inFlight,
        behind,
        afterItems: after.results.length,
        afterBackend: after.stats.backend,
        sessions: memory.sessionCount,
      };
    },
    { client },
  );
  expect(out.inFlight).toBe('DEVICE_LOST');
  // The queued request is answered too: by the old worker before it was replaced, or rejected with it.
  expect(['ok', 'WORKER_CRASHED']).toContain(out.behind);
  expect(out.afterItems).toBe(1);
  expect(out.afterBackend).toBe('webgpu');
  expect(out.sessions).toBeGreaterThan(0);
});

test('a crashed worker rejects every pending request and a fresh worker serves the next one', async ({ page }) => {
  await openApp(page);
  const client = await startWorkerClient(page, {
    backend: 'wasm',
    testHooks: true,
    configure: { buckets: [16, 32], batchSize: 1, modes: ['bucketed'] },
  });
  const out = await page.evaluate(
    async ({ client }) => {
      const settle = (p: Promise<unknown>) =>
        p.then(
          () => 'ok',
          (e: { code?: string }) => e.code ?? 'error',
        );
      const texts = Array.from({ length: 300 }, (_, i) => `Text number ${i} about Lagos and Accra.`);
      // The crash hook goes first: the worker takes it on arrival and throws at its next turn, when the
      // 300-text run behind it has at most begun, so all three requests are still unanswered. (Crashing
      // from the run's first progress event raced: when the page was busy that event came late, the worker
      // had answered everything, and the crash hit the request sent afterwards.)
      void client.testHook({ hook: 'crash' }).catch(() => undefined);
      const pending = [
        settle(client.classify({ texts, aggregation: 'simple', overflow: 'window', mode: 'bucketed' })),
        settle(client.tokenize({ texts: ['a'] })),
        settle(client.tokenize({ texts: ['b'] })),
      ];
      const answers = await Promise.all(pending);
      const after = await client.classify({
        texts: ['Lagos and Accra.'],
        aggregation: 'simple',
        overflow: 'window',
        mode: 'bucketed',
      });
      client.dispose();
      return { answers, after: after.results.length };
    },
    { client },
  );
  expect(out.answers).toEqual(['WORKER_CRASHED', 'WORKER_CRASHED', 'WORKER_CRASHED']);
  expect(out.after).toBe(1);
});
