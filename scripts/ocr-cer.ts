/**
 * Character error rate of the app's OCR on drawn English lines, bucketed against unpadded (and padded to
 * the largest bucket), measured through the app's real inference worker in headless Chromium.
 *
 *   npm run ocr:cer -- [--lines 72] [--seed 15] [--backend wasm|webgpu] [--margin-pp 0.3] [--dist DIR] [--show]
 *
 * The lines come from scripts/lib/ocr-lines.ts (our word list, a seeded generator, the fonts of
 * fonts-dejavu-core) and are drawn with the browser's canvas, one line per image, dark ink on white. Each
 * image is read in the three modes of the Images tab's comparison with the default buckets. The build is
 * the one `npm run bench` keeps up to date (or --dist DIR, a folder made by `vite build --outDir DIR`).
 *
 * Exits 1 when bucketed CER exceeds unpadded CER by more than --margin-pp percentage points: bucketing
 * must not cost accuracy beyond that margin.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_DET_BUCKETS,
  DEFAULT_REC_BATCH_SIZE,
  DEFAULT_REC_WIDTH_BUCKETS,
  characterErrorRate,
  diffChars,
} from '../src/core/ocr';
import type { OcrParams } from '../src/protocol/types';
import { BENCH_OUT_DIR, ensureBuild } from './lib/bench-build';
import { chromiumPath, launchChromium } from './lib/chromium';
import { makeCerLines, type CerLine } from './lib/ocr-lines';
import { startStaticServer } from './lib/static-server';

type Mode = OcrParams['mode'];
const MODES: readonly Mode[] = ['bucketed', 'pad-to-max', 'unpadded'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const USAGE =
  'Usage: npm run ocr:cer -- [--lines N] [--seed N] [--backend wasm|webgpu] [--margin-pp P] [--dist DIR] [--show]';
// Without this, --help (an unknown flag) ran the whole measurement.
if (args.includes('--help') || args.includes('-h')) {
  console.log(
    `${USAGE}\nDefaults: --lines 72 --seed 15 --backend wasm --margin-pp 0.3, the build npm run bench keeps.`,
  );
  process.exit(0);
}
const lineCount = Number(argValue('--lines') ?? 72);
const seed = Number(argValue('--seed') ?? 15);
const backend = (argValue('--backend') ?? 'wasm') as 'wasm' | 'webgpu';
const marginPp = Number(argValue('--margin-pp') ?? 0.3);
const show = args.includes('--show');
if (
  !Number.isInteger(lineCount) ||
  lineCount < 1 ||
  !Number.isInteger(seed) ||
  !['wasm', 'webgpu'].includes(backend) ||
  !(marginPp >= 0)
) {
  console.error(USAGE);
  process.exit(2);
}
if (!existsSync(chromiumPath())) {
  console.error(
    `Chromium was not found at ${chromiumPath()}; install Debian's chromium package or set BUCKETWISE_CHROMIUM.`,
  );
  process.exit(2);
}

let outDir = argValue('--dist');
if (outDir === undefined) {
  await ensureBuild(root, (line) => console.error(line));
  outDir = BENCH_OUT_DIR;
} else if (!existsSync(path.join(root, outDir, 'index.html'))) {
  console.error(`${outDir} holds no build; run npx vite build --outDir ${outDir} first.`);
  process.exit(2);
}

const server = await startStaticServer(root, outDir);
const browser = await launchChromium();

interface LineResult {
  line: CerLine;
  texts: Record<Mode, string>;
}

try {
  const page = await browser.newPage();
  // tsx compiles with esbuild's keepNames, which wraps functions in a helper the page lacks.
  await page.addInitScript('window.__name = (fn) => fn;');
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  // Generous limits: on a busy machine the first load of the app and its worker can take minutes.
  page.setDefaultTimeout(0);
  await page.goto(`${server.url}?testHooks`, { timeout: 300_000 });
  await page.waitForFunction(() => window.bucketwiseTest !== undefined, undefined, { timeout: 300_000 });
  const lines = makeCerLines(lineCount, seed);
  console.error(`Reading ${lines.length} drawn lines in ${MODES.length} modes on ${backend} (${browser.version()})...`);
  const started = performance.now();
  const results = await page.evaluate(
    async ({ lines, modes, backend, config }) => {
      const api = window.bucketwiseTest!;
      const client = api.createClient();
      const info = await client.init({ appBaseUrl: api.appBaseUrl(), backend });
      await client.ocrConfigure(config);
      const out: { texts: Record<string, string> }[] = [];
      for (const line of lines) {
        // The same way a user's screenshot of one line looks: the line with a margin of its size around it.
        const font = `${line.font.startsWith('bold ') ? 'bold ' : ''}${line.sizePx}px "${line.font.replace(/^bold /, '')}"`;
        const measure = new OffscreenCanvas(8, 8).getContext('2d')!;
        measure.font = font;
        const width = Math.ceil(measure.measureText(line.text).width) + 2 * line.sizePx;
        const height = Math.ceil(line.sizePx * 2.2);
        const ctx = new OffscreenCanvas(width, height).getContext('2d')!;
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, width, height);
        ctx.fillStyle = line.color;
        ctx.textBaseline = 'middle';
        ctx.font = font;
        ctx.fillText(line.text, line.sizePx, height / 2);
        const pixels = ctx.getImageData(0, 0, width, height);
        const texts: Record<string, string> = {};
        for (const mode of modes) {
          const image = { width, height, data: new Uint8ClampedArray(pixels.data) };
          const result = await client.ocr({ image, mode });
          // One drawn line per image; a detector that splits it into boxes gets them joined by a space.
          texts[mode] = result.lines.map((l) => l.text).join(' ');
        }
        out.push({ texts });
      }
      return { backend: info.backend, out };
    },
    {
      lines,
      modes: MODES,
      backend,
      config: {
        detBuckets: DEFAULT_DET_BUCKETS.map((b) => ({ h: b.h, w: b.w })),
        recWidths: [...DEFAULT_REC_WIDTH_BUCKETS],
        recBatchSize: DEFAULT_REC_BATCH_SIZE,
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const perLine: LineResult[] = results.out.map((r, i) => ({
    line: lines[i]!,
    texts: r.texts as Record<Mode, string>,
  }));

  const cerAgainst = (mode: Mode, base: (r: LineResult) => string) =>
    characterErrorRate(perLine.map((r) => ({ hypothesis: r.texts[mode], reference: base(r) })));
  const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(2)}%`);
  console.log(
    `OCR character error rate, ${lines.length} drawn English lines (seed ${seed}), ${results.backend}, default buckets, ${seconds.toFixed(0)} s`,
  );
  console.log('\nAgainst the drawn text:');
  const truth: Partial<Record<Mode, number | null>> = {};
  for (const mode of MODES) {
    const t = cerAgainst(mode, (r) => r.line.text);
    truth[mode] = t.cer;
    const exact = perLine.filter((r) => r.texts[mode] === r.line.text).length;
    console.log(
      `  ${mode.padEnd(10)} CER ${pct(t.cer).padStart(6)} (${t.errors} of ${t.referenceChars} characters), ${exact} of ${lines.length} lines exact`,
    );
  }
  console.log('\nBetween modes (against the unpadded reading):');
  for (const mode of ['bucketed', 'pad-to-max'] as const) {
    const t = cerAgainst(mode, (r) => r.texts.unpadded);
    const differing = perLine.filter((r) => r.texts[mode] !== r.texts.unpadded).length;
    console.log(
      `  ${mode.padEnd(10)} CER ${pct(t.cer).padStart(6)} (${t.errors} characters), ${differing} line(s) differ`,
    );
  }
  console.log('\nAgainst the drawn text, by font:');
  for (const font of [...new Set(lines.map((l) => l.font))]) {
    const subset = perLine.filter((r) => r.line.font === font);
    const cells = MODES.map((mode) => {
      const t = characterErrorRate(subset.map((r) => ({ hypothesis: r.texts[mode], reference: r.line.text })));
      return `${mode} ${pct(t.cer)}`;
    });
    console.log(`  ${font.padEnd(22)} ${cells.join(', ')}`);
  }
  const wrong = perLine.filter((r) => MODES.some((m) => r.texts[m] !== r.line.text));
  if (show || wrong.length <= 20) {
    console.log(`\nLines not read exactly in some mode (${wrong.length}); [-x] missing, {+x} extra:`);
    for (const r of wrong) {
      console.log(`  ${r.line.sizePx}px ${r.line.font}: "${r.line.text}"`);
      for (const mode of MODES) {
        if (r.texts[mode] === r.line.text) continue;
        const marked = diffChars(r.line.text, r.texts[mode])
          .map((p) => (p.kind === 'same' ? p.text : p.kind === 'removed' ? `[-${p.text}]` : `{+${p.text}}`))
          .join('');
        console.log(`    ${mode.padEnd(10)} ${marked}`);
      }
    }
  }
  const gapPp = ((truth.bucketed ?? 1) - (truth.unpadded ?? 0)) * 100;
  const ok = gapPp <= marginPp;
  console.log(
    `\nBucketed minus unpadded CER: ${gapPp.toFixed(2)} percentage points (allowed: ${marginPp}); ${ok ? 'OK, bucketing costs no accuracy beyond the margin' : 'FAIL'}.`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser.close();
  await server.close();
}
