import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test, TINY_MODEL } from './fixtures';
import { AppPage } from './pages/AppPage';

// Issue 15 item 7: a model loaded from local files is named after its folder or its .onnx file, not "model".
const FAST = `model=${TINY_MODEL}&backend=wasm&batch=2&buckets=16,32,64`;
const modelDir = path.join(process.cwd(), 'public', 'models', TINY_MODEL);

async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

async function expectLoadedAs(app: AppPage, name: string): Promise<void> {
  const status = app.page.getByTestId('model-status');
  await expect(status).toHaveAttribute('data-status', 'ready');
  await expect(status).toContainText(`${name} · 9 labels`);
  await expect(app.applyState).toHaveText(/Applied/, { timeout: 180_000 });
  await app.setText('Mary lives in Paris. John works for Google in London.');
  await app.runWithKeyboard();
  await expect(app.entityRows.first()).toBeVisible();
}

test('a model chosen as a folder is named after the folder, and loose files after their .onnx file', async ({
  page,
  pageErrors,
}, testInfo) => {
  const app = new AppPage(page);
  await app.open(FAST);
  await page.getByTestId('model-source').selectOption('files');

  // A folder laid out as exported (weights under onnx/), with a file the loader does not need.
  const folder = testInfo.outputPath('ner-from-disk');
  cpSync(modelDir, folder, { recursive: true });
  writeFileSync(path.join(folder, 'README.md'), '# A model kept on disk\n');
  await page.getByLabel(/^Model folder/).setInputFiles(folder);
  await expectLoadedAs(app, 'ner-from-disk');
  await attachScreenshot(page, testInfo, 'local-folder-named');

  // Loose files whose weights carry a telling name.
  const read = (file: string) => readFileSync(path.join(modelDir, file));
  await page.getByLabel(/^Model files/).setInputFiles([
    { name: 'config.json', mimeType: 'application/json', buffer: read('config.json') },
    { name: 'tokenizer.json', mimeType: 'application/json', buffer: read('tokenizer.json') },
    { name: 'tokenizer_config.json', mimeType: 'application/json', buffer: read('tokenizer_config.json') },
    { name: 'tiny-ner-int8.onnx', mimeType: 'application/octet-stream', buffer: read('onnx/model.onnx') },
  ]);
  await expectLoadedAs(app, 'tiny-ner-int8');
  await attachScreenshot(page, testInfo, 'local-files-named');
  expect(pageErrors).toEqual([]);
});
