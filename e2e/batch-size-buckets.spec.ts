import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { expect, openApp, startWorkerClient, test, TINY_MODEL } from './fixtures';
import { AppPage } from './pages/AppPage';

/**
 * Batch-size buckets (issue 16): a bucket's last, partial batch runs at the static batch sizes it fills
 * instead of being completed with empty rows. What the user sees is checked against figures this file
 * computes itself from the inputs: token lengths from the model's own vocabulary file, rows by arithmetic.
 */

const BATCH = 4;
const BUCKETS = [8, 16, 32];
const FAST = `model=${TINY_MODEL}&backend=wasm&batch=${BATCH}&buckets=${BUCKETS.join(',')}`;
/** A word the tiny model's WordPiece vocabulary holds whole, so a line of n copies is n tokens. */
const WORD = 'the';
/** Lines of n words: 7 in the bucket of 8, 6 in the bucket of 16, 1 in the bucket of 32. */
const WORDS_PER_LINE = [...Array<number>(7).fill(3), ...Array<number>(6).fill(10), 28];
const TEXT = WORDS_PER_LINE.map((n) => Array<string>(n).fill(WORD).join(' ')).join('\n');

/** The expected table, from the inputs alone: each input is its words plus [CLS] and [SEP]. */
function expectedRows() {
  const vocab = JSON.parse(readFileSync(path.resolve('public/models', TINY_MODEL, 'tokenizer.json'), 'utf8')) as {
    model: { vocab: Record<string, number> };
  };
  expect(vocab.model.vocab[WORD], `"${WORD}" must be one token of the vocabulary`).toBeDefined();
  const perBucket = BUCKETS.map(() => 0);
  for (const words of WORDS_PER_LINE) perBucket[BUCKETS.findIndex((b) => words + 2 <= b)]! += 1;
  return perBucket.map((used) => ({
    used,
    // Full batches only: the last batch is completed to BATCH rows.
    emptyFullSize: Math.ceil(used / BATCH) * BATCH - used,
    // With sizes 1 and BATCH (powers of 4 below 4): every partial batch is cut into batches of 1.
    batchesWithLadder: Math.floor(used / BATCH) + (used % BATCH),
  }));
}

async function readTable(page: Page) {
  const rows = await page.getByTestId('bucket-row').all();
  const out: { bucket: number; cells: Record<string, number> }[] = [];
  for (const row of rows) {
    const cells: Record<string, number> = {};
    for (const cell of await row.locator('[data-col]').all()) {
      cells[(await cell.getAttribute('data-col'))!] = Number((await cell.innerText()).replace(/,/g, ''));
    }
    out.push({ bucket: Number(await row.getAttribute('data-bucket')), cells });
  }
  return out;
}

async function attachShot(page: Page, testInfo: TestInfo, name: string, fullPage = true) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

async function openWithLines(page: Page): Promise<AppPage> {
  const app = new AppPage(page);
  await app.open(FAST);
  await app.setText(TEXT);
  await app.chooseDataset('text-lines');
  await expect(page.getByTestId('dataset-summary')).toContainText(`${WORDS_PER_LINE.length} items`);
  return app;
}

