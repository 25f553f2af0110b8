import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** One row of the entities table as the page shows it. */
export interface EntityRowText {
  type: string;
  text: string;
  score: number;
  start: number;
  end: number;
}

/**
 * The app's page object: tests say what a user does ("run the text", "drag handle 1") and this class
 * knows which elements that means. Everything is found by data-testid or accessible role.
 */
export class AppPage {
  readonly badge: Locator;
  readonly text: Locator;
  readonly runButton: Locator;
  readonly entityRows: Locator;
  readonly paddingEfficiency: Locator;
  readonly paddingTokens: Locator;
  readonly applyState: Locator;

  constructor(readonly page: Page) {
    this.badge = page.getByTestId('backend-badge');
    this.text = page.getByTestId('entities-text');
    this.runButton = page.getByTestId('entities-run');
    this.entityRows = page.getByTestId('entity-row');
    this.paddingEfficiency = page.getByTestId('figure-padding-efficiency');
    this.paddingTokens = page.getByTestId('figure-padding-tokens');
    this.applyState = page.getByTestId('apply-state');
  }

  /** Opens the app with `query` and waits until the model is loaded and the buckets applied. */
  async open(query: string): Promise<void> {
    await this.page.goto(`./?${query}`);
    await this.waitUntilReady();
  }

  async waitUntilReady(): Promise<void> {
    await expect(this.badge).not.toHaveText(/Detecting/);
    await expect(this.page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
    // The first bucket session also starts ONNX Runtime's WASM, which on a busy shared machine takes minutes.
    await expect(this.applyState).toHaveText(/Applied/, { timeout: 180_000 });
  }

  async setText(text: string): Promise<void> {
    await this.text.fill(text);
  }

  /** Runs the text with Ctrl+Enter, as a keyboard user would, and waits for the result. */
  async runWithKeyboard(): Promise<void> {
    await this.text.focus();
    await this.page.keyboard.press('Control+Enter');
    await expect(this.page.getByTestId('entities-result')).toBeVisible();
    await expect(this.runButton).toHaveText('Run');
  }

  async readEntityTable(): Promise<EntityRowText[]> {
    const rows = await this.entityRows.all();
    const out: EntityRowText[] = [];
    for (const row of rows) {
      const cell = (col: string) => row.locator(`[data-col="${col}"]`).innerText();
      out.push({
        type: await cell('type'),
        text: await cell('text'),
        score: Number(await cell('score')),
        start: Number(await cell('start')),
        end: Number(await cell('end')),
      });
    }
    return out;
  }

  handle(index: number): Locator {
    return this.page.getByTestId(`bucket-handle-${index}`);
  }

  async handleValue(index: number): Promise<number> {
    return Number(await this.handle(index).getAttribute('data-value'));
  }

  async bucketValues(): Promise<number[]> {
    const handles = await this.page.locator('[data-testid^="bucket-handle-"]').all();
    const values: number[] = [];
    for (const h of handles) values.push(Number(await h.getAttribute('data-value')));
    return values;
  }

  /** The handle with the widest gap to its right neighbour: a drag to the right has room there. */
  async roomiestHandle(): Promise<number> {
    const values = await this.bucketValues();
    let best = 0;
    for (let i = 1; i < values.length - 1; i++)
      if (values[i + 1]! - values[i]! > values[best + 1]! - values[best]!) best = i;
    return best;
  }

  /** Drags handle `index` horizontally by `dx` pixels with the mouse, in small steps like a hand would. */
  async dragHandle(index: number, dx: number): Promise<void> {
    const grip = this.handle(index).locator('.handle-grip');
    const box = await grip.boundingBox();
    if (!box) throw new Error(`Handle ${index} is not visible.`);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y + 20, { steps: 12 });
    await this.page.mouse.up();
  }

  async paddingEfficiencyValue(): Promise<number> {
    return Number(await this.paddingEfficiency.getAttribute('data-value'));
  }

  async chooseDataset(kind: 'text-sentences' | 'text-lines' | 'sample' | 'file'): Promise<void> {
    await this.page.getByTestId('dataset-kind').selectOption(kind);
  }

  /** Clicks an export button and returns the downloaded file's name and text. */
  async download(testId: string): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testId).click()]);
    return { name: download.suggestedFilename(), text: await readDownload(download) };
  }

  /**
   * Saves a screenshot to test-results/screenshots/. Full-page captures resize the view; while the worker
   * keeps the CPU busy (live mode) Chromium may not have re-rastered the charts yet, so those views pass
   * fullPage: false.
   */
  async screenshot(name: string, fullPage = true): Promise<void> {
    const image = await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage });
    // test-results/ is emptied by every Playwright run; a second folder keeps a copy when asked for.
    const copyDir = process.env.BUCKETWISE_SCREENSHOT_COPY;
    if (copyDir) {
      mkdirSync(copyDir, { recursive: true });
      writeFileSync(path.join(copyDir, `${name}.png`), image);
    }
  }
}

async function readDownload(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
