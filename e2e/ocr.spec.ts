import type { Locator, Page } from '@playwright/test';
import { SAMPLE_IMAGES, sampleReference } from '../src/core/images/sample-images';
import { expect, test, TINY_MODEL } from './fixtures';
import { pngHeaderOnly } from './pages/bad-inputs';

// The Images tab against the production build: text drawn with a canvas into PNGs of several sizes goes
// in through the UI (paste, drop, file chooser), through detection and recognition in the app's worker,
// and must come back word for word. WebGPU runs on SwiftShader here (a CPU Vulkan, seconds per detector
// run), so it reads two small images; WASM reads all sizes, the chosen buckets and the comparison.

/** The tiny NER model and short text buckets keep the Text tab's start-up out of the way. */
const APP = `testHooks&model=${TINY_MODEL}&buckets=32,64`;

interface DrawnLine {
  text: string;
  x: number;
  y: number;
  size: number;
  /** CSS font weight/style before the size; bold when absent. */
  font?: string;
}
interface Drawing {
  name: string;
  width: number;
  height: number;
  lines: DrawnLine[];
}

const LINE_300x120: Drawing = {
  name: 'hello-300x120.png',
  width: 300,
  height: 120,
  lines: [{ text: 'HELLO 123', x: 20, y: 36, size: 40 }],
};
const TWO_LINES_640x200: Drawing = {
  name: 'two-lines-640x200.png',
  width: 640,
  height: 200,
  lines: [
    { text: 'Bucketing works', x: 30, y: 30, size: 44 },
    { text: 'ONNX 2026', x: 30, y: 112, size: 44 },
  ],
};
const PAGE_1000x700: Drawing = {
  name: 'page-1000x700.png',
  width: 1000,
  height: 700,
  lines: [
    { text: 'HELLO 123', x: 60, y: 60, size: 48 },
    { text: 'Padding is wasted work', x: 60, y: 200, size: 44 },
    { text: 'Buckets save time', x: 60, y: 340, size: 44 },
    { text: 'WebGPU', x: 520, y: 520, size: 44 },
  ],
};

/** The lines of issue 15 that came back without their spaces, in a regular and a bold face and two sizes. */
const ENGLISH_LINES: Drawing = {
  name: 'english-lines-640x260.png',
  width: 640,
  height: 260,
  lines: [
    { text: 'Hello bucketwise OCR', x: 24, y: 24, size: 30, font: 'normal' },
    { text: 'Invoice 12345 Total 99.50 EUR', x: 24, y: 96, size: 30, font: 'normal' },
    { text: 'Hello bucketwise OCR', x: 24, y: 168, size: 40 },
  ],
};

/** Draws the lines (sans, near-black on white) on a canvas in the page and returns the PNG bytes. */
async function drawPng(page: Page, drawing: Drawing): Promise<Buffer> {
  const base64 = await page.evaluate(async (d) => {
    const canvas = new OffscreenCanvas(d.width, d.height);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, d.width, d.height);
    ctx.fillStyle = '#111111';
    ctx.textBaseline = 'top';
    for (const line of d.lines) {
      ctx.font = `${line.font ?? 'bold'} ${line.size}px sans-serif`;
      // Normal word spacing: the recogniser must bring back the spaces a font really draws.
      ctx.fillText(line.text, line.x, line.y);
    }
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }, drawing);
  return Buffer.from(base64, 'base64');
}

/** Puts files on the clipboard event as a user's Ctrl+V would deliver them. */
async function pasteFiles(page: Page, files: { name: string; type: string; buffer: Buffer }[]): Promise<void> {
  await page.evaluate(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list)
        dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    files.map((f) => ({ name: f.name, type: f.type, base64: f.buffer.toString('base64') })),
  );
}

