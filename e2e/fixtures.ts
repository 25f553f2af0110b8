import { test as base, expect, type Page } from '@playwright/test';

export const TINY_MODEL = 'tiny-bert-ner';

/** Opens the app with the test API installed and returns once the page has rendered. */
export async function openApp(page: Page, query = 'testHooks'): Promise<void> {
  await page.goto(`./?${query}`);
  await expect(page.getByTestId('backend-badge')).not.toHaveText(/Detecting/);
}

/** Collects uncaught page errors so every test can assert the app stayed healthy. */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await use(errors);
  },
});

export { expect };

/** The local hub stand-in started by playwright.config.ts (e2e/hub-server.ts). */
export const HUB_URL = `http://127.0.0.1:${process.env.BUCKETWISE_HUB_PORT ?? 4318}/`;

/** Model > Hub id: asks the local hub stand-in for `id` and presses Load (the outcome is the caller's to check). */
export async function loadFromHub(page: Page, id: string): Promise<void> {
  await page.getByTestId('model-source').selectOption('hub');
  await page.getByTestId('hub-host').fill(HUB_URL);
  await page.getByTestId('hub-id').fill(id);
  await page.getByTestId('hub-load').click();
}