test('the bucket table shows rows used and empty rows with and without batch-size buckets', async ({
  page,
  pageErrors,
}, testInfo) => {
  await openWithLines(page);
  const expected = expectedRows();
  const ladder = page.getByRole('combobox', { name: 'Batch-size buckets' });
  // On by default: powers of 4, which at batch 4 are the sizes 1 and 4.
  await expect(ladder).toHaveValue('powers-of-4');
  const header = page.getByTestId('items-per-bucket').getByRole('columnheader');
  await expect(header).toHaveText([
    'Bucket',
    'Inputs',
    'Batches',
    'Rows used',
    'Empty rows',
    'Empty rows, full batches only',
  ]);
  await expect.poll(async () => (await readTable(page)).map((r) => r.bucket)).toEqual(BUCKETS);
  const withLadder = await readTable(page);
  withLadder.forEach((row, i) => {
    expect(row.cells).toEqual({
      inputs: expected[i]!.used,
      batches: expected[i]!.batchesWithLadder,
      'rows-used': expected[i]!.used,
      'empty-rows': 0,
      'empty-rows-full': expected[i]!.emptyFullSize,
    });
  });
  const totalEmptyFullSize = expected.reduce((sum, r) => sum + r.emptyFullSize, 0);
  expect(totalEmptyFullSize).toBeGreaterThan(0);
  await expect(page.getByTestId('figure-batched-rows')).toContainText(
    `0 empty rows (full batches only: ${totalEmptyFullSize} empty rows`,
  );
  // The price. On WASM the default layout is one shared session: one copy of the weights, every shape warmed.
  const shapes = BUCKETS.length * 2;
  const price = page.getByTestId('memory-figure');
  await expect(price).toContainText(
    `1 shared session for ${BUCKETS.length} buckets × 2 batch sizes: one copy of the weights`,
  );
  await expect(price).toContainText(`${shapes} shapes to warm before traffic`);
  // Per-bucket sessions: one static session, and one copy of the weights, per bucket and batch size.
  await page.getByTestId('settings').locator('summary').click();
  await page.getByTestId('settings-session-layout').selectOption('per-bucket');
  await expect(price).toContainText(`${shapes} sessions (${BUCKETS.length} buckets × 2 batch sizes)`);
  await expect(price).toContainText(`${shapes} shapes to warm before traffic`);
  await expect(page.getByTestId('apply-state')).toHaveText(/Applied/);
  await attachShot(page, testInfo, 'bucket-table-with-batch-size-buckets');

  // Off: every batch is full size, the empty rows come back and the price falls to one session per bucket.
  await ladder.selectOption('off');
  await expect(header).toHaveText(['Bucket', 'Inputs', 'Batches', 'Rows used', 'Empty rows']);
  const withoutLadder = await readTable(page);
  withoutLadder.forEach((row, i) => {
    expect(row.cells).toEqual({
      inputs: expected[i]!.used,
      batches: Math.ceil(expected[i]!.used / BATCH),
      'rows-used': expected[i]!.used,
      'empty-rows': expected[i]!.emptyFullSize,
    });
  });
  await expect(price).toContainText(`${BUCKETS.length} sessions ×`);
  await expect(price).toContainText(`${BUCKETS.length} shapes to warm before traffic`);
  await expect(page.getByTestId('apply-state')).toHaveText(/Applied/);
  await attachShot(page, testInfo, 'bucket-table-full-batches-only');
  expect(pageErrors).toEqual([]);
});

test('live mode streams through the batch-size buckets: 0 empty rows, and empty rows again when they are off', async ({
  page,
  pageErrors,
}, testInfo) => {
  const app = await openWithLines(page);
  const expected = expectedRows();
  const emptyPerPassFullSize = expected.reduce((sum, r) => sum + r.emptyFullSize, 0);
  // Real tokens over tokens computed, as the explanation states them: every row costs its bucket's width.
  const realTokens = WORDS_PER_LINE.reduce((sum, words) => sum + words + 2, 0);
  const computed = (withEmpty: boolean) =>
    expected.reduce((sum, r, i) => sum + BUCKETS[i]! * (r.used + (withEmpty ? r.emptyFullSize : 0)), 0);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const live = page.getByTestId('live-toggle');
  const used = page.getByTestId('live-rows-used');
  const empty = page.getByTestId('live-empty-rows');

  await live.click();
  await expect
    .poll(async () => Number(await used.innerText().catch(() => '0')))
    .toBeGreaterThanOrEqual(WORDS_PER_LINE.length);
  await expect(empty).toHaveText('0');
  await expect(page.getByTestId('live-rows')).toContainText('batch-size buckets 1, 4');
  await expect(page.getByTestId('live-explanation')).toContainText(
    `Bucketed computes ${pct(realTokens / computed(false))} real tokens`,
  );
  await page.getByTestId('live-rows').scrollIntoViewIfNeeded();
  await attachShot(page, testInfo, 'live-with-batch-size-buckets', false);
  await live.click();
  await expect(live).toHaveAttribute('aria-pressed', 'false');

  // Without them the first chunk (the whole 14-item set: fewer items than a first chunk) already
  // completes each bucket's last batch with empty rows.
  await page.getByRole('combobox', { name: 'Batch-size buckets' }).selectOption('off');
  await expect(app.applyState).toHaveText(/Applied/);
  await live.click();
  await expect
    .poll(async () => Number(await empty.innerText().catch(() => '0')))
    .toBeGreaterThanOrEqual(emptyPerPassFullSize);
  await expect(page.getByTestId('live-rows')).toContainText('no batch-size buckets');
  await expect(page.getByTestId('live-explanation')).toContainText(
    `Bucketed computes ${pct(realTokens / computed(true))} real tokens`,
  );
  await page.getByTestId('live-rows').scrollIntoViewIfNeeded();
  await attachShot(page, testInfo, 'live-full-batches-only', false);
  await live.click();
  await expect(live).toHaveAttribute('aria-pressed', 'false');
  expect(pageErrors).toEqual([]);
});