/** Drops files on the tab as a drag from the file manager would. */
async function dropFiles(page: Page, files: { name: string; type: string; buffer: Buffer }[]): Promise<void> {
  await page.evaluate(
    (list) => {
      const dt = new DataTransfer();
      for (const f of list)
        dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      const zone = document.querySelector('[data-testid="images-drop-zone"]')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    files.map((f) => ({ name: f.name, type: f.type, base64: f.buffer.toString('base64') })),
  );
}

async function openImagesTab(page: Page, backend: 'webgpu' | 'wasm'): Promise<void> {
  await page.goto(`./?${APP}&backend=${backend}`);
  await expect(page.getByTestId('backend-badge')).toContainText(backend === 'webgpu' ? 'WebGPU' : 'WASM');
  await page.getByTestId('tab-images').click();
  await expect(page.getByTestId('images-tab')).toBeVisible();
}

function card(page: Page, name: string): Locator {
  return page.locator(`[data-testid="image-card"][data-name="${name}"]`);
}

/** Waits for the image's result and returns what the card shows. */
async function readCard(page: Page, name: string, timeout = 120_000) {
  const c = card(page, name);
  await expect(c).toHaveAttribute('data-status', 'done', { timeout });
  const boxes = await c.getByTestId('image-box').evaluateAll((els) =>
    els.map((el) => ({
      x: Number(el.dataset.x),
      y: Number(el.dataset.y),
      w: Number(el.dataset.w),
      h: Number(el.dataset.h),
    })),
  );
  return {
    width: Number(await c.getAttribute('data-width')),
    height: Number(await c.getAttribute('data-height')),
    lines: await c.getByTestId('image-line').locator('.ocr-line-text').allInnerTexts(),
    text: await c.getByTestId('image-text').inputValue(),
    boxes,
    bucket: {
      h: Number(await c.getByTestId('image-bucket').getAttribute('data-h')),
      w: Number(await c.getByTestId('image-bucket').getAttribute('data-w')),
    },
    paddingShare: Number(await c.getByTestId('image-padding').getAttribute('data-share')),
    dropped: Number(await c.getByTestId('image-dropped').getAttribute('data-count')),
    readWith: await c.getByTestId('image-read-with').innerText(),
  };
}

/** Every drawn line read exactly, one box per line, every box inside the image (none in the padding). */
async function expectDrawnTextBack(page: Page, drawing: Drawing, backend: 'WebGPU' | 'WASM') {
  const shown = await readCard(page, drawing.name);
  expect(shown.lines).toEqual(drawing.lines.map((l) => l.text));
  expect(shown.text).toBe(drawing.lines.map((l) => l.text).join('\n'));
  expect(shown.boxes).toHaveLength(drawing.lines.length);
  expect({ width: shown.width, height: shown.height }).toEqual({ width: drawing.width, height: drawing.height });
  for (const [i, box] of shown.boxes.entries()) {
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.w).toBeLessThanOrEqual(drawing.width);
    expect(box.y + box.h).toBeLessThanOrEqual(drawing.height);
    // Each box covers the start of the line it was drawn at (reading order is top to bottom).
    const line = drawing.lines[i]!;
    expect(box.y).toBeLessThanOrEqual(line.y + line.size / 2);
    expect(box.y + box.h).toBeGreaterThanOrEqual(line.y + line.size / 2);
    expect(box.x).toBeLessThanOrEqual(line.x + 4);
  }
  expect(Number.isInteger(shown.dropped) && shown.dropped >= 0).toBe(true);
  expect(shown.paddingShare).toBeGreaterThanOrEqual(0);
  expect(shown.paddingShare).toBeLessThan(1);
  expect(shown.bucket.h % 32).toBe(0);
  expect(shown.bucket.w % 32).toBe(0);
  expect(shown.readWith).toContain(backend);
  return shown;
}

test.use({ viewport: { width: 1440, height: 1000 } });

test('WebGPU: a pasted 300 x 120 image is read back word for word', async ({ page, pageErrors }) => {
  // One small image: on SwiftShader every new shape compiles for seconds and each run is slow; the
  // larger sizes go through the same code on WASM below.
  test.setTimeout(240_000);
  await openImagesTab(page, 'webgpu');
  await pasteFiles(page, [{ name: LINE_300x120.name, type: 'image/png', buffer: await drawPng(page, LINE_300x120) }]);
  const small = await expectDrawnTextBack(page, LINE_300x120, 'WebGPU');
  expect(small.bucket).toEqual({ h: 128, w: 480 }); // 300 x 120 is 128 x 288 in the detector: the smallest default covering it
  expect(small.paddingShare).toBeCloseTo(1 - (128 * 288) / (128 * 480), 3);
  await expect(page.getByTestId('ocr-status')).toHaveAttribute('data-status', 'ready');
  expect(pageErrors).toEqual([]);
});

