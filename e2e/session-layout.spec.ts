import type { Page, TestInfo } from '@playwright/test';
import { expect, test, TINY_MODEL } from './fixtures';
import { AppPage } from './pages/AppPage';

/**
 * Session layout (issue 16 item 5): per-bucket static sessions or one shared dynamic-shape session, the
 * faster one by default per backend (src/core/modes/session-layout.ts, measured in docs/BENCHMARKS.md),
 * both selectable in Settings with one sentence saying why. The sessions the worker really holds after
 * each apply (its memory report) are checked against counts this file derives from the inputs.
 */

const BATCH = 4;
const BUCKETS = [8, 16, 32];
/** The default batch-size ladder (powers of 4) at batch 4: sizes 1 and 4, so two static sessions a bucket. */
const LADDER_SIZES = [1, 4];

async function attachShot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  // The settings open as a panel below their summary: the grid holds the choice and its sentence.
  await page.getByTestId('settings').locator('.settings-grid').screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

async function openSettings(page: Page) {
  await page.getByTestId('settings').locator('summary').click();
  const select = page.getByTestId('settings-session-layout');
  await expect(select).toBeVisible();
  return {
    select,
    why: page.getByTestId('settings-session-layout-why'),
    inUse: page.getByTestId('settings-session-layout-in-use'),
  };
}

test('WASM runs one shared session by default, says why, and switches to per-bucket sessions on request', async ({
  page,
  pageErrors,
}, testInfo) => {
  test.setTimeout(300_000);
  const app = new AppPage(page);
  await app.open(`model=${TINY_MODEL}&backend=wasm&batch=${BATCH}&buckets=${BUCKETS.join(',')}`);
  const { select, why, inUse } = await openSettings(page);

  await expect(select).toHaveValue('auto');
  await expect(select.locator('option[value="auto"]')).toHaveText('auto (shared on WASM)');
  await expect(why).toBeVisible();
  await expect(why).toHaveText(/^Default on WASM: .*one shared session runs nearly as fast/);
  const staticSessions = BUCKETS.length * LADDER_SIZES.length;
  await expect(why).toContainText(`instead of ${staticSessions} (`);
  // The worker holds one session: the shared one, with one copy of the weights.
  await expect(inUse).toHaveText(/^In use: 1 session, \d+\.\d MB of weights\.$/);
  await attachShot(page, testInfo, 'session-layout-wasm-default');

  // The shared session serves Run.
  await app.setText('Angela Merkel visited Paris in July.');
  await app.runButton.click();
  await expect(page.getByTestId('entities-result')).toBeVisible();

  await select.selectOption('per-bucket');
  await expect(app.applyState).toHaveText(/Applied/, { timeout: 180_000 });
  await expect(why).toHaveText(/^Chosen: on WASM per-bucket sessions run about as fast/);
  await expect(why).toContainText(`hold ${staticSessions} copies of the weights`);
  // One static session per bucket and batch size; the shared session was released.
  await expect(inUse).toHaveText(new RegExp(`^In use: ${staticSessions} sessions, `));
  await app.runButton.click();
  await expect(page.getByTestId('entities-result')).toBeVisible();
  await expect(app.runButton).toHaveText('Run');
  await attachShot(page, testInfo, 'session-layout-wasm-per-bucket');
  expect(pageErrors).toEqual([]);
});

test('WebGPU runs per-bucket sessions by default and says why (tiny model, SwiftShader)', async ({
  page,
  pageErrors,
}, testInfo) => {
  test.setTimeout(300_000);
  const buckets = [8, 16];
  const app = new AppPage(page);
  await app.open(`model=${TINY_MODEL}&backend=webgpu&batch=1&buckets=${buckets.join(',')}`);
  await expect(app.badge).toContainText(/WebGPU/i);
  const { select, why, inUse } = await openSettings(page);
  await expect(select).toHaveValue('auto');
  await expect(select.locator('option[value="auto"]')).toHaveText('auto (per bucket on WebGPU)');
  await expect(why).toHaveText(/^Default on WebGPU: .*fewer GPU kernels.*what graph capture needs/);
  // Batch 1 has no smaller batch sizes: one static session per bucket.
  await expect(inUse).toHaveText(new RegExp(`^In use: ${buckets.length} sessions, `));
  await attachShot(page, testInfo, 'session-layout-webgpu-default');
  expect(pageErrors).toEqual([]);
});
