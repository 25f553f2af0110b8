import { test as base, expect, type JSHandle, type Page } from '@playwright/test';
import type { WorkerClient } from '../src/client/worker-client';
import type { ConfigureParams } from '../src/protocol/types';

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

/**
 * A worker client in the page (the `?testHooks` API), started on `backend` with the bundled `model`
 * loaded, and configured when `configure` is given: the set-up most worker tests begin with. Pass the
 * handle in page.evaluate's argument, where it arrives as the client itself; the test disposes of it.
 */
export async function startWorkerClient(
  page: Page,
  options: { backend: 'webgpu' | 'wasm'; model?: string; testHooks?: boolean; configure?: ConfigureParams },
): Promise<JSHandle<WorkerClient>> {
  return page.evaluateHandle(
    async ({ backend, model, testHooks, configure }) => {
      const api = window.bucketwiseTest!;
      const client = api.createClient();
      await client.init({ appBaseUrl: api.appBaseUrl(), backend, ...(testHooks ? { testHooks } : {}) });
      await client.loadModel({ source: { kind: 'bundled', name: model } });
      if (configure) await client.configure(configure);
      return client;
    },
    {
      backend: options.backend,
      model: options.model ?? TINY_MODEL,
      testHooks: options.testHooks ?? false,
      configure: options.configure ?? null,
    },
  );
}
