import { expect, HUB_URL, loadFromHub, openApp, test, TINY_MODEL } from './fixtures';

// WebGPU graph capture (issue 16 item 3), on SwiftShader here: the tiny model and a few items.
// No fallback is accepted: a captured session must run, and give the logits of an uncaptured one, on
// full rows and on padded rows (whose attention mask changes from run to run: the case that once froze).

test('graph-captured bucket sessions run on WebGPU and give the logits of uncaptured ones on full and padded rows', async ({
  page,
  pageErrors,
}) => {
  // Two workers each load the model and compile two bucket sessions on SwiftShader; on a busy 2-core
  // machine (load average 50) one bucket's first run alone took 6.5 minutes.
  test.setTimeout(900_000);
  await openApp(page);
  const out = await page.evaluate(
    async ({ model }) => {
      const api = window.bucketwiseTest!;
      // Full rows (8 and 16 tokens: every mask position set) with changing contents, then padded rows
      // (5 and 11 tokens, then 3 and 13) whose masks differ from the full warm-up rows and from each other.
      const a = [101, 1943, 1110, 3934, 1121, 23892, 119, 102];
      const b = [101, 1943, 1110, 3934, 1121, 23892, 1106, 1203, 1365, 119, 1262, 1122, 1108, 1107, 3206, 102];
      const c = [101, 2199, 1108, 1107, 3206, 1112, 1103, 102];
      const d = [101, 1109, 2851, 1104, 1103, 2597, 1110, 1141, 2132, 119, 1262, 1122, 1110, 1141, 119, 102];
      const padA = [101, 1943, 1110, 3934, 102];
      const padB = [101, 1943, 1110, 3934, 1121, 23892, 1106, 1203, 1365, 119, 102];
      const padC = [101, 2199, 102];
      const padD = [101, 1109, 2851, 1104, 1103, 2597, 1110, 1141, 2132, 119, 1262, 1122, 102];
      const runs = [
        [a, b],
        [b, a],
        [c, d],
        [d, c],
        [padA, padB],
        [padC, padD],
      ];
      // A failure names the step and the variant, since the worker's message alone rarely says which.
      const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
        try {
          return await work();
        } catch (err) {
          throw new Error(`${name}: ${(err as Error).message}`, { cause: err });
        }
      };
      const session = async (graphCapture: boolean) => {
        const client = api.createClient();
        const label = graphCapture ? 'captured' : 'plain';
        await step(`${label} init`, () => client.init({ appBaseUrl: api.appBaseUrl(), backend: 'webgpu' }));
        await step(`${label} loadModel`, () => client.loadModel({ source: { kind: 'bundled', name: model } }));
        const configured = await step(`${label} configure`, () =>
          client.configure({ buckets: [8, 16], batchSize: 2, modes: ['bucketed'], graphCapture }),
        );
        const logits: number[][][] = [];
        for (const [i, inputIds] of runs.entries()) {
          const res = await step(`${label} logits run ${i}`, () => client.logits({ inputIds, mode: 'bucketed' }));
          logits.push(res.logits.map((l) => Array.from(l)));
        }
        const memory = await step(`${label} memory`, () => client.memory({}));
        client.dispose();
        return { status: configured.graphCapture, logits, sessionKeys: memory.sessions.map((s) => s.key) };
      };
      return { captured: await session(true), plain: await session(false) };
    },
    { model: TINY_MODEL },
  );

  const { captured, plain } = out;
  expect(captured.status).toEqual({ requested: true, active: true });
  // The runs went through the captured sessions (their keys end in "graph"), one per bucket.
  expect(captured.sessionKeys.filter((k) => k.endsWith(' graph')).sort()).toEqual(['ner 16@2 graph', 'ner 8@2 graph']);
  expect(plain.status.active).toBe(false);
  expect(plain.sessionKeys.some((k) => k.endsWith(' graph'))).toBe(false);
  const maxDiffOf = (run: number, item: number) => {
    const x = captured.logits[run]![item]!;
    const y = plain.logits[run]![item]!;
    expect(x.length, `run ${run} item ${item}`).toBe(y.length);
    expect(x.length).toBeGreaterThan(0);
    return Math.max(...x.map((v, j) => Math.abs(v - y[j]!)));
  };
  // Full rows: a captured replay gives the uncaptured logits.
  for (let run = 0; run < 4; run++) {
    for (let item = 0; item < 2; item++)
      expect(maxDiffOf(run, item), `run ${run} item ${item}`).toBeLessThanOrEqual(1e-4);
  }
  // Padded rows: every node, the attention-mask arithmetic included, runs inside the recorded GPU commands,
  // so a replay reads each run's mask (docs/graph-capture.md: it once ran on the CPU and froze at capture).
  for (let run = 4; run < 6; run++) {
    for (let item = 0; item < 2; item++)
      expect(maxDiffOf(run, item), `padded run ${run} item ${item}`).toBeLessThanOrEqual(1e-4);
  }
  // Runs 2 and 3 hold other ids than runs 0 and 1: a replay that read stale ids would differ from plain there.
  expect(plain.logits[2]![0]).not.toEqual(plain.logits[0]![0]);
  expect(pageErrors).toEqual([]);
});

