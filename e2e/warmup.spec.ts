import type { Page, TestInfo } from '@playwright/test';
import { expect, test, TINY_MODEL } from './fixtures';

// The first Run of a visit does not wait for buckets it does not use: the worker warms one bucket at a
// time, smallest first, and serves the run between two steps as soon as the buckets its text needs are
// warm. Beside Run the page says how far the warm-up is. Observed at the moment the entities appear (a
// MutationObserver in the page), so the check is an order of events, not a timing.

declare global {
  interface Window {
    __atFirstEntities?: { status: string | null; ready: number; total: number; rows: Record<string, string> };
    __atFirstLiveItems?: { items: number; progress: string | null };
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

test('on WebGPU a Run is served once its bucket is warm, before the other buckets are', async ({
  page,
  pageErrors,
}, info) => {
  // SwiftShader compiles on the CPU: the tiny model, batch 1 and three short buckets keep this to a few shapes.
  test.setTimeout(420_000);
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      // The result line, not entity rows: the tiny model may find no entity in a sentence.
      if (window.__atFirstEntities || !document.querySelector('[data-testid="entities-result"]')) return;
      const status = document.querySelector('[data-testid="entities-warmup"]');
      window.__atFirstEntities = {
        status: status?.textContent ?? null,
        ready: Number(status?.getAttribute('data-ready') ?? -1),
        total: Number(status?.getAttribute('data-total') ?? -1),
        rows: {},
      };
    });
    document.addEventListener('DOMContentLoaded', () =>
      observer.observe(document.body, { childList: true, subtree: true }),
    );
  });
  await page.goto(`./?model=${TINY_MODEL}&backend=webgpu&batch=1&buckets=16,32,64`);
  await expect(page.getByTestId('backend-badge')).toContainText(/WebGPU/i, { timeout: 120_000 });
  await page.getByTestId('entities-text').fill('Anna Schmidt flew to Berlin.');
  const run = page.getByTestId('entities-run');
  await expect(run).toBeEnabled({ timeout: 180_000 });
  await run.click();
  await expect(page.getByTestId('entities-result')).toBeVisible({ timeout: 300_000 });
  await attachShot(page, info, 'webgpu-first-entities-while-warming');

  // The page said beside Run that the warm-up was going on when the entities rendered.
  const seen = await page.evaluate(() => window.__atFirstEntities);
  expect(seen, 'the observer saw the first result').toBeDefined();
  expect(seen!.status).toMatch(/^warming (bucket \d+|buckets), [0-2] of 3$/);
  // The worker's own record: the run was served while buckets it did not need were still warming.
  const record = page.getByTestId('entities-served-during-warmup');
  await expect(record).toBeVisible();
  const ready = ((await record.getAttribute('data-ready')) ?? '').split(',').filter(Boolean).map(Number);
  const pending = ((await record.getAttribute('data-pending')) ?? '').split(',').filter(Boolean).map(Number);
  expect(pending.length, 'buckets still warming when the run was served').toBeGreaterThan(0);
  expect([...ready, ...pending].sort((a, b) => a - b)).toEqual([16, 32, 64]);
  const meta = await page.getByTestId('entities-result').locator('.meta').innerText();
  const used = Number(/bucket (\d+)/.exec(meta)?.[1]);
  expect(ready, `the run's bucket (${meta}) was ready`).toContain(used);
  expect(pending).not.toContain(used);
  await expect(page.getByTestId('backend-badge')).toContainText(/WebGPU/i);
  expect(pageErrors).toEqual([]);
});

// Live on both backends: WASM with the trained model (batches of 32 and a bucket of 256 make its warm-up
// last seconds), WebGPU on SwiftShader with the tiny model, batch 1 and three short buckets (few shapes).
// The sample sentences (uneven lengths) mostly need the smaller buckets.
const LIVE_SETUPS = [
  { backend: 'WASM', query: 'backend=wasm&batch=32&buckets=16,64,128,256', buckets: 4 },
  { backend: 'WebGPU', query: `model=${TINY_MODEL}&backend=webgpu&batch=1&buckets=16,32,64`, buckets: 3 },
];