test('WASM: three sizes, buckets chosen from them, then bucketed versus pad-to-max with charts', async ({
  page,
  pageErrors,
}) => {
  test.setTimeout(240_000);
  await openImagesTab(page, 'wasm');
  const drawings = [LINE_300x120, TWO_LINES_640x200, PAGE_1000x700];
  const files = await Promise.all(
    drawings.map(async (d) => ({ name: d.name, mimeType: 'image/png', buffer: await drawPng(page, d) })),
  );
  await page.getByTestId('images-file-input').setInputFiles(files);
  for (const d of drawings) await expectDrawnTextBack(page, d, 'WASM');

  // Three buckets from three sizes: each image's own detector size, so no padding at all.
  await page.getByTestId('det-choose-k').fill('3');
  await page.getByTestId('det-choose-k').press('Enter');
  await page.getByTestId('det-choose').click();
  await expect(page.getByTestId('det-bucket')).toHaveCount(3);
  expect(
    await page.getByTestId('det-bucket').evaluateAll((els) => els.map((el) => el.getAttribute('data-bucket'))),
  ).toEqual(['128x288', '192x640', '672x960']);
  await expect(page.getByTestId('det-choice-note')).toContainText('predicted padding 0.0%');
  await expect(page.getByTestId('det-predicted')).toContainText('0.0%');
  await page.getByTestId('images-read-all').click();
  for (const d of drawings) {
    await expect(card(page, d.name).getByTestId('image-read-with')).not.toContainText('earlier bucket list', {
      timeout: 120_000,
    });
    const shown = await expectDrawnTextBack(page, d, 'WASM');
    expect(shown.paddingShare).toBe(0);
  }
  await expect(page.getByTestId('det-buckets-stale')).toHaveCount(0);

  // The reads above created every shape's session on WASM (no shaders to compile), so no warm-up pass.
  await page.getByTestId('ocr-compare-warmup').uncheck();
  await page.getByTestId('ocr-compare-run').click();
  await expect(page.getByTestId('ocr-compare-row')).toHaveCount(3, { timeout: 180_000 });
  await expect(page.getByTestId('ocr-compare-meta')).toContainText('WASM');
  await expect(page.getByTestId('ocr-compare-meta')).toContainText('no warm-up');
  const rows = page.getByTestId('ocr-compare-row');
  for (let i = 0; i < 3; i++) {
    await expect(rows.nth(i).locator('[data-col="same-text"]')).toHaveText('yes');
    await expect(rows.nth(i).locator('[data-col="bucketed-padding"]')).toHaveText('0.0%');
  }
  // Pad-to-max runs everything at 672 x 960: the 300 x 120 image is then almost all padding.
  await expect(rows.nth(0).locator('[data-col="pad-padding"]')).toHaveText(/^9\d\.\d%$/);
  const speedup = Number(await page.getByTestId('ocr-compare-summary').getAttribute('data-speedup'));
  expect(speedup).toBeGreaterThan(0);
  for (const chart of ['ocr-chart-time', 'ocr-chart-det', 'ocr-chart-padding']) {
    await expect(page.getByTestId(chart).locator('.recharts-bar-rectangle').first()).toBeVisible();
  }
  await page.screenshot({ path: test.info().outputPath('images-tab-wasm.png'), fullPage: true });
  console.log(`OCR comparison on WASM: ${await page.getByTestId('ocr-compare-summary').innerText()}`);
  expect(pageErrors).toEqual([]);
});