test('a model with a CPU-placed node is refused for graph capture with the reason, and runs uncaptured', async ({
  page,
  pageErrors,
}) => {
  // One small session per bucket on SwiftShader; the model has a handful of nodes.
  test.setTimeout(300_000);
  await openApp(page);
  const out = await page.evaluate(
    async ({ hub }) => {
      const api = window.bucketwiseTest!;
      const client = api.createClient();
      await client.init({ appBaseUrl: api.appBaseUrl(), backend: 'webgpu' });
      // e2e/models/cpu-node-model.onnx: its int64 Mod has no WebGPU kernel and runs on the CPU.
      await client.loadModel({ source: { kind: 'hub', id: 'bucketwise/cpu-node', host: hub } });
      const configured = await client.configure({
        buckets: [8],
        batchSize: 1,
        modes: ['bucketed'],
        graphCapture: true,
      });
      const res = await client.logits({ inputIds: [[101, 1943, 1110, 102]], mode: 'bucketed' });
      const memory = await client.memory({});
      client.dispose();
      return {
        status: configured.graphCapture,
        logits: Array.from(res.logits[0]!),
        sessionKeys: memory.sessions.map((s) => s.key),
      };
    },
    { hub: HUB_URL },
  );
  expect(out.status.requested).toBe(true);
  expect(out.status.active).toBe(false);
  expect(out.status.reason).toMatch(/Graph capture refused \(ner 8@1 graph\)/);
  expect(out.status.reason).toMatch(/would run on the CPU, outside the recorded GPU commands/);
  // The fallback is an uncaptured session of the same bucket, and it answers.
  expect(out.sessionKeys).toEqual(['ner 8@1']);
  expect(out.logits).toHaveLength(4 * 9);
  expect(out.logits.every((x) => Number.isFinite(x))).toBe(true);
  expect(pageErrors).toEqual([]);
});

test('Settings gives the refusal reason beside the graph-capture switch for such a model', async ({
  page,
  pageErrors,
}) => {
  test.setTimeout(300_000);
  await openApp(page, `model=${TINY_MODEL}&backend=webgpu&batch=1&buckets=8`);
  await loadFromHub(page, 'bucketwise/cpu-node');
  await expect(page.getByTestId('model-status')).toContainText('bucketwise/cpu-node', { timeout: 120_000 });
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  await page.getByTestId('settings').locator('summary').click();
  await page.getByTestId('settings-graph-capture').check();
  // Checking the switch re-applies the buckets with capture requested; the worker falls back and says why.
  const status = page.getByTestId('settings-graph-capture-status');
  await expect(status).toContainText('would run on the CPU, outside the recorded GPU commands', { timeout: 180_000 });
  await expect(status).toContainText('Graph capture refused');
  expect(pageErrors).toEqual([]);
});
