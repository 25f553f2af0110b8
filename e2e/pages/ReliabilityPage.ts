import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { AppPage } from './AppPage';

/** What the page shows of a run on odd text, checked in the page where the text is exactly what was typed. */
export interface EntityOffsetReport {
  rows: number;
  /** Rows whose text is not the text at their offsets, or whose edges split a character or a word. */
  problems: string[];
  marksMatchRows: boolean;
  highlightsAreTheText: boolean;
  boxKeepsTheText: boolean;
  /** Which of the given words some entity covers. */
  namesFound: string[];
  /** Lone surrogates and NULs in the text the page holds: proof that they reached it intact. */
  loneSurrogates: number;
  nuls: number;
}

/** What must survive every error: the text in the box and the settings the worker runs with. */
export interface KeptState {
  text: string;
  batch: string;
  /** The buckets as the link carries them (the handles are hidden while no histogram can be drawn). */
  buckets: string;
}

/**
 * The app as the reliability suite drives it: bad files chosen or dropped, bad numbers typed, and after
 * each the checks that nothing the user had was lost and the app still runs.
 */
export class ReliabilityPage extends AppPage {
  readonly entitiesError: Locator;
  readonly datasetError: Locator;
  readonly modelError: Locator;
  readonly bucketInput: Locator;
  readonly bucketProblem: Locator;
  readonly batchField: Locator;

  constructor(page: Page) {
    super(page);
    this.entitiesError = page.getByTestId('entities-error');
    this.datasetError = page.getByTestId('dataset-error');
    this.modelError = page.getByTestId('model-error');
    this.bucketInput = page.getByTestId('bucket-input');
    this.bucketProblem = page.getByTestId('bucket-input-problem');
    this.batchField = page.getByTestId('settings-batch');
  }

  /** The state to compare against after an error, once the link has caught up with the buckets on screen. */
  async keptState(): Promise<KeptState> {
    // The link is written a moment after an apply: an earlier test's buckets may still be on their way.
    // (No handles are drawn while the histogram has no lengths; then the link is all there is to keep.)
    const onScreen = (await this.bucketValues()).join(',');
    if (onScreen !== '') await expect.poll(() => [onScreen, null].includes(this.param('buckets'))).toBe(true);
    return {
      text: await this.text.inputValue(),
      batch: this.param('batch') ?? '',
      buckets: this.param('buckets') ?? '',
    };
  }

  param(name: string): string | null {
    return new URL(this.page.url()).searchParams.get(name);
  }

  /** The text, the batch size and the buckets are what they were, on screen, in the link and in storage. */
  async expectKept(kept: KeptState): Promise<void> {
    await expect(this.text).toHaveValue(kept.text);
    // Persistence writes the link and the saved state a moment after the last change.
    await expect.poll(() => this.param('batch') ?? '').toBe(kept.batch);
    await expect.poll(() => this.param('buckets') ?? '').toBe(kept.buckets);
    await expect
      .poll(() =>
        this.page.evaluate(
          () => (JSON.parse(localStorage.getItem('bucketwise:state') ?? '{}') as { text?: string }).text,
        ),
      )
      .toBe(kept.text);
  }

  /** Presses Run and expects the result for the text in the box, and no error: the app still works. */
  async expectRunWorks(): Promise<void> {
    const text = await this.text.inputValue();
    await this.runButton.click();
    // The previous result stays on screen until the new one replaces it: wait for this text's.
    await expect(this.page.getByTestId('entities-highlights')).toHaveText(text);
    await expect(this.page.getByTestId('entities-result').locator('p.meta')).not.toContainText(
      'the text changed since',
    );
    await expect(this.runButton).toHaveText('Run');
    await expect(this.entitiesError).toHaveCount(0);
  }

  /**
   * Puts `text` in the box as a paste would, through the input event React listens to. Lone surrogates do
   * not survive the JSON of the automation protocol, so each travels as an escape and is rebuilt in the
   * page. The exact text is kept in the page for the checks below.
   */
  async pasteExactText(text: string): Promise<void> {
    const escaped = text.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      (c) => `\uE000${c.charCodeAt(0).toString(16)}\uE000`,
    );
    await this.page.evaluate((sent) => {
      const exact = sent.replace(/\uE000([0-9a-f]{4})\uE000/g, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
      const box = document.querySelector<HTMLTextAreaElement>('[data-testid="entities-text"]')!;
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(box, exact);
      box.dispatchEvent(new Event('input', { bubbles: true }));
      (window as { __exactText?: string }).__exactText = exact;
    }, escaped);
  }

