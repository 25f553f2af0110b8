import type { Browser, Page } from '@playwright/test';
import type { ReferenceResult } from './bench';
import { launchChromium } from './chromium';
import { CodedError } from '../../src/core/errors';
import type { WorkerClient } from '../../src/client/worker-client';
import type {
  Backend,
  BackendInfo,
  BenchmarkParams,
  BenchmarkProgress,
  BenchmarkResult,
  ModelInfo,
} from '../../src/protocol/types';
import type { ReferenceParams, ReferenceProgress } from '../../src/testing/reference-pipeline';

/** A failure reported by the page or the worker, with the worker's error code when it had one. */
export class BrowserRunError extends CodedError {
  override readonly name = 'BrowserRunError';

  constructor(
    code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(code, message);
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; hint?: string } };

/** What the page holds for the benchmark between page.evaluate calls (installed by open()). */
interface BenchWindow {
  benchClient?: WorkerClient;
  benchReport: (progress: { mode?: string; repetition: number; done: number; total: number }) => void;
  benchOutcome: <T>(work: () => Promise<T>) => Promise<Outcome<T>>;
}

/**
 * Installed in the page before the app loads. page.evaluate rethrows page errors with their message
 * only, so failures come back as values that keep the worker's error code and hint.
 * `benchProgress` is the Node function exposed by open().
 * `__name`: tsx compiles with esbuild's keepNames, which wraps functions in a helper the page lacks.
 */
const PAGE_HELPERS = `
window.__name = (fn) => fn;
window.benchOutcome = async (work) => {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    const error = { code: (err && err.code) || 'PAGE', message: (err && err.message) || String(err) };
    if (err && err.hint) error.hint = err.hint;
    return { ok: false, error };
  }
};
// Every progress message crosses to Node over the DevTools protocol, which costs CPU the measured
// worker shares on a small machine; per-batch updates are thinned to one a second.
let benchStage = null;
let benchSentAt = 0;
window.benchReport = (p) => {
  const stage = (p.mode || '') + ':' + p.repetition;
  const now = performance.now();
  if (stage === benchStage && p.repetition !== 0 && p.done !== p.total && now - benchSentAt < 1000) return;
  benchStage = stage;
  benchSentAt = now;
  window.benchProgress(JSON.stringify(p));
};`;

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new BrowserRunError(outcome.error.code, outcome.error.message, outcome.error.hint);
}

/**
 * Headless Chromium on the app page with the test API (`?testHooks`), driving the app's real inference
 * worker through its WorkerClient; nothing here runs a model itself.
 */
export class BenchBrowser {
  private onProgress: (progress: unknown) => void = () => {};

  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  static async open(appUrl: string, options: { verbose: boolean; log: (line: string) => void }): Promise<BenchBrowser> {
    const browser = await launchChromium();
    const page = await browser.newPage();
    const bench = new BenchBrowser(browser, page);
    await page.addInitScript(PAGE_HELPERS);
    await page.exposeFunction('benchProgress', (json: string) => bench.onProgress(JSON.parse(json)));
    page.on('pageerror', (err) => options.log(`page error: ${err.message}`));
    if (options.verbose) page.on('console', (msg) => options.log(`[browser ${msg.type()}] ${msg.text()}`));
    // A generous limit: on a shared, loaded machine the first load of the app can take over 30 s.
    await page.goto(`${appUrl}?testHooks`, { timeout: 180_000 });
    await page.waitForFunction(() => window.bucketwiseTest !== undefined, undefined, { timeout: 60_000 });
    return bench;
  }

  version(): string {
    return `Chromium ${this.browser.version()}`;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  /** Starts a new worker (ending the previous one) on the chosen backend and loads the model (served under models/<name>/). */
  async setup(backend: Backend, modelName: string): Promise<{ backend: BackendInfo; model: ModelInfo }> {
    return unwrap(
      await this.page.evaluate(
        ({ backend, modelName }) => {
          const w = window as unknown as BenchWindow;
          return w.benchOutcome(async () => {
            const api = window.bucketwiseTest!;
            // A fresh worker each time: the GPU program cache lives as long as the worker, so a cold
            // measurement must not inherit what an earlier mode compiled.
            w.benchClient?.dispose();
            const client = api.createClient();
            w.benchClient = client;
            const info = await client.init({ appBaseUrl: api.appBaseUrl(), backend });
            const model = await client.loadModel({ source: { kind: 'bundled', name: modelName } });
            return { backend: info, model };
          });
        },
        { backend, modelName },
      ),
    );
  }

  /** Token counts from the worker's own tokenizer, special tokens included. */
  async tokenize(texts: string[]): Promise<number[]> {
    return unwrap(
      await this.page.evaluate((texts) => {
        const w = window as unknown as BenchWindow;
        return w.benchOutcome(async () => (await w.benchClient!.tokenize({ texts })).lengths);
      }, texts),
    );
  }

  async benchmark(params: BenchmarkParams, onProgress: (p: BenchmarkProgress) => void): Promise<BenchmarkResult> {
    this.onProgress = onProgress as (p: unknown) => void;
    return unwrap(
      await this.page.evaluate((params) => {
        const w = window as unknown as BenchWindow;
        return w.benchOutcome(() =>
          w.benchClient!.benchmark(params, {
            onProgress: (p) => w.benchReport(p),
          }),
        );
      }, params),
    );
  }

  async reference(
    params: Omit<ReferenceParams, 'appBaseUrl'>,
    onProgress: (p: ReferenceProgress) => void,
  ): Promise<ReferenceResult> {
    this.onProgress = onProgress as (p: unknown) => void;
    return unwrap(
      await this.page.evaluate((params) => {
        const w = window as unknown as BenchWindow;
        const api = window.bucketwiseTest!;
        return w.benchOutcome(() =>
          api.runReference({ ...params, appBaseUrl: api.appBaseUrl() }, (p) => w.benchReport(p)),
        );
      }, params),
    );
  }
}
