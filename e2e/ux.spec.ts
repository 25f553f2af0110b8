import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, test, TINY_MODEL } from './fixtures';
import { MODE_SHORT_LABELS } from '../src/core/charts';
import { AppPage } from './pages/AppPage';

// What a visitor sees and can do (issue 15 items 5-7): widths, labels, bucket sizes, explanations and
// the small things. WASM and the tiny model throughout: none of this is about WebGPU speed.

const FAST = `model=${TINY_MODEL}&backend=wasm&batch=2`;

async function attach(page: Page, testInfo: TestInfo, name: string, fullPage = false): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage }), contentType: 'image/png' });
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('element is not visible');
  return b;
}

function overlap(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('the layout holds from 1920 to 1024 px and at 390 px, and every control has a name a screen reader reads', async ({
  page,
  pageErrors,
}, testInfo) => {
  await page.setViewportSize({ width: 1920, height: 900 });
  const app = new AppPage(page);
  await app.open(FAST);
  const settings = page.getByTestId('settings').locator('summary');
  for (const width of [1920, 1400, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    await settings.click();
    const popover = await box(page.locator('.settings-grid'));
    expect(popover.x, `popover left edge at ${width}`).toBeGreaterThanOrEqual(0);
    expect(popover.x + popover.width, `popover right edge at ${width}`).toBeLessThanOrEqual(width);
    // Each field shows its whole value inside the popover (the Long texts option and the stride placeholder used to be cut).
    for (const field of ['settings-overflow', 'settings-stride', 'settings-backend', 'settings-batch']) {
      const f = await box(page.getByTestId(field));
      expect(f.x + f.width, `${field} inside the popover at ${width}`).toBeLessThanOrEqual(popover.x + popover.width);
    }
    expect(
      await page
        .getByTestId('settings-stride')
        .evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth + 1),
    ).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await attach(page, testInfo, `settings-${width}`);
    await settings.click();
  }

  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The tagline reads as a line or two, not one word per line, and the header's parts do not overlap.
  expect((await box(page.locator('.tagline'))).height).toBeLessThan(3 * 20);
  const header = [
    '.brand',
    '[data-testid="backend-badge"]',
    '[data-testid="settings"] > summary',
    '[data-testid="model-source"]',
  ];
  for (let i = 0; i < header.length; i++) {
    for (let j = i + 1; j < header.length; j++) {
      expect(
        overlap(await box(page.locator(header[i]!)), await box(page.locator(header[j]!))),
        `${header[i]} and ${header[j]}`,
      ).toBe(false);
    }
  }
  const aggregation = await box(page.getByTestId('aggregation-select'));
  expect(aggregation.x).toBeGreaterThanOrEqual(0);
  expect(aggregation.x + aggregation.width).toBeLessThanOrEqual(390);
  await attach(page, testInfo, 'phone-top');
  await settings.click();
  const popover = await box(page.locator('.settings-grid'));
  expect(popover.x).toBeGreaterThanOrEqual(0);
  expect(popover.x + popover.width).toBeLessThanOrEqual(390);
  await attach(page, testInfo, 'phone-settings');
  await settings.click();
  await attach(page, testInfo, 'phone-full', true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Every control, with each model source shown and Settings open, has an accessible name.
  await page.setViewportSize({ width: 1400, height: 900 });
  // Repetitions is shown in the steady regime only (the cold stream is one pass).
  await page.getByTestId('compare-regime').selectOption('steady');
  await settings.click();
  for (const source of ['hub', 'files', 'bundled']) {
    await page.getByTestId('model-source').selectOption(source);
    const controls = page.locator('input, select, textarea, button, [role="slider"], summary');
    const count = await controls.count();
    expect(count).toBeGreaterThan(15);
    for (let i = 0; i < count; i++) {
      const control = controls.nth(i);
      const description = await control.evaluate(
        (el) => `${el.tagName.toLowerCase()} ${el.getAttribute('data-testid') ?? el.className}`,
      );
      await expect(control, description).toHaveAccessibleName(/\S/, { timeout: 2000 });
    }
  }
  for (const label of [
    'Aggregation',
    'Backend',
    'Batch size',
    'Long texts',
    'Window stride',
    'Bucket sizes (tokens)',
    'Items to run',
    'Regime',
    'Repetitions',
    'Model source',
  ]) {
    // A select inside its <label> has the options' text in the label's text, so its name is read the way a
    // screen reader reads it: by role and accessible name.
    const named = page.getByLabel(label, { exact: true }).or(page.getByRole('combobox', { name: label, exact: true }));
    await expect(named, label).toHaveCount(1);
  }
  await attach(page, testInfo, 'labelled-controls');
  expect(pageErrors).toEqual([]);
});

test('bucket sizes below the smallest usable size are refused with that size, typed, by Home or dragged; 0x20 is not a number', async ({
  page,
  pageErrors,
}, testInfo) => {
  const app = new AppPage(page);
  await app.open(`${FAST}&buckets=16,64`);
  const input = page.getByTestId('bucket-input');
  const problem = page.getByTestId('bucket-input-problem');
  for (const [typed, message] of [
    ['1', /Bucket 1 is too small.*smallest usable bucket is 3/],
    ['2, 64', /Bucket 2 is too small.*smallest usable bucket is 3/],
    ['3', /largest bucket \(3\) is too small.*at least 5/],
    ['16, 0x20', /"0x20" is not a number/],
  ] as const) {
    await input.fill(typed);
    await input.press('Enter');
    await expect(problem).toHaveText(message);
    expect(await app.bucketValues()).toEqual([16, 64]);
  }
  await attach(page, testInfo, 'bucket-too-small-typed');
  await input.fill('16, 64');
  await input.press('Enter');
  await expect(problem).toHaveCount(0);

  // Home moves the first handle to the smallest usable size, not to 1.
  await app.handle(0).focus();
  await page.keyboard.press('Home');
  await expect(app.handle(0)).toHaveAttribute('data-value', '3');
  await expect(app.handle(0)).toHaveAttribute('aria-valuemin', '3');
  // A drag far to the left stops there as well, and says why.
  await app.dragHandle(0, 200);
  await app.dragHandle(0, -2000);
  await expect(app.handle(0)).toHaveAttribute('data-value', '3');
  await expect(page.getByTestId('bucket-size-note')).toContainText('Buckets stop at 3 tokens');
  await attach(page, testInfo, 'bucket-too-small-dragged');

  // A number field refuses what it does not understand instead of guessing.
  await page.getByTestId('compare-regime').selectOption('steady');
  const reps = page.getByTestId('compare-reps');
  await reps.fill('1e1');
  await reps.press('Enter');
  await expect(page.getByTestId('compare-panel').getByRole('alert')).toContainText('"1e1" is not a number');
  expect(pageErrors).toEqual([]);
});

test('touching handles: a drag takes the one it moves towards; no tooltip stays after a drag', async ({
  page,
  pageErrors,
}, testInfo) => {
  const app = new AppPage(page);
  await app.open(`${FAST}&buckets=20,21,64`);
  // Handle 1 is drawn on top of handle 0; dragging left must still move handle 0.
  await app.dragHandle(1, -60);
  await expect.poll(() => app.bucketValues()).not.toEqual([20, 21, 64]);
  let values = await app.bucketValues();
  expect(values[0]).toBeLessThan(20);
  expect(values[1]).toBe(21);
  const input = page.getByTestId('bucket-input');
  await input.fill('20, 21, 64');
  await input.press('Enter');
  await expect.poll(() => app.bucketValues()).toEqual([20, 21, 64]);
  await app.dragHandle(0, 60);
  await expect.poll(() => app.bucketValues()).not.toEqual([20, 21, 64]);
  values = await app.bucketValues();
  expect(values[0]).toBe(20);
  expect(values[1]).toBeGreaterThan(21);
  await attach(page, testInfo, 'touching-handles');

  // Hover a bar: the tooltip shows. Drag a handle and let go below the chart: no tooltip is left behind.
  const chart = await box(page.getByTestId('histogram'));
  await page.mouse.move(chart.x + chart.width * 0.3, chart.y + chart.height * 0.7);
  await page.mouse.move(chart.x + chart.width * 0.31, chart.y + chart.height * 0.7);
  await expect(page.locator('.histogram .recharts-tooltip-wrapper')).toBeVisible();
  const grip = await box(app.handle(2).locator('.handle-grip'));
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x - 30, grip.y + 40, { steps: 6 });
  await page.mouse.move(grip.x - 30, chart.y + chart.height + 200, { steps: 6 });
  await page.mouse.up();
  await expect(page.locator('.histogram .recharts-tooltip-wrapper')).toBeHidden();
  await attach(page, testInfo, 'no-tooltip-after-drag');
  expect(pageErrors).toEqual([]);
});

test('Compare explains its winner, reads right, keeps the buckets applied and its options across a reload', async ({
  page,
  pageErrors,
}, testInfo) => {
  const app = new AppPage(page);
  await app.open(`${FAST}&buckets=16,32,64`);
  const items = page.getByTestId('compare-items');
  await items.fill('500');
  await items.press('Enter');
  await expect(page.getByTestId('compare-items-note')).toHaveText('all 88 items in the dataset');
  await items.fill('16');
  await items.press('Enter');
  await expect(page.getByTestId('compare-items-note')).toHaveText('the first 16 of 88 items in the dataset');
  // Repetitions are a steady-regime setting (the cold stream is one pass).
  await page.getByTestId('compare-regime').selectOption('steady');
  await page.getByTestId('compare-reps').fill('1');
  await page.getByTestId('compare-reps').press('Enter');
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('compare-meta')).toContainText('16 items × 1 repetition ·', { timeout: 120_000 });

  const explanation = page.getByTestId('compare-explanation');
  await expect(explanation.locator('.explanation-headline')).toHaveText(/ran fastest|about as fast/);
  const winner = await explanation.getAttribute('data-winner');
  expect(['bucketed', 'bucketed-shared', 'pad-to-max', 'dynamic']).toContain(winner);
  await expect(explanation.locator('li').first()).toBeVisible();
  await expect(explanation).toContainText('Padding:');
  await expect(explanation).toContainText('On WASM nothing is compiled per input shape');
  await explanation.getByText('When does bucketing win?').click();
  const link = page.getByTestId('when-bucketing-wins-link');
  await expect(link).toHaveAttribute('href', 'docs/BENCHMARKS.md#when-bucketing-wins');
  const doc = await page.request.get(new URL((await link.getAttribute('href')) ?? '', page.url()).href);
  expect(doc.status()).toBe(200);
  expect(await doc.text()).toContain('# Benchmarks');

  // The two-colour latency chart has a legend; no two mode names on an axis overlap.
  const charts = page.getByTestId('compare-metric-chart');
  const latency = charts.filter({ hasText: 'Latency' });
  // Two latency charts (per batch, per item): the per-batch one carries the p50/p95 legend.
  const batchLegend = latency.locator('.recharts-legend-wrapper').filter({ hasText: 'p50' });
  await expect(batchLegend).toHaveCount(1);
  await expect(batchLegend).toContainText('p95');
  // The buckets the user had applied are applied again, not left for the next Run to rebuild.
  await expect(app.applyState).toHaveText(/Applied/);
  await page.getByTestId('compare-panel').scrollIntoViewIfNeeded();
  await attach(page, testInfo, 'compare-explained', true);

  await page.reload();
  await app.waitUntilReady();
  await expect(page.getByTestId('compare-items')).toHaveValue('16');
  await page.getByTestId('compare-regime').selectOption('steady');
  await expect(page.getByTestId('compare-reps')).toHaveValue('1');
  expect(pageErrors).toEqual([]);
});