test('a Run of one text of several sentences uses the batch-size buckets: its rows run at batch size 1, not 4', async ({
  page,
  pageErrors,
}) => {
  await openApp(page);
  const client = await startWorkerClient(page, { backend: 'wasm' });
  const runs = await page.evaluate(
    async ({ client, batch }) => {
      const text =
        'Anna Schmidt flew from Paris to Berlin. She met Tom Baker at the Acme office. They spoke about London.';
      const out: { ladder: boolean; rows: number[]; filled: number[]; entities: unknown[] }[] = [];
      // The app's Run sends the text box as one item; a long one is split into windows of the largest bucket.
      for (const batchSizes of [[1, batch], undefined]) {
        await client.configure({
          buckets: [16, 32, 64],
          batchSize: batch,
          modes: ['bucketed'],
          ...(batchSizes ? { batchSizes } : {}),
        });
        for (const texts of [[text], [`${text} ${text} ${text}`]]) {
          const r = await client.classify({ texts, aggregation: 'simple', overflow: 'window', mode: 'bucketed' });
          out.push({
            ladder: batchSizes !== undefined,
            rows: r.stats.batchRows ?? [],
            filled: r.stats.batchItemCounts ?? [],
            entities: r.results.map((x) => x.entities),
          });
        }
      }
      client.dispose();
      return out;
    },
    { client, batch: BATCH },
  );
  const [oneText, windows, oneTextFull, windowsFull] = runs;
  // One text, one row: batch size 1 with the ladder; a full batch of 4 with 3 empty rows without it.
  expect(oneText!.rows).toEqual([1]);
  expect(oneTextFull!.rows).toEqual([BATCH]);
  expect(oneTextFull!.filled).toEqual([1]);
  // Windows: the same rows are filled either way; with the ladder none is computed empty.
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  expect(sum(windows!.filled)).toBe(sum(windowsFull!.filled));
  expect(sum(windows!.filled)).toBeGreaterThan(1);
  expect(windows!.rows).toEqual(windows!.filled);
  expect(windows!.rows.every((r) => r === 1 || r === BATCH)).toBe(true);
  expect(windowsFull!.rows.every((r) => r === BATCH)).toBe(true);
  // Batch size changes which rows run together, not what the model says about each one.
  const strip = (entities: unknown[]) =>
    JSON.stringify(entities, (key, value: unknown) => (key === 'score' ? Math.round((value as number) * 1e4) : value));
  expect(strip(oneText!.entities)).toBe(strip(oneTextFull!.entities));
  expect(strip(windows!.entities)).toBe(strip(windowsFull!.entities));
  expect(pageErrors).toEqual([]);
});

test('on WebGPU the Apply warm-up compiles every batch-size shape: partial batches at size 1 compile nothing', async ({
  page,
  pageErrors,
}) => {
  // SwiftShader compiles on the CPU: four small shapes of the tiny model, minutes on a shared machine.
  test.setTimeout(900_000);
  await openApp(page);
  const out = await page.evaluate(
    async ({ model, batch }) => {
      const api = window.bucketwiseTest!;
      const client = api.createClient();
      try {
        const info = await client.init({ appBaseUrl: api.appBaseUrl(), backend: 'webgpu' });
        await client.loadModel({ source: { kind: 'bundled', name: model } });
        // What the app's Apply sends with batch-size buckets on (powers of 4 at batch 4: sizes 1 and 4).
        const configured = await client.configure({
          buckets: [16, 32],
          batchSize: batch,
          modes: ['bucketed'],
          batchSizes: [1, batch],
        });
        // 5 texts of 3..11 words in bucket 16 and 2 of 20 and 25 words in bucket 32: 4 + 1 and 1 + 1 rows.
        const texts = [3, 5, 7, 9, 11, 20, 25].map((n) => Array<string>(n).fill('the').join(' '));
        const run = await client.classify({ texts, aggregation: 'simple', overflow: 'window', mode: 'bucketed' });
        return {
          backend: info.backend,
          warmupCompiles: (configured.compiles?.pipelines ?? 0) + (configured.compiles?.shaderModules ?? 0),
          statuses: configured.buckets.map((b) => b.batchSizes),
          rows: run.stats.batchRows ?? [],
          filled: run.stats.batchItemCounts ?? [],
          trafficCompiles: run.stats.batchCompiles ?? [],
        };
      } finally {
        client.dispose();
      }
    },
    { model: TINY_MODEL, batch: BATCH },
  );
  expect(out.backend).toBe('webgpu');
  expect(out.statuses).toEqual([
    [1, BATCH],
    [1, BATCH],
  ]);
  expect(out.warmupCompiles).toBeGreaterThan(0);
  expect(out.rows).toEqual([4, 1, 1, 1]);
  expect(out.filled).toEqual(out.rows);
  // Every shape the run met was compiled in the warm-up, the batches of 1 row included.
  expect(out.trafficCompiles).toEqual([0, 0, 0, 0]);
  expect(pageErrors).toEqual([]);
});
