import { readFileSync } from 'node:fs';
import path from 'node:path';
import { modelHosts } from '../scripts/vite/csp';
import { HUB_URL, loadFromHub, TINY_MODEL } from './fixtures';
import { HTML_LABELS, XSS_PAYLOADS } from './pages/hostile';
import { ReliabilityPage, writeModelFolder } from './pages/ReliabilityPage';
import { expectNothingInjected, injectionReport, recordRequests, watchViolations } from './pages/SafetyProbe';
import { expect, test, type SharedApp } from './pages/shared-app';

// Issue 9's safety items against the production build: user text, file names, model labels and hub ids
// are never interpreted as HTML; the Content-Security-Policy is in the built page and holds; and nothing
// the user pastes leaves the browser (every request recorded, page and worker).

const FAST = `testHooks&model=${TINY_MODEL}&backend=wasm&batch=2&buckets=16,32,64`;
const DIST = path.resolve(process.env.BUCKETWISE_DIST ?? 'dist');
const TINY_DIR = path.resolve('public/models', TINY_MODEL);
const ALL_PAYLOADS = (where: string) => Object.values(XSS_PAYLOADS).map((p) => p(where));

async function openWatched(shared: SharedApp): Promise<ReliabilityPage> {
  await watchViolations(shared.page);
  await shared.open(FAST);
  return new ReliabilityPage(shared.page);
}

test('markup in the text is shown as text, in the box, the highlights and the table', async ({ shared }) => {
  const app = await openWatched(shared);
  const text = `Angela Merkel ${ALL_PAYLOADS('text').join(' met ')} in Paris and Berlin.`;
  await app.setText(text);
  await app.expectRunWorks();
  await expect(shared.page.getByTestId('entities-highlights')).toHaveText(text);
  await expect(app.text).toHaveValue(text);
  // The entities cut pieces out of the markup: those pieces are table text too.
  for (const row of await app.readEntityTable()) expect(text.slice(row.start, row.end)).toBe(row.text);
  await expectNothingInjected(shared.page);
});

test('markup in file names is shown as text: a dataset file, an image and a model file', async ({ shared }) => {
  const { page } = shared;
  const app = await openWatched(shared);
  await app.setText('Angela Merkel met Emmanuel Macron in Paris.');

  // Dropped files are made in the page, so the names are exactly what a File may carry.
  const datasetName = `${XSS_PAYLOADS.img('file')}.txt`;
  await app.dropDatasetFile(
    datasetName,
    Buffer.from('Angela Merkel visited Paris.\nSiemens opened a plant in Texas.\n'),
  );
  await expect(page.getByTestId('dataset-summary')).toContainText(
    `2 items · plain text, one item per line (${datasetName})`,
  );
  await expect(page.getByTestId('dataset-kind').locator('option[value="file"]')).toHaveText(`File: ${datasetName}`);

  const imagesTab = page.getByTestId('tab-images');
  if ((await imagesTab.count()) > 0) {
    await imagesTab.click();
    const imageName = `${XSS_PAYLOADS.svg('image')}.png`;
    await page
      .getByTestId('images-file-input')
      .setInputFiles({ name: imageName, mimeType: 'image/png', buffer: Buffer.from('not an image') });
    await expect(page.getByTestId('image-rejected').first()).toContainText(`${imageName} is not an image`);
    await page.getByTestId('tab-text').click();
  }

  // A model chosen from disk is called by its file name in the header.
  const modelName = `${XSS_PAYLOADS.img('model')}`;
  const files = writeModelFolder(test.info().outputPath('hostile-model'), {
    [`${modelName}.onnx`]: readFileSync(path.join(TINY_DIR, 'onnx', 'model.onnx')),
    'config.json': readFileSync(path.join(TINY_DIR, 'config.json')),
    'tokenizer.json': readFileSync(path.join(TINY_DIR, 'tokenizer.json')),
    'tokenizer_config.json': readFileSync(path.join(TINY_DIR, 'tokenizer_config.json')),
  });
  await app.chooseModelFiles(files);
  await app.waitUntilReady();
  await expect(page.getByTestId('model-status')).toContainText(`${modelName} · 9 labels`);
  await app.expectRunWorks();
  await expectNothingInjected(page);
  await app.chooseBundledModel(TINY_MODEL);
});

test('markup in model labels is shown as text in the legend, the highlights and the table', async ({ shared }) => {
  const { page } = shared;
  const app = await openWatched(shared);
  await loadFromHub(page, 'bucketwise/html-labels');
  await app.waitUntilReady();
  await expect(page.getByTestId('model-status')).toContainText('bucketwise/html-labels · 9 labels');
  await app.setText(
    'Angela Merkel met Emmanuel Macron in Paris. Siemens opened a plant in Texas near Austin and Dallas, said Tim Cook.',
  );
  await app.expectRunWorks();

  const hostileTypes = new Set(HTML_LABELS.filter((l) => l.includes('<')).map((l) => l.slice(2)));
  const shownTypes = new Set((await app.readEntityTable()).map((r) => r.type));
  const hostileShown = [...shownTypes].filter((t) => hostileTypes.has(t));
  // The untrained tiny model spreads its guesses over all labels: at least one hostile label is used.
  expect(hostileShown.length).toBeGreaterThan(0);
  for (const type of hostileShown) {
    await expect(page.getByTestId('entity-legend')).toContainText(type);
    expect(
      await page
        .locator('[data-testid="entity-mark"]')
        .evaluateAll((marks, t) => marks.some((m) => m.getAttribute('data-type') === t), type),
    ).toBe(true);
  }
  await expectNothingInjected(page);
});