test('Live keeps streaming when a handle is released right after starting it, and shows progress at once', async ({
  page,
  pageErrors,
}, testInfo) => {
  const app = new AppPage(page);
  await app.open(`${FAST}&buckets=16,32,64`);
  const grip = await box(app.handle(1).locator('.handle-grip'));
  await page.getByTestId('live-toggle').click();
  // Released well within 150 ms of starting Live: the apply it triggers is queued behind Live's, not cancelling it.
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 40, grip.y + 10, { steps: 2 });
  await page.mouse.up();
  await expect(page.getByTestId('live-message')).toBeVisible();
  await expect(page.getByTestId('live-rate')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('live-explanation')).toHaveText(/pad-to-max/);
  await expect(page.getByTestId('live-toggle')).toHaveText('Stop live');
  await expect(page.getByTestId('live-error')).toHaveCount(0);
  await expect(app.applyState).toHaveText(/Applied/);
  expect((await app.bucketValues())[1]).toBeGreaterThan(32);
  await attach(page, testInfo, 'live-after-quick-release');
  await page.getByTestId('live-toggle').click();
  expect(pageErrors).toEqual([]);
});

test('changing the aggregation runs the text again with it', async ({ page, pageErrors }, testInfo) => {
  const app = new AppPage(page);
  await app.open(FAST);
  await app.setText('Angela Merkel met Emmanuel Macron in Paris.');
  await app.runWithKeyboard();
  await expect(page.getByTestId('entities-aggregation')).toHaveText('first (first piece)');
  await page.getByTestId('aggregation-select').selectOption('none');
  await expect(page.getByTestId('entities-aggregation')).toHaveText('none (word-pieces)');
  await expect(page.getByTestId('entities-stale-aggregation')).toHaveCount(0);
  await attach(page, testInfo, 'aggregation-rerun');
  expect(pageErrors).toEqual([]);
});