  /** Waits until the highlights show the pasted text (the previous result stays on screen until then). */
  async waitForExactResult(): Promise<void> {
    await this.page.waitForFunction(
      () =>
        document.querySelector('[data-testid="entities-highlights"]')?.textContent ===
        (window as { __exactText?: string }).__exactText,
    );
  }

  /** Checks every entity row against the pasted text: offsets, surrogate pairs, combining marks, edges. */
  async entityOffsetReport(words: string[]): Promise<EntityOffsetReport> {
    return this.page.evaluate((words) => {
      const text = (window as { __exactText?: string }).__exactText!;
      const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
      const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
      const problems: string[] = [];
      const rows = [...document.querySelectorAll('[data-testid="entity-row"]')].map((row) => ({
        text: row.querySelector('[data-col="text"]')!.textContent!,
        start: Number(row.querySelector('[data-col="start"]')!.textContent),
        end: Number(row.querySelector('[data-col="end"]')!.textContent),
      }));
      for (const r of rows) {
        const slice = text.slice(r.start, r.end);
        if (r.text !== slice)
          problems.push(
            `row ${r.start}-${r.end} shows ${JSON.stringify(r.text)}, the text there is ${JSON.stringify(slice)}`,
          );
        if (isLow(text.charCodeAt(r.start)) && isHigh(text.charCodeAt(r.start - 1)))
          problems.push(`${r.start} starts inside a surrogate pair`);
        if (isHigh(text.charCodeAt(r.end - 1)) && isLow(text.charCodeAt(r.end)))
          problems.push(`${r.end} ends inside a surrogate pair`);
        if (/^\p{M}/u.test(slice)) problems.push(`${r.start} starts on a combining mark`);
        if (/^\p{M}/u.test(text.slice(r.end))) problems.push(`${r.end} leaves its combining mark behind`);
        if (slice.trim() !== slice) problems.push(`${r.start}-${r.end} has white space at an edge`);
      }
      const marks = [...document.querySelectorAll('[data-testid="entity-mark"]')].map((m) => m.textContent);
      const box = document.querySelector<HTMLTextAreaElement>('[data-testid="entities-text"]')!;
      return {
        rows: rows.length,
        problems,
        marksMatchRows: marks.length === rows.length && marks.every((m, i) => m === rows[i]!.text),
        highlightsAreTheText: document.querySelector('[data-testid="entities-highlights"]')!.textContent === text,
        boxKeepsTheText: box.value === text,
        namesFound: words.filter((w) => rows.some((r) => r.text.includes(w))),
        loneSurrogates: (text.match(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g) ?? [])
          .length,
        nuls: text.split('\u0000').length - 1,
      };
    }, words);
  }

  /** Types into the bucket list field and commits with Enter. */
  async typeBuckets(value: string): Promise<void> {
    await this.bucketInput.fill(value);
    await this.bucketInput.press('Enter');
  }

  async openSettings(): Promise<void> {
    const settings = this.page.getByTestId('settings');
    if ((await settings.getAttribute('open')) === null) await settings.locator('summary').click();
  }

  async typeBatchSize(value: string): Promise<void> {
    await this.openSettings();
    await this.batchField.fill(value);
    await this.batchField.press('Enter');
  }

  /** Drops one file on the dataset area, as a drag from the file manager delivers it. */
  async dropDatasetFile(name: string, bytes: Buffer, type = 'text/plain'): Promise<void> {
    await this.page.evaluate(
      ({ name, type, base64 }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type }));
        const zone = document.querySelector('[data-testid="dataset-picker"]')!;
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { name, type, base64: bytes.toString('base64') },
    );
  }

  /** The dataset file's text as the app holds it (what it decoded), read from saved state. */
  async savedDatasetText(): Promise<string | undefined> {
    return this.page.evaluate(
      () =>
        (JSON.parse(localStorage.getItem('bucketwise:state') ?? '{}') as { dataset?: { fileText?: string } }).dataset
          ?.fileText,
    );
  }

  /** Chooses model files in the header's "Local files" picker. */
  async chooseModelFiles(paths: string[]): Promise<void> {
    await this.page.getByTestId('model-source').selectOption('files');
    await this.page.getByTestId('model-files').setInputFiles(paths);
  }

  /** Back to a bundled model from the picker, as a user recovers from a broken one. */
  async chooseBundledModel(name: string): Promise<void> {
    await this.page.getByTestId('model-source').selectOption('bundled');
    await this.page.getByTestId('model-select').selectOption(name);
    await this.waitUntilReady();
  }
}

/** Writes a model folder for the file picker: `files` maps each file name to its bytes. */
export function writeModelFolder(dir: string, files: Record<string, Buffer | string>): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(files).map(([name, bytes]) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  });
}
