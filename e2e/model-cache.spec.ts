import { statSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { formatBytes } from '../src/core/models/model-cache';
import { expect, HUB_URL, loadFromHub, test, TINY_MODEL } from './fixtures';
import { AppPage } from './pages/AppPage';

// Issue 15 item 4: the cached models listed and deleted in the settings, and a full quota explained while
// the model keeps running from memory.
const FAST = `model=${TINY_MODEL}&backend=wasm&batch=2&buckets=16,32,64`;
const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];
const modelDir = path.join(process.cwd(), 'public', 'models', TINY_MODEL);
const sizeOf = (file: string) => statSync(path.join(modelDir, file)).size;

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('settings').locator('summary').click();
  await expect(page.getByRole('region', { name: 'Cached models' })).toBeVisible();
}

test('the settings list the cached model with its size and files, delete it while in use, and the next visit downloads it again', async ({
  page,
  pageErrors,
}, testInfo) => {
  const app = new AppPage(page);
  await app.open(FAST);
  await openSettings(page);
  const rows = page.getByTestId('cached-model');
  await expect(rows).toHaveCount(1);
  const total = MODEL_FILES.reduce((sum, f) => sum + sizeOf(f), 0);
  await expect(rows.first().getByTestId('cached-model-summary')).toHaveText(
    `${TINY_MODEL} · ${formatBytes(total)} · 4 files · in use`,
  );
  for (const file of MODEL_FILES) {
    await expect(rows.first().getByTestId('cached-model-files')).toContainText(
      `${file} (${formatBytes(sizeOf(file))})`,
    );
  }
  await expect(rows.first().getByTestId('cached-model-in-use')).toHaveText(
    'In use: deleting keeps it loaded now, but it will download again next visit.',
  );
  await attachScreenshot(page, testInfo, 'cached-model-listed');

  await page.getByRole('button', { name: `Delete cached model ${TINY_MODEL}` }).click();
  await expect(page.getByTestId('cached-models-status')).toHaveText(
    `Deleted ${TINY_MODEL} (${formatBytes(total)}, 4 files) from the browser cache. It stays loaded for this visit and will download again next visit.`,
  );
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId('cached-models-empty')).toBeVisible();
  // Still loaded: Run works without the cached copy.
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  await attachScreenshot(page, testInfo, 'cached-model-deleted');
  await app.setText('Mary lives in Paris.');
  await app.runWithKeyboard();

  // The next visit finds nothing cached and downloads every file again.
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.reload();
  await app.waitUntilReady();
  const downloaded = requested
    .filter((url) => url.includes(`/models/${TINY_MODEL}/`))
    .map((url) => new URL(url).pathname);
  for (const file of MODEL_FILES) expect(downloaded).toContain(`/models/${TINY_MODEL}/${file}`);
  await expect(page.getByTestId('model-status')).not.toContainText('from the browser cache');
  expect(pageErrors).toEqual([]);
});

test('a full storage quota is explained beside the picker and the model still runs from memory', async ({
  page,
  context,
  baseURL,
  pageErrors,
}, testInfo) => {
  // A real QuotaExceededError: Chromium is told this site may store 50 kB, so config.json fits and the
  // tokenizer and the weights are refused by cache.put.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 50_000 });
  const app = new AppPage(page);
  await app.open(FAST);
  const notice = page.getByTestId('model-notice');
  await expect(notice).toContainText(`onnx/model.onnx (${formatBytes(sizeOf('onnx/model.onnx'))})`);
  await expect(notice).toContainText(`tokenizer.json (${formatBytes(sizeOf('tokenizer.json'))})`);
  await expect(notice).toContainText(
    "could not be kept for the next visit: the browser's storage for this site is full. The model runs from memory now and downloads again next visit",
  );
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  await app.setText('Mary lives in Paris. John works for Google in London.');
  await app.runWithKeyboard();
  await expect(app.entityRows.first()).toBeVisible();
  await attachScreenshot(page, testInfo, 'quota-full-runs-from-memory');

  // The settings show what was kept: not the weights.
  await openSettings(page);
  const files = page.getByTestId('cached-model-files');
  await expect(files).toContainText('config.json');
  await expect(files).not.toContainText('onnx/model.onnx');
  await attachScreenshot(page, testInfo, 'quota-full-settings');
  expect(pageErrors).toEqual([]);
});

test('a hub model and a bundled model are listed apart, and deleting the one not in use leaves the other', async ({
  page,
  pageErrors,
}, testInfo) => {
  const app = new AppPage(page);
  await app.open(FAST);
  await loadFromHub(page, `bucketwise/${TINY_MODEL}`);
  await expect(page.getByTestId('model-status')).toContainText(`bucketwise/${TINY_MODEL} · 9 labels`);
  await openSettings(page);
  const rows = page.getByTestId('cached-model');
  await expect(rows).toHaveCount(2);
  const hubLabel = `bucketwise/${TINY_MODEL} (${new URL(HUB_URL).host})`;
  const hubRow = rows.filter({ hasText: hubLabel });
  const bundledRow = rows.filter({ hasNotText: hubLabel });
  await expect(hubRow.getByTestId('cached-model-summary')).toContainText('4 files · in use');
  await expect(bundledRow.getByTestId('cached-model-summary')).toContainText(`${TINY_MODEL} ·`);
  await expect(bundledRow.getByTestId('cached-model-in-use')).toHaveCount(0);
  await attachScreenshot(page, testInfo, 'hub-and-bundled-cached');

  await page.getByRole('button', { name: `Delete cached model ${TINY_MODEL}`, exact: true }).click();
  await expect(page.getByTestId('cached-models-status')).toHaveText(
    new RegExp(`^Deleted ${TINY_MODEL} \\(.+, 4 files\\) from the browser cache\\.$`),
  );
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(hubLabel);
  await attachScreenshot(page, testInfo, 'bundled-deleted-hub-kept');
  expect(pageErrors).toEqual([]);
});
