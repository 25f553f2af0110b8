import { test as base, expect, type Page } from '@playwright/test';

/**
 * One app page kept open across the tests of a file. Loading the model and building sessions costs seconds
 * per page (far more on a busy machine), and these suites check that the app keeps working after each bad
 * input anyway, so the next test going on in the same page is part of the point. When a test fails,
 * Playwright starts a fresh worker, and with it a fresh page: a failure does not leak into later tests.
 */
export interface SharedApp {
  page: Page;
  /** Uncaught page errors since the page opened; tests compare the count before and after. */
  errors: string[];
  /** Opens `query` unless this page already shows the app (or `always`). */
  open(query: string, options?: { always?: boolean }): Promise<void>;
}

const port = Number(process.env.BUCKETWISE_E2E_PORT ?? 4317);

export const test = base.extend<{ sharedErrorsAtStart: number }, { shared: SharedApp }>({
  shared: [
    async ({ browser }, use) => {
      const context = await browser.newContext({
        baseURL: `http://127.0.0.1:${port}/`,
        viewport: { width: 1440, height: 900 },
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      let opened = false;
      await use({
        page,
        errors,
        async open(query, options = {}) {
          if (opened && !options.always) return;
          await page.goto(`./?${query}`);
          await expect(page.getByTestId('backend-badge')).not.toHaveText(/Detecting/);
          await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
          await expect(page.getByTestId('apply-state')).toHaveText(/Applied/);
          opened = true;
        },
      });
      await context.close();
    },
    { scope: 'worker' },
  ],
  // Every test ends by checking that it caused no uncaught page error.
  sharedErrorsAtStart: [
    async ({ shared }, use) => {
      const before = shared.errors.length;
      await use(before);
      expect(shared.errors.slice(before), 'uncaught page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