test('markup in a hub id, typed or in a link, is refused by name and shown as text', async ({ shared }) => {
  const { page } = shared;
  const app = await openWatched(shared);
  const kept = await app.keptState();
  await page.getByTestId('model-source').selectOption('hub');
  await page.getByTestId('hub-host').fill(HUB_URL);
  for (const id of [XSS_PAYLOADS.img('hub id'), `bucketwise/${XSS_PAYLOADS.svg('hub id')}`]) {
    await page.getByTestId('hub-id').fill(id);
    await page.getByTestId('hub-load').click();
    await expect(app.modelError).toContainText(`"${id}" is not a model id.`);
    await expect(app.modelError).toContainText('What to do: Use the form owner/name');
  }
  await expect(app.text).toHaveValue(kept.text);
  await expectNothingInjected(page);

  const id = XSS_PAYLOADS.script('link');
  const link = new URLSearchParams({ model: `hub:${id}`, hubHost: 'javascript:window.__xss=1//', backend: 'wasm' });
  await page.goto(`./?testHooks&${link.toString()}`);
  await expect(app.modelError).toContainText(`"${id}" is not a model id.`);
  await expect(page.getByTestId('notices')).toContainText(
    "The link's hubHost=javascript:window.__xss=1// is not valid",
  );
  await expectNothingInjected(page);
  await app.chooseBundledModel(TINY_MODEL);
  await app.expectRunWorks();
});

test('the built page carries a CSP of its own origin, the model hosts and WASM, and it blocks inline script', async ({
  shared,
}) => {
  const { page } = shared;
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  expect(meta, 'a CSP meta tag in the built index.html').not.toBeNull();
  const directives = new Map(
    meta![1]!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
  expect(directives.get('default-src')).toEqual(["'self'"]);
  // No 'unsafe-inline' or 'unsafe-eval' for scripts: only the app's files, plus compiling ORT's WASM.
  expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  // Network reads go to the app and the configured model hosts, nowhere else.
  expect(directives.get('connect-src')).toEqual(["'self'", ...modelHosts()]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);

  await watchViolations(page);
  const response = await page.goto(`./?${FAST}`);
  expect(response!.headers()['content-security-policy'], 'vite preview sends the same policy as a header').toBe(
    meta![1],
  );
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
  const blocked = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = "ran"';
    document.head.append(script);
    const fetched = await fetch('https://example.com/collect').then(
      () => 'sent',
      (err: Error) => err.name,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { inline: (window as { __inline?: string }).__inline, fetched };
  });
  // eval is left to the policy text above: Chromium lets code evaluated over the automation protocol call it.
  expect(blocked).toEqual({ inline: undefined, fetched: 'TypeError' });
  const { violations } = await injectionReport(page);
  expect(violations).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^script-src/),
      expect.stringMatching(/^connect-src blocked https:\/\/example\.com/),
    ]),
  );

  // The worker does not inherit the page's policy; its own allowlist refuses other hosts.
  const worker = page.workers().find((w) => w.url().includes('inference.worker'));
  const fromWorker = await worker!.evaluate(() =>
    fetch('http://127.0.0.1:9/collect').then(
      () => 'sent',
      (err: Error) => err.message,
    ),
  );
  expect(fromWorker).toContain('Blocked a request to http://127.0.0.1:9');
  await shared.open(FAST, { always: true });
});

test('nothing the user pastes leaves the browser: every request goes to the app or the chosen hub, none carries the text', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const requests = recordRequests(page);
  const app = new ReliabilityPage(page);
  await app.open(FAST);
  const appOrigin = new URL(page.url()).origin;
  const hubOrigin = new URL(HUB_URL).origin;
  const secret = 'Zebulon Quaxworth-7f3a9 wired 1,234 euros to Ouagadougou';
  await app.setText(`${secret}. Angela Merkel met Emmanuel Macron in Paris.`);
  await app.expectRunWorks();

  // Compare the modes on the pasted text's sentences.
  await app.chooseDataset('text-sentences');
  await expect(page.getByTestId('dataset-summary')).toContainText('2 items');
  await page.getByTestId('compare-run').click();
  await expect(page.locator('[data-testid^="compare-row-"]')).toHaveCount(4);

  // A hub model from the local stand-in, then the text again.
  await loadFromHub(page, `bucketwise/${TINY_MODEL}`);
  await app.waitUntilReady();
  await app.expectRunWorks();

  const byOrigin = (origin: string) => requests.filter((r) => new URL(r.url).origin === origin);
  const elsewhere = requests.filter(
    (r) => ![appOrigin, hubOrigin].includes(new URL(r.url).origin) && !/^(blob|data):/.test(r.url),
  );
  expect(elsewhere.map((r) => r.url)).toEqual([]);
  // The worker's downloads are in the record: the bundled model from the app, the hub model from the hub.
  expect(byOrigin(appOrigin).map((r) => new URL(r.url).pathname)).toContain(`/models/${TINY_MODEL}/onnx/model.onnx`);
  expect(byOrigin(hubOrigin).map((r) => new URL(r.url).pathname)).toContain(
    `/bucketwise/${TINY_MODEL}/resolve/main/onnx/model.onnx`,
  );
  // And a request only the worker makes shows up in the same record.
  const worker = page.workers().find((w) => w.url().includes('inference.worker'));
  const probe = `${appOrigin}/models/${TINY_MODEL}/config.json?probe=from-the-worker`;
  expect(await worker!.evaluate((url) => fetch(url).then((r) => r.status), probe)).toBe(200);
  await expect.poll(() => requests.some((r) => r.url === probe)).toBe(true);
  for (const needle of ['Zebulon', 'Quaxworth', 'Ouagadougou', encodeURIComponent(secret)]) {
    expect(requests.filter((r) => r.url.includes(needle) || r.body.includes(needle)).map((r) => r.url)).toEqual([]);
  }
  expect(requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`)).toEqual(
    [],
  );
});
