import { existsSync } from 'node:fs';
import path from 'node:path';
import type { EntityResult } from '../src/protocol/types';
import { expect, loadFromHub, startWorkerClient, test, TINY_MODEL } from './fixtures';
import { AppPage } from './pages/AppPage';
import { startStaticHost } from './pages/static-host';

// The app as users open it, against the production build. WebGPU runs on SwiftShader here (slow), so
// tests use the tiny model, few and short buckets, and WASM where WebGPU speed is not what is tested.

const REAL_MODEL = path.resolve('public/models/bucketwise-ner/onnx/model.onnx');
const FAST = `model=${TINY_MODEL}&backend=wasm&batch=2`;

test.use({ viewport: { width: 1440, height: 900 } });

test('pasted text shows the entities the worker returns, inline and in the table, on WebGPU', async ({
  page,
  pageErrors,
}) => {
  const app = new AppPage(page);
  // "auto" passes over SwiftShader (a software adapter) for WASM: WebGPU is forced here.
  await app.open(`testHooks&model=${TINY_MODEL}&backend=webgpu&batch=2&buckets=32,64`);
  await expect(app.badge).toContainText('WebGPU');
  await app.screenshot('main');

  // Markup in the text must come back as text, never as elements.
  const text =
    'Angela Merkel met Emmanuel Macron in Paris. <img src=x onerror="window.__injected=1"> Siemens opened a plant in Texas.';
  await app.setText(text);
  await app.runWithKeyboard();
  const rows = await app.readEntityTable();

  const client = await startWorkerClient(page, {
    backend: 'webgpu',
    configure: { buckets: [32, 64], batchSize: 2, modes: ['bucketed'] },
  });
  const reference = await page.evaluate(
    async ({ client, text }) => {
      // The app's default aggregation.
      const res = await client.classify({ texts: [text], aggregation: 'first', overflow: 'window', mode: 'bucketed' });
      client.dispose();
      return res.results[0]!.entities;
    },
    { client, text },
  );

  const expected = [...reference]
    .filter((e: EntityResult) => e.end > e.start)
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((e) => ({
      type: (e.entity_group ?? e.entity ?? '').replace(/^[BI]-/, ''),
      text: text.slice(e.start, e.end),
      start: e.start,
      end: e.end,
      score: e.score,
    }));
  expect(rows.map(({ score: _s, ...r }) => r)).toEqual(expected.map(({ score: _s, ...r }) => r));
  rows.forEach((r, i) => expect(Math.abs(r.score - expected[i]!.score)).toBeLessThan(6e-4));

  // One highlight per entity, its score on hover, and a legend entry per type.
  await expect(page.getByTestId('entity-mark')).toHaveCount(rows.length);
  if (rows.length > 0)
    await expect(page.getByTestId('entity-mark').first()).toHaveAttribute('title', /score \d\.\d{3}/);
  const types = [...new Set(rows.map((r) => r.type))];
  for (const type of types) await expect(page.getByTestId('entity-legend')).toContainText(type);
  await expect(page.getByTestId('entities-highlights')).toContainText('<img src=x onerror="window.__injected=1">');
  expect(await page.locator('[data-testid="entities-highlights"] img').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
  await app.screenshot('entities');
  expect(pageErrors).toEqual([]);
});

test('the trained model finds PER Mary, LOC Nairobi and LOC New York', async ({ page, pageErrors }) => {
  test.skip(!existsSync(REAL_MODEL), 'public/models/bucketwise-ner/onnx/model.onnx is not built yet');
  const app = new AppPage(page);
  await app.open('batch=1&buckets=16');
  await app.setText('Mary is flying from Nairobi to New York');
  await app.runWithKeyboard();
  const rows = (await app.readEntityTable()).map((r) => `${r.type} ${r.text}`);
  expect(rows).toEqual(['PER Mary', 'LOC Nairobi', 'LOC New York']);
  await app.screenshot('entities-real-model');
  expect(pageErrors).toEqual([]);
});

test('without a model in the link the default loads, or the tiny model with a notice when the default is not built', async ({
  page,
  pageErrors,
}) => {
  const app = new AppPage(page);
  await app.open('backend=wasm&batch=2');
  if (existsSync(REAL_MODEL)) {
    await expect(page.getByTestId('model-status')).toContainText('bucketwise-ner');
    await expect(page.getByTestId('model-notice')).toHaveCount(0);
  } else {
    await expect(page.getByTestId('model-status')).toContainText(TINY_MODEL);
    await expect(page.getByTestId('model-notice')).toContainText(`the tiny test model ${TINY_MODEL} is used`);
  }
  await app.runWithKeyboard();
  expect(pageErrors).toEqual([]);
});

test('the model picker loads a hub id; a broken model shows its error in place and the next load works', async ({
  page,
  pageErrors,
}) => {
  const app = new AppPage(page);
  await app.open(FAST);
  await loadFromHub(page, 'bucketwise/broken-config');
  const error = page.getByTestId('model-error');
  await expect(error).toContainText('config.json');
  await expect(error).toContainText('What to do');
  await app.screenshot('model-error');

  await page.getByTestId('hub-id').fill(`bucketwise/${TINY_MODEL}`);
  await page.getByTestId('hub-load').click();
  // While it loads, the status reads "Loading bucketwise/…" and the previous model's buckets still show
  // Applied: wait for the new model itself, or Run races the load.
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('model-status')).toContainText(`bucketwise/${TINY_MODEL} · 9 labels`);
  await expect(error).toHaveCount(0);
  await expect(app.applyState).toHaveText(/Applied/);
  await app.runWithKeyboard();
  expect(new URL(page.url()).searchParams.get('model')).toBe(`hub:bucketwise/${TINY_MODEL}`);
  expect(pageErrors).toEqual([]);
});

