import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, test, TINY_MODEL } from './fixtures';
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

function overlap(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test.describe('layout', () => {
  for (const width of [1920, 1400, 1024]) {
    test(`at ${width} px nothing is cut off, the Settings popover included`, async ({ page, pageErrors }, testInfo) => {
      await page.setViewportSize({ width, height: 900 });
      const app = new AppPage(page);
      await app.open(FAST);
      await page.getByTestId('settings').locator('summary').click();
      const popover = page.locator('.settings-grid');
      await expect(popover).toBeVisible();
      const p = await box(popover);
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x + p.width).toBeLessThanOrEqual(width);
      // Every option text of the Long texts select fits its box (the widest one used to be cut).
      for (const field of ['settings-overflow', 'settings-stride', 'settings-backend']) {
        const f = page.getByTestId(field);
        const fits = await f.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= window.innerWidth);
        expect(fits, `${field} fits`).toBe(true);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await attach(page, testInfo, `settings-${width}`);
      expect(pageErrors).toEqual([]);
    });
  }

  test('at 390 px nothing overlaps and nothing scrolls sideways', async ({ page, pageErrors }, testInfo) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const app = new AppPage(page);
    await app.open(FAST);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The tagline reads as a line or two, not one word per line.
    const tagline = await box(page.locator('.tagline'));
    expect(tagline.height).toBeLessThan(3 * 20);
    const header = ['.brand', '[data-testid="backend-badge"]', '[data-testid="settings"] > summary'];
    for (let i = 0; i < header.length; i++) {
      for (let j = i + 1; j < header.length; j++) {
        expect(overlap(await box(page.locator(header[i]!)), await box(page.locator(header[j]!))), `${header[i]} and ${header[j]}`).toBe(false);
      }
    }
    const aggregation = await box(page.getByTestId('aggregation-select'));
    expect(aggregation.x).toBeGreaterThanOrEqual(0);
    expect(aggregation.x + aggregation.width).toBeLessThanOrEqual(390);
    await attach(page, testInfo, 'phone-top');
    await page.getByTestId('settings').locator('summary').click();
    const popover = await box(page.locator('.settings-grid'));
    expect(popover.x).toBeGreaterThanOrEqual(0);
    expect(popover.x + popover.width).toBeLessThanOrEqual(390);
    await attach(page, testInfo, 'phone-settings');
    await page.getByTestId('settings').locator('summary').click();
    await attach(page, testInfo, 'phone-full', true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(pageErrors).toEqual([]);
  });
});

test('every control has a name a screen reader reads', async ({ page, pageErrors }, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  const app = new AppPage(page);
  await app.open(FAST);
  await page.getByTestId('settings').locator('summary').click();
  for (const source of ['hub', 'files', 'bundled']) {
    await page.getByTestId('model-source').selectOption(source);
    const controls = page.locator('input, select, textarea, button, [role="slider"], summary');
    const count = await controls.count();
    expect(count).toBeGreaterThan(15);
    for (let i = 0; i < count; i++) {
      const control = controls.nth(i);
      const description = await control.evaluate((el) => `${el.tagName.toLowerCase()} ${el.getAttribute('data-testid') ?? el.className}`);
      await expect(control, description).toHaveAccessibleName(/\S/);
    }
  }
  // The same controls are reachable by their labels.
  for (const label of ['Aggregation', 'Backend', 'Batch size', 'Long texts', 'Window stride', 'Bucket sizes (tokens)', 'Items to run', 'Repetitions', 'Model source']) {
    await expect(page.getByLabel(label, { exact: true })).toHaveCount(1);
  }
  await attach(page, testInfo, 'labelled-controls');
  expect(pageErrors).toEqual([]);
});

test('bucket sizes below the smallest usable size are refused with that size, typed, by Home or dragged; 0x20 is not a number', async ({ page, pageErrors }, testInfo) => {
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
  const reps = page.getByTestId('compare-reps');
  await reps.fill('1e1');
  await reps.press('Enter');
  await expect(page.getByTestId('compare-panel').getByRole('alert')).toContainText('"1e1" is not a number');
  expect(pageErrors).toEqual([]);
});