for (const setup of LIVE_SETUPS) {
  test(`on ${setup.backend} Live streams the items whose buckets are warm while the others warm up, and says what it waits for`, async ({
    page,
    pageErrors,
  }, info) => {
    test.setTimeout(300_000);
    const building = new RegExp(`Building bucket sessions: [0-${setup.buckets - 1}] of ${setup.buckets} ready`);
    await page.addInitScript(() => {
      // What the panel showed when its first item ran during the warm-up: the worker's count and the progress.
      const observer = new MutationObserver(() => {
        const served = document.querySelector('[data-testid="live-served-during-warmup"]');
        if (window.__atFirstLiveItems || !served) return;
        window.__atFirstLiveItems = {
          items: Number(served.getAttribute('data-items')),
          progress: document.querySelector('[data-testid="live-warmup-progress"]')?.textContent ?? null,
        };
      });
      document.addEventListener('DOMContentLoaded', () =>
        observer.observe(document.body, { childList: true, subtree: true }),
      );
    });
    await page.goto(`./?${setup.query}`);
    await page.getByTestId('dataset-kind').selectOption('sample');
    const toggle = page.getByTestId('live-toggle');
    await expect(toggle).toBeEnabled({ timeout: 120_000 });
    await expect(page.getByTestId('entities-warmup'), 'the warm-up is still going when Live starts').toBeVisible();
    await toggle.click();
    // From its first second Live says what it does (waiting for a bucket, or its first items running or
    // done), with the warm-up's progress under the chart.
    await expect(page.getByTestId('live-message')).toHaveText(
      /waiting for buckets? [\d, ]+ to warm up|running the first \d+ items|\d+ items in \d+ ms/,
      { timeout: 5_000 },
    );
    await expect(page.getByTestId('live-warmup-progress')).toContainText(building);
    await expect(page.getByTestId('live-served-during-warmup')).toBeVisible({ timeout: 180_000 });
    await attachShot(page, info, `live-during-warm-up-${setup.backend}`);
    const seen = await page.evaluate(() => window.__atFirstLiveItems);
    expect(seen, 'the observer saw the first items served during the warm-up').toBeDefined();
    expect(seen!.items).toBeGreaterThan(0);
    // The warm-up was still going then, and its progress was on screen beside the stream.
    expect(seen!.progress).toMatch(building);
    // The stream goes on after the warm-up, now with the pad-to-max reference.
    await expect(page.getByTestId('entities-warmup')).toHaveCount(0, { timeout: 180_000 });
    await expect(page.getByTestId('live-rate')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('live-explanation')).toHaveText(/pad-to-max/, { timeout: 120_000 });
    await expect(page.getByTestId('live-error')).toHaveCount(0);
    await attachShot(page, info, `live-after-warm-up-${setup.backend}`);
    await expect(page.getByTestId('backend-badge')).toContainText(setup.backend);
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(pageErrors).toEqual([]);
  });
}

test('Compare pressed during the warm-up says what it waits for, then times with every bucket warm', async ({
  page,
  pageErrors,
}, info) => {
  test.setTimeout(300_000);
  await page.goto('./?backend=wasm&batch=32&buckets=16,64,128,256');
  const compare = page.getByTestId('compare-run');
  await expect(compare).toBeEnabled({ timeout: 120_000 });
  await expect(page.getByTestId('entities-warmup'), 'the warm-up is still going when Compare is pressed').toBeVisible();
  await compare.click();
  // At once: what it waits for and how far the warm-up is, with a bar that moves with it.
  const wait = page.getByTestId('compare-warmup-wait');
  await expect(wait).toBeVisible({ timeout: 5_000 });
  await expect(wait).toContainText(
    /Waiting for the bucket warm-up to end before timing \((warming (bucket \d+|buckets), [0-3] of 4|starting)\)/,
  );
  await attachShot(page, info, 'compare-waiting-for-warm-up');
  // Once the warm-up is over the comparison itself runs (its own progress), nothing timed before.
  await expect(wait).toHaveCount(0, { timeout: 180_000 });
  await expect(page.locator('[data-testid="warmup-row"][data-state="ready"]')).toHaveCount(4);
  await expect(page.getByTestId('compare-progress')).toBeVisible();
  await page.getByTestId('compare-stop').click();
  await expect(page.getByTestId('compare-stopped')).toBeVisible();
  // Compare leaves the applied buckets applied: they are built again after it, and a Run finds them warm.
  await expect(page.locator('[data-testid="warmup-row"][data-state="ready"]')).toHaveCount(4, { timeout: 180_000 });
  await expect(page.getByTestId('entities-warmup')).toHaveCount(0, { timeout: 180_000 });
  await page.getByTestId('entities-run').click();
  await expect(page.getByTestId('entity-row').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('entities-result').locator('.meta')).not.toContainText('the wait for');
  expect(pageErrors).toEqual([]);
});
