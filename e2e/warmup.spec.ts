import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';

// The first Run of a visit does not wait for buckets it does not use: the worker warms one bucket at a
// time, smallest first, and serves the run between two steps as soon as the buckets its text needs are
// warm. Beside Run the page says how far the warm-up is. Observed at the moment the entities appear (a
// MutationObserver in the page), so the check is an order of events, not a timing.

declare global {
  interface Window {
    __atFirstEntities?: { status: string | null; ready: number; total: number; rows: Record<string, string> };
  }
}

/** Written beside the test's output (kept for passing tests too) and attached to the report. */
async function attachShot(page: Page, info: TestInfo, name: string): Promise<void> {
  const file = info.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await info.attach(name, { path: file, contentType: 'image/png' });
}

test.use({ viewport: { width: 1440, height: 900 } });

test('on WASM the first entities appear while a larger bucket is still warming', async ({ page, pageErrors }, info) => {
  test.setTimeout(300_000);
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (window.__atFirstEntities || !document.querySelector('[data-testid="entity-row"]')) return;
      const status = document.querySelector('[data-testid="entities-warmup"]');
      const rows: Record<string, string> = {};
      for (const row of document.querySelectorAll('[data-testid="warmup-row"]')) {
        rows[row.querySelector('.warmup-bucket')?.textContent ?? '?'] = row.getAttribute('data-state') ?? '?';
      }
      window.__atFirstEntities = {
        status: status?.textContent ?? null,
        ready: Number(status?.getAttribute('data-ready') ?? -1),
        total: Number(status?.getAttribute('data-total') ?? -1),
        rows,
      };
    });
    document.addEventListener('DOMContentLoaded', () =>
      observer.observe(document.body, { childList: true, subtree: true }),
    );
  });
  // The trained default model with four buckets; the default text needs one of the smaller ones. Batches
  // of 32 make the largest bucket's warm-up last seconds on WASM, so the screenshot shows it going on.
  await page.goto('./?backend=wasm&batch=32&buckets=16,64,128,256');
  const run = page.getByTestId('entities-run');
  await expect(run).toBeEnabled({ timeout: 120_000 });
  await run.click();
  await expect(page.getByTestId('entity-row').first()).toBeVisible({ timeout: 180_000 });
  await attachShot(page, info, 'first-entities-while-warming');

  const seen = await page.evaluate(() => window.__atFirstEntities);
  expect(seen, 'the observer saw the first entity row').toBeDefined();
  // The warm-up was still going when the entities rendered, and the page said so beside Run.
  expect(seen!.status).toMatch(/^warming (bucket \d+|buckets), \d of 4$/);
  expect(seen!.total).toBe(4);
  expect(seen!.ready).toBeLessThan(4);
  expect(Object.keys(seen!.rows)).toEqual(['16', '64', '128', '256']);
  expect(Object.values(seen!.rows).filter((s) => s === 'ready')).toHaveLength(seen!.ready);
  // The bucket the run used was warm; the largest was not, so the run did not wait for it.
  const meta = await page.getByTestId('entities-result').locator('.meta').innerText();
  const used = /bucket (\d+)/.exec(meta)?.[1];
  expect(used, `the result names its bucket: ${meta}`).toBeDefined();
  expect(seen!.rows[used!]).toBe('ready');
  expect(seen!.rows['256']).not.toBe('ready');
  // Its time says that it includes the wait for its buckets.
  expect(meta).toContain('(with the wait for its buckets to warm up)');

  // Typing is never blocked, and the warm-up ends with every bucket ready and the status gone.
  await page.getByTestId('entities-text').fill('Mary flew from Nairobi to New York.');
  await expect(page.getByTestId('entities-text')).toHaveValue('Mary flew from Nairobi to New York.');
  await expect(page.getByTestId('entities-warmup')).toHaveCount(0, { timeout: 180_000 });
  await expect(page.locator('[data-testid="warmup-row"][data-state="ready"]')).toHaveCount(4);
  // A run after the warm-up waits for nothing, and its time says no more than that.
  await run.click();
  await expect(page.getByTestId('entities-result').locator('.meta')).toContainText('bucket');
  await expect(page.getByTestId('entities-result').locator('.meta')).not.toContainText('the wait for');
  await expect(page.getByTestId('entity-row').first()).toHaveText(/Mary/);
  await attachShot(page, info, 'warm-up-done');
  expect(pageErrors).toEqual([]);
});
