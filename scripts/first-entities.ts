/**
 * How long a first-time visitor waits for entities: opens the production build (or, with --url, an app
 * already served, such as `npm start`) in a fresh Chromium profile (nothing cached), presses Run as soon
 * as it is enabled, with the default text, and prints when the page was shown, when Run was enabled and
 * when the first entities appeared, from navigation start.
 *
 *   npx vite build --outDir dist && npx tsx scripts/first-entities.ts [--dist dist | --url http://...] [--backend wasm|auto|webgpu] [--runs 3]
 *
 * A measurement, not a test: it asserts nothing about the figures, only that entities appeared.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { launchChromium } from './lib/chromium';
import { startStaticServer, type RunningServer } from './lib/static-server';

interface Options {
  dist: string;
  /** An app already being served (`npm start`, `npm run dev`, a deployment); no preview is started. */
  url?: string;
  backend: string;
  runs: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { dist: 'dist', backend: 'wasm', runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--help') {
      console.log(
        'usage: tsx scripts/first-entities.ts [--dist dist | --url http://...] [--backend wasm|auto|webgpu] [--runs 3]',
      );
      process.exit(0);
    }
    if (value === undefined) throw new Error(`${flag} needs a value.`);
    if (flag === '--dist') options.dist = value;
    else if (flag === '--url') options.url = value;
    else if (flag === '--backend') options.backend = value;
    else if (flag === '--runs') options.runs = Number(value);
    else throw new Error(`Unknown option ${flag}: see --help.`);
    i++;
  }
  if (!['wasm', 'auto', 'webgpu'].includes(options.backend))
    throw new Error(`--backend must be wasm, auto or webgpu, not ${options.backend}.`);
  if (!Number.isInteger(options.runs) || options.runs < 1)
    throw new Error('--runs must be a whole number of at least 1.');
  return options;
}

/** The build in `dist`, served as the benchmark serves its own (scripts/lib/static-server.ts). */
async function servePreview(dist: string): Promise<RunningServer> {
  const root = process.cwd();
  if (!existsSync(path.join(root, dist, 'index.html'))) {
    throw new Error(`No build in ${dist}/: run "npx vite build --outDir ${dist}" first.`);
  }
  return startStaticServer(root, dist);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const served = options.url ? { url: options.url, close: async () => undefined } : await servePreview(options.dist);
  const url = served.url;
  const browser = await launchChromium();
  const query = options.backend === 'auto' ? '' : `?backend=${options.backend}`;
  console.log(
    `first entities, ${options.url ? 'the app' : options.dist} at ${url}${query}, backend ${options.backend}, ${options.runs} cold visit(s)`,
  );
  console.log('visit  page shown  Run enabled  first entities  backend badge');
  try {
    for (let run = 1; run <= options.runs; run++) {
      // A new context is a fresh profile: no HTTP cache, no Cache Storage, no saved state.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${url}${query}`, { waitUntil: 'commit' });
      await page.getByTestId('entities-text').waitFor();
      const shown = await page.evaluate(() => performance.now());
      const runButton = page.getByTestId('entities-run');
      await runButton.and(page.locator(':enabled')).waitFor({ timeout: 600_000 });
      const enabled = await page.evaluate(() => performance.now());
      await runButton.click();
      await page.getByTestId('entity-row').first().waitFor({ timeout: 600_000 });
      const entities = await page.evaluate(() => performance.now());
      const badge = (await page.getByTestId('backend-badge').innerText()).replace(/\s+/g, ' ');
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(11);
      console.log(`${String(run).padStart(5)} ${s(shown)} ${s(enabled)} ${s(entities).padStart(15)}  ${badge}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await served.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