test('dragging a handle changes the padding figures; the keyboard moves, removes and adds handles', async ({
  page,
  pageErrors,
}) => {
  const app = new AppPage(page);
  await app.open(FAST);
  await app.chooseDataset('sample');
  await expect(page.getByTestId('dataset-summary')).toContainText('88 items');
  await page.getByTestId('place-buckets').click();
  await expect(page.getByTestId('bucket-handle-3')).toBeVisible();

  const index = await app.roomiestHandle();
  const before = {
    value: await app.handleValue(index),
    efficiency: await app.paddingEfficiencyValue(),
    tokens: await app.paddingTokens.innerText(),
  };
  await app.dragHandle(index, 40);
  const after = {
    value: await app.handleValue(index),
    efficiency: await app.paddingEfficiencyValue(),
    tokens: await app.paddingTokens.innerText(),
  };
  expect(after.value).toBeGreaterThan(before.value);
  expect(after.efficiency).not.toBe(before.efficiency);
  expect(after.tokens).not.toBe(before.tokens);
  await app.screenshot('buckets-dragged');

  // Keyboard: arrows move by 1, Shift+arrow by 8 (never past a neighbour), Delete removes.
  const handle = app.handle(0);
  await handle.focus();
  const start = await app.handleValue(0);
  await page.keyboard.press('ArrowLeft');
  await expect(handle).toHaveAttribute('data-value', String(start - 1));
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(handle).toHaveAttribute('data-value', String(Math.max(1, start - 9)));
  await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('data-value', String(Math.max(1, start - 9) + 1));
  const count = (await app.bucketValues()).length;
  await page.keyboard.press('Delete');
  await expect(page.locator('[data-testid^="bucket-handle-"]')).toHaveCount(count - 1);
  await page.getByTestId('add-bucket').click();
  await expect(page.locator('[data-testid^="bucket-handle-"]')).toHaveCount(count);

  // Applying rebuilds the sessions with warm-up progress per bucket.
  await page.getByTestId('apply-buckets').click();
  await expect(app.applyState).toHaveText(/Applied/);
  await expect(page.getByTestId('warmup-row')).toHaveCount(count);
  await expect(page.locator('[data-testid="warmup-row"][data-state="ready"]')).toHaveCount(count);
  await expect(page.getByTestId('figure-predicted')).toHaveText(/ms/);

  // A memory budget below the sessions' weights warns before anything is built. 1 MB is below even one
  // copy of the tiny model (1.9 MB), so it holds for WASM's default shared session as for per-bucket ones.
  await page.getByTestId('settings').locator('summary').click();
  await page.getByTestId('settings-budget').fill('1');
  await page.getByTestId('settings-budget').press('Enter');
  await expect(page.getByTestId('memory-warning')).toContainText('over the memory budget');
  expect(pageErrors).toEqual([]);
});