test('no two mode names overlap on a comparison chart axis', async ({ page, pageErrors }, testInfo) => {
  const app = new AppPage(page);
  await app.open(`${FAST}&buckets=16,32,64`);
  await page.getByTestId('compare-run').click();
  const charts = page.getByTestId('compare-metric-chart');
  await expect(charts.first()).toBeVisible({ timeout: 120_000 });
  const chartCount = await charts.count();
  expect(chartCount).toBeGreaterThan(0);
  const modeNames = new Set(Object.values(MODE_SHORT_LABELS));
  for (let c = 0; c < chartCount; c++) {
    const chart = charts.nth(c);
    // recharts 3 draws tick labels in a layer of their own, outside the axis group: one group per axis,
    // `.recharts-{x,y}Axis-tick-labels`, one `.recharts-cartesian-axis-tick-value` text per tick. The chart
    // draws its axes a frame after it is measured, so wait for the four mode names to be there.
    const modeTicks = chart
      .locator('.recharts-cartesian-axis-tick-value')
      .filter({ hasText: /^(bucketed|shared|pad-to-max|dynamic)$/ });
    await expect(modeTicks).toHaveCount(4);
    expect(new Set(await modeTicks.allTextContents())).toEqual(modeNames);
    // Every tick label of one axis (the mode names, and the figures on the other axis) clear of the others.
    for (const axis of ['x', 'y']) {
      const boxes = await Promise.all(
        (await chart.locator(`.recharts-${axis}Axis-tick-labels .recharts-cartesian-axis-tick-value`).all()).map(box),
      );
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false);
    }
  }
  await attach(page, testInfo, 'compare-chart-axes', true);
  expect(pageErrors).toEqual([]);
});