test('a text file and a 20,000 x 20,000 image get clear errors; a 5000 px banner is scaled down, said so, and read; the app stays alive', async ({
  page,
  pageErrors,
}) => {
  await openImagesTab(page, 'wasm');
  await dropFiles(page, [
    { name: 'notes.txt', type: 'text/plain', buffer: Buffer.from('HELLO 123 is text, not an image.\n') },
  ]);
  const notImage = page.locator('[data-testid="image-rejected"][data-name="notes.txt"]');
  await expect(notImage).toHaveAttribute('data-code', 'NOT_AN_IMAGE');
  await expect(notImage).toContainText('notes.txt is not an image');
  await expect(notImage).toContainText('What to do');

  await page
    .getByTestId('images-file-input')
    .setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: pngHeaderOnly(20_000, 20_000) });
  const huge = page.locator('[data-testid="image-rejected"][data-name="huge.png"]');
  await expect(huge).toHaveAttribute('data-code', 'IMAGE_TOO_LARGE');
  await expect(huge).toContainText('20000 x 20000');
  await expect(huge).toContainText('100 megapixels');
  await expect(page.getByTestId('image-card')).toHaveCount(0);

  const banner: Drawing = {
    name: 'banner-5000x400.png',
    width: 5000,
    height: 400,
    lines: [{ text: 'WIDE BANNER', x: 200, y: 100, size: 160 }],
  };
  await pasteFiles(page, [{ name: banner.name, type: 'image/png', buffer: await drawPng(page, banner) }]);
  await expect(card(page, banner.name).getByTestId('image-scaled-note')).toContainText('scaled down to 4096 × 328');
  const shown = await readCard(page, banner.name);
  expect(shown.lines).toEqual(['WIDE BANNER']);
  expect({ width: shown.width, height: shown.height }).toEqual({ width: 4096, height: 328 });
  for (const box of shown.boxes) {
    expect(box.x + box.w).toBeLessThanOrEqual(4096);
    expect(box.y + box.h).toBeLessThanOrEqual(328);
  }

  // Still alive: the Text tab runs, and the Images tab keeps its images and errors when reopened.
  await page.getByTestId('tab-text').click();
  await page.getByTestId('entities-text').fill('Angela Merkel visited Paris.');
  await page.getByTestId('entities-run').click();
  await expect(page.getByTestId('entities-result')).toBeVisible();
  await page.getByTestId('tab-images').click();
  await expect(page.getByTestId('image-rejected')).toHaveCount(2);
  await expect(card(page, banner.name)).toHaveAttribute('data-status', 'done');
  await page.screenshot({ path: test.info().outputPath('images-tab-errors.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
});

test("WASM: English lines keep their spaces; the comparison gives each mode's CER and shows where texts differ", async ({
  page,
  pageErrors,
}, testInfo) => {
  // About a minute on an idle machine; the limits allow for a machine shared by many (the first read also
  // loads the OCR models, and the comparison reads each image three times).
  test.setTimeout(720_000);
  await openImagesTab(page, 'wasm');
  const drawings = [ENGLISH_LINES, LINE_300x120];
  const files = await Promise.all(
    drawings.map(async (d) => ({ name: d.name, mimeType: 'image/png', buffer: await drawPng(page, d) })),
  );
  await page.getByTestId('images-file-input').setInputFiles(files);
  await expect(card(page, ENGLISH_LINES.name)).toHaveAttribute('data-status', 'done', { timeout: 300_000 });
  // Word for word, spaces included, drawn with the fonts' own spacing.
  await expectDrawnTextBack(page, ENGLISH_LINES, 'WASM');
  await expectDrawnTextBack(page, LINE_300x120, 'WASM');
  const readShot = testInfo.outputPath('english-lines-read.png');
  await card(page, ENGLISH_LINES.name).screenshot({ path: readShot });
  await testInfo.attach('english-lines-read', { path: readShot, contentType: 'image/png' });

  // The user says what the images hold: exactly for the first, with one different digit for the second.
  await card(page, ENGLISH_LINES.name)
    .getByTestId('image-reference')
    .fill(ENGLISH_LINES.lines.map((l) => l.text).join('\n'));
  await card(page, LINE_300x120.name).getByTestId('image-reference').fill('HELLO 124');
  await page.getByTestId('ocr-compare-warmup').uncheck();
  await page.getByTestId('ocr-compare-run').click();
  const rows = page.getByTestId('ocr-compare-row');
  await expect(rows).toHaveCount(2, { timeout: 360_000 });
  await expect(rows.nth(0).locator('[data-col="cer-against"]')).toHaveText('known text');
  await expect(rows.nth(0).locator('[data-col="bucketed-cer"]')).toHaveText('0.0%');
  await expect(rows.nth(1).locator('[data-col="bucketed-cer"]')).toHaveText('11.1%'); // 1 of 9 characters

  // Pooled over both images: 1 error in 20 + 1 + 29 + 1 + 20 + 9 = 80 characters.
  const reference = page.getByTestId('ocr-cer-reference');
  await expect(reference).toContainText('against your known text (2 of 2 images): bucketed 1.25% (1 of 80 characters)');
  await expect(page.getByTestId('ocr-cer-unpadded')).toContainText('against the unpadded run');

  // Where they differ: the known "4" is struck, the read "3" is marked extra, as text.
  const diff = page.locator(`[data-testid="ocr-diff"][data-image="${LINE_300x120.name}"][data-line="1"]`);
  await expect(diff).toHaveAttribute('data-against', 'reference');
  const bucketedLine = diff.locator('[data-testid="ocr-diff-mode"][data-mode="bucketed"]');
  await expect(bucketedLine).toHaveAttribute('data-text', 'HELLO 123');
  await expect(bucketedLine.getByTestId('ocr-diff-removed')).toHaveText('4');
  await expect(bucketedLine.getByTestId('ocr-diff-added')).toHaveText('3');
  await expect(
    page.locator(
      `[data-testid="ocr-diff"][data-image="${ENGLISH_LINES.name}"] [data-mode="bucketed"] del, [data-testid="ocr-diff"][data-image="${ENGLISH_LINES.name}"] [data-mode="bucketed"] ins`,
    ),
  ).toHaveCount(0);
  const compareShot = testInfo.outputPath('ocr-compare-accuracy.png');
  await page.getByTestId('ocr-compare').screenshot({ path: compareShot });
  await testInfo.attach('ocr-compare-accuracy', { path: compareShot, contentType: 'image/png' });
  console.log(
    `OCR accuracy on WASM: ${await reference.innerText()} ${await page.getByTestId('ocr-cer-unpadded').innerText()}`,
  );
  expect(pageErrors).toEqual([]);
});

test('WASM: "Try sample images" adds images of known text beside the user\'s, reads them with a low CER, and Compare runs on them', async ({
  page,
  pageErrors,
}, testInfo) => {
  await openImagesTab(page, 'wasm');
  await expect(page.getByTestId('ocr-compare-run')).toBeDisabled();
  // The user's own image first: the samples are added beside it, never in its place.
  await page
    .getByTestId('images-file-input')
    .setInputFiles({ name: LINE_300x120.name, mimeType: 'image/png', buffer: await drawPng(page, LINE_300x120) });
  await expect(card(page, LINE_300x120.name)).toBeVisible();

  const trySamples = page.getByRole('button', { name: 'Try sample images' });
  // A keyboard user reaches it and presses Enter.
  await trySamples.focus();
  await page.keyboard.press('Enter');
  const cards = page.getByTestId('image-card');
  await expect(cards).toHaveCount(4);
  // Every sample is on the tab, so a second press has nothing to add.
  await expect(trySamples).toBeDisabled();
  // A removed sample comes back alone: no duplicates of the others.
  await card(page, 'sample-sign.png').getByTestId('image-remove').click();
  await expect(cards).toHaveCount(3);
  await trySamples.click();
  await expect(cards).toHaveCount(4);
  await expect(trySamples).toBeDisabled();

  const names = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-name')));
  expect(names).toEqual([LINE_300x120.name, 'sample-banner.png', 'sample-receipt.png', 'sample-sign.png']);
  // The user's image keeps what it had: no known text, read word for word.
  expect((await readCard(page, LINE_300x120.name)).lines).toEqual(['HELLO 123']);
  await expect(card(page, LINE_300x120.name).getByTestId('image-reference')).toHaveValue('');
  const buckets = new Set<string>();
  const cers: Record<string, number> = {};
  for (const sample of SAMPLE_IMAGES) {
    const name = sample.name;
    const shown = await readCard(page, name, 60_000);
    // The known text is filled in from the sample's lines; the read finds one line per drawn line.
    await expect(card(page, name).getByTestId('image-reference')).toHaveValue(sampleReference(sample));
    expect(shown.lines).toHaveLength(sample.lines.length);
    expect(shown.lines.every((line) => line.length > 0)).toBe(true);
    const cer = card(page, name).getByTestId('image-cer');
    await expect(cer).toContainText('against the known text');
    cers[name] = Number(await cer.getAttribute('data-cer'));
    expect(cers[name]).toBeLessThan(0.1);
    buckets.add(`${shown.bucket.h}x${shown.bucket.w}`);
  }
  // The default buckets: a wide strip for the banner, a small landscape for the sign, 480 x 640 for the receipt.
  expect([...buckets]).toEqual(['128x960', '256x640', '480x640']);

  // Compare is usable at once: bucketed against pad-to-max, each mode's CER against the samples' known text.
  await page.getByTestId('ocr-compare-warmup').uncheck();
  await expect(page.getByTestId('ocr-compare-run')).toBeEnabled();
  await page.getByTestId('ocr-compare-run').click();
  await expect(page.getByTestId('ocr-compare-row')).toHaveCount(4, { timeout: 120_000 });
  await expect(page.getByTestId('ocr-compare-summary')).toHaveAttribute('data-speedup', /^\d+\.\d{3}$/);
  const reference = page.getByTestId('ocr-cer-reference');
  await expect(reference).toContainText('against your known text (3 of 4 images)');
  for (const mode of ['data-bucketed', 'data-pad-to-max', 'data-unpadded'])
    expect(Number(await reference.getAttribute(mode))).toBeLessThan(0.1);

  const shot = testInfo.outputPath('sample-images.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('sample-images', { path: shot, contentType: 'image/png' });
  console.log(
    `Sample images on WASM: per card ${JSON.stringify(cers)}; ${await reference.innerText()} ${await page.getByTestId('ocr-compare-summary').innerText()}`,
  );
  // On a phone the tab, its four cards and the comparison fit the width: nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath('sample-images-390.png'), fullPage: true });
  expect(pageErrors).toEqual([]);
});