test('comparison of four modes on a small JSONL file; JSON, CSV and bucket exports are valid', async ({
  page,
  pageErrors,
}) => {
  // Four modes in the cold regime (each from fresh sessions), then the user's buckets applied again.
  test.setTimeout(360_000);
  const app = new AppPage(page);
  await app.open(FAST);
  const lines = [
    ...Array.from({ length: 11 }, (_, i) =>
      JSON.stringify({ text: `Item ${i}: ${'Paris and Berlin are cities in Europe. '.repeat(1 + (i % 4))}` }),
    ),
    '{"txt": "no text field"}',
    JSON.stringify({ text: 'The last line.' }),
  ];
  await page
    .getByTestId('dataset-file')
    .setInputFiles({ name: 'small.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByTestId('dataset-summary')).toContainText('12 items');
  await expect(page.getByTestId('dataset-picker')).toContainText('1 line could not be read');
  await page.getByTestId('place-buckets').click();

  // The default regime is the cold stream: one pass, so no repetitions to set.
  await expect(page.getByTestId('compare-regime')).toHaveValue('cold');
  await page.getByTestId('compare-run').click();
  for (const mode of ['bucketed', 'bucketed-shared', 'pad-to-max', 'dynamic']) {
    await expect(page.getByTestId(`compare-row-${mode}`)).toBeVisible();
  }
  await expect(page.locator('[data-testid^="compare-row-"]')).toHaveCount(4);
  await expect(page.getByTestId('compare-meta')).toContainText('12 items');
  await expect(page.getByTestId('compare-charts')).toBeVisible();
  await app.screenshot('compare');

  const json = await app.download('export-json');
  expect(json.name).toMatch(/^bucketwise-comparison-.*\.json$/);
  const data = JSON.parse(json.text);
  expect(data.kind).toBe('comparison');
  expect(data.results.map((r: { mode: string }) => r.mode).sort()).toEqual([
    'bucketed',
    'bucketed-shared',
    'dynamic',
    'pad-to-max',
  ]);
  for (const r of data.results) expect(r.itemsPerSec).toBeGreaterThan(0);
  expect(data.meta.items).toBe(12);

  const csv = await app.download('export-csv');
  expect(csv.name).toMatch(/\.csv$/);
  const rows = csv.text
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
  expect(rows).toHaveLength(5);
  expect(rows[0]!.slice(0, 4)).toEqual(['mode', 'backend', 'items', 'items_per_sec']);
  const modelCalls = rows[0]!.indexOf('model_calls');
  for (const row of rows.slice(1)) {
    expect(row).toHaveLength(rows[0]!.length);
    expect(Number(row[3])).toBeGreaterThan(0);
    // 12 items at batch 2: at least 6 model calls per pass in every mode, a whole number.
    expect(Number.isInteger(Number(row[modelCalls]))).toBe(true);
    expect(Number(row[modelCalls])).toBeGreaterThanOrEqual(6);
  }

  const buckets = await app.download('export-buckets');
  const config = JSON.parse(buckets.text);
  expect(config).toMatchObject({ kind: 'buckets', batchSize: 2, model: TINY_MODEL, maxPositions: 256 });
  expect(config.buckets).toEqual(await app.bucketValues());

  expect(pageErrors).toEqual([]);
});

test('a long comparison can be stopped and the earlier results stay', async ({ page, pageErrors }) => {
  const app = new AppPage(page);
  await app.open(FAST);
  // The 88 sample sentences: enough batches that 50 steady repetitions of four modes take many seconds
  // even with the tiny model, so Stop lands while the run is in progress, however fast the machine.
  await app.chooseDataset('sample');
  const rows = page.locator('[data-testid^="compare-row-"]');
  await page.getByTestId('compare-run').click();
  await expect(rows).toHaveCount(4, { timeout: 120_000 });
  const earlier = await rows.allInnerTexts();
  await expect(page.getByTestId('compare-regime-label')).toHaveText('Cold stream');

  await page.getByTestId('compare-regime').selectOption('steady');
  await page.getByTestId('compare-reps').fill('50');
  await page.getByTestId('compare-reps').press('Enter');
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('compare-progress')).toBeVisible();
  await page.getByTestId('compare-stop').click();
  await expect(page.getByTestId('compare-stopped')).toBeVisible();
  await expect(page.getByTestId('compare-stop')).toHaveCount(0);
  await expect(page.getByTestId('compare-run')).toBeEnabled();
  // The results shown are the earlier cold run's, untouched; the stopped steady run left nothing behind.
  await expect(page.getByTestId('compare-regime-label')).toHaveText('Cold stream');
  expect(await rows.allInnerTexts()).toEqual(earlier);
  await app.screenshot('compare-stopped');
  expect(pageErrors).toEqual([]);
});

test('a reload keeps the text, the buckets and the settings', async ({ page, pageErrors }) => {
  const app = new AppPage(page);
  await app.open(FAST);
  await app.setText('Kept across reloads.\nSecond line with Oslo.');
  await app.handle(0).focus();
  await page.keyboard.press('ArrowLeft');
  const buckets = await app.bucketValues();
  await expect.poll(() => new URL(page.url()).searchParams.get('buckets')).toBe(buckets.join(','));
  await page.reload();
  await app.waitUntilReady();
  await expect(app.text).toHaveValue('Kept across reloads.\nSecond line with Oslo.');
  expect(await app.bucketValues()).toEqual(buckets);
  await expect(app.badge).toContainText('WASM');

  // The Images tab (when built) opens and closes without losing the text.
  const imagesTab = page.getByTestId('tab-images');
  if ((await imagesTab.count()) > 0) {
    await imagesTab.click();
    await expect(page.getByTestId('entities-panel')).toHaveCount(0);
    await page.getByTestId('tab-text').click();
    await expect(app.text).toHaveValue('Kept across reloads.\nSecond line with Oslo.');
  }
  expect(pageErrors).toEqual([]);
});

test('an error is shown next to Run with what to do, the text is kept, and the app keeps working', async ({
  page,
  pageErrors,
}) => {
  const app = new AppPage(page);
  await app.open(`${FAST}&overflow=reject&buckets=8`);
  const text = 'This sentence is clearly longer than eight tokens, so the reject policy refuses it.';
  await app.setText(text);
  await app.runButton.click();
  const error = page.getByTestId('entities-error');
  await expect(error).toHaveAttribute('data-code', 'TEXT_TOO_LONG');
  await expect(error).toContainText('What to do');
  await expect(app.text).toHaveValue(text);
  await app.screenshot('error');

  await page.getByTestId('settings').locator('summary').click();
  await page.getByTestId('settings-overflow').selectOption('window');
  await app.runButton.click();
  await expect(page.getByTestId('entities-result')).toBeVisible();
  await expect(error).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('live mode plots items/s and a released handle rebuilds only the changed bucket', async ({ page, pageErrors }) => {
  const app = new AppPage(page);
  await app.open(FAST);
  await app.chooseDataset('sample');
  await expect(page.getByTestId('dataset-summary')).toContainText('88 items');
  await page.getByTestId('place-buckets').click();
  await page.getByTestId('apply-buckets').click();
  await expect(app.applyState).toHaveText(/Applied/);

  await page.getByTestId('live-toggle').click();
  const chart = page.getByTestId('live-chart');
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(3);
  await expect(chart).toContainText('pad-to-max');
  const kept = await app.bucketValues();
  const index = await app.roomiestHandle();
  await app.dragHandle(index, 40);
  await expect(chart).toContainText('rebuild');
  await expect(app.applyState).toHaveText(/Applied/);
  // Only the moved bucket was rebuilt; the others kept their sessions.
  expect(await app.handleValue(index)).toBeGreaterThan(kept[index]!);
  await expect(page.locator('[data-testid="warmup-row"]', { hasText: 'kept' })).toHaveCount(kept.length - 1);
  const pointsAfter = Number(await chart.getAttribute('data-points'));
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(pointsAfter);
  await app.screenshot('live', false);
  await page.getByTestId('live-toggle').click();
  await expect(page.getByTestId('live-toggle')).toHaveAttribute('aria-pressed', 'false');
  expect(pageErrors).toEqual([]);
});

test('the build works from a plain static host under a sub-path without COOP/COEP, fetching nothing elsewhere', async ({
  page,
  pageErrors,
}) => {
  const host = await startStaticHost(path.resolve(process.env.BUCKETWISE_DIST ?? 'dist'), '/bucketwise/');
  try {
    const foreign: string[] = [];
    page.context().on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(host.origin) && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(url);
    });
    await page.goto(`${host.origin}/bucketwise/?model=${TINY_MODEL}&backend=wasm&batch=2&buckets=32`);
    const app = new AppPage(page);
    await app.waitUntilReady();
    await expect(app.badge).toContainText('single-threaded');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await app.runWithKeyboard();
    await expect(page.getByTestId('entities-result')).toBeVisible();
    await app.screenshot('subpath-no-isolation');
    expect(foreign).toEqual([]);
  } finally {
    await host.close();
  }
  expect(pageErrors).toEqual([]);
});
