import type * as Ort from 'onnxruntime-web';
import {
  type CtcDecoded,
  type DbOptions,
  type DbResult,
  type DetBucket,
  type DetPlan,
  type OcrBox,
  OcrError,
  REC_HEIGHT,
  REC_WIDTH_MULTIPLE,
  type RgbaImage,
  cropForRecognition,
  ctcGreedyDecode,
  dbPostprocess,
  envelopeBucket,
  packRecBatch,
  planDetection,
  planRecBatches,
  prepareInputImage,
  toDetTensor,
  validateDetBuckets,
  validateRecWidthBuckets,
} from '../../src/core/ocr';
import type { OcrModel } from './ocr-models';

export interface OcrPipelineOptions {
  ort: typeof Ort;
  /**
   * One session per input shape, created lazily and cached by the caller; `shape` null asks for one
   * session with free dimensions that takes any shape (the unpadded mode). Never called inside runExclusive.
   */
  getSession: (model: OcrModel, shape: number[] | null) => Promise<Ort.InferenceSession>;
  /** Serialises session runs (the WebGPU EP does not support concurrent runs). */
  runExclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Parsed ppocr_keys_v1.txt (parseDictionary). */
  dictionary: string[];
  detBuckets: DetBucket[];
  recWidthBuckets: number[];
  /** Rows per recognition run; partial batches are filled with empty rows so each width has one shape. */
  recBatchSize: number;
  /** Overrides of the DB post-processing thresholds. */
  db?: Partial<DbOptions>;
}

export type OcrMode = 'bucketed' | 'pad-to-max' | 'unpadded';

export interface OcrRecognizeOptions {
  /**
   * `bucketed`: the smallest detector bucket covering the image, each line in the smallest width bucket.
   * `pad-to-max`: the detector always runs the envelope bucket and every line the widest line bucket.
   * `unpadded`: no padding at all (the detector at the image's own size, each line at its own width
   * rounded up to 8 columns) on sessions with free dimensions: the accuracy reference for the other two.
   */
  mode: OcrMode;
  /** Checked between model runs, so a cancelled request stops at the next run. */
  signal?: AbortSignal;
}

export interface OcrLineResult {
  /** In the coordinates of the image passed to recognize (before any downscale). */
  box: OcrBox;
  text: string;
  confidence: number;
}

export interface OcrResult {
  /** In reading order. */
  lines: OcrLineResult[];
  /** The detector bucket the image was padded to. */
  bucket: DetBucket;
  /** Share of the detector input that was padding. */
  paddingShare: number;
  /** Text regions found in the padding and dropped (expected 0; counted to prove it). */
  droppedInPadding: number;
  /**
   * Milliseconds. detMs and recMs cover pre-processing, runs and post-processing; time spent waiting
   * for a session (created on first use of a shape) is left out of them and reported as sessionMs.
   */
  timings: { detMs: number; recMs: number; totalMs: number; sessionMs: number };
  /** Present when the image was over 4096 px on a side and scaled down before OCR: its original size. */
  scaledFrom?: { width: number; height: number };
  /** The image's size inside the detector bucket (content before padding). */
  detInput: { w: number; h: number };
  /** Share of recogniser columns that were padding (right of each line, and empty rows). */
  recPaddingShare: number;
  recRuns: number;
}

type Acquire = (model: OcrModel, shape: number[] | null) => Promise<Ort.InferenceSession>;

/**
 * Detection then recognition for one image, with the pre- and post-processing from src/core/ocr and
 * the sessions from the worker's pool. All shapes it asks for are static: [1, 3, H, W] per detector
 * bucket and [recBatchSize, 3, 48, width] per line-width bucket.
 */
export class OcrPipeline {
  private readonly detBuckets: DetBucket[];
  private readonly recWidths: number[];

  constructor(private readonly options: OcrPipelineOptions) {
    validateDetBuckets(options.detBuckets);
    this.detBuckets = options.detBuckets.map((b) => ({ h: b.h, w: b.w }));
    this.recWidths = validateRecWidthBuckets(options.recWidthBuckets);
    if (!Number.isInteger(options.recBatchSize) || options.recBatchSize < 1) {
      throw new OcrError(
        'BAD_BUCKETS',
        `Recognition batch size ${String(options.recBatchSize)} must be a positive integer.`,
      );
    }
    if (options.dictionary.length === 0) {
      throw new OcrError('BAD_DICTIONARY', 'The character dictionary is empty; load ppocr_keys_v1.txt.');
    }
  }

  async recognize(img: RgbaImage, opts: OcrRecognizeOptions): Promise<OcrResult> {
    const start = performance.now();
    let sessionMs = 0;
    const acquire: Acquire = async (model, shape) => {
      const t = performance.now();
      const session = await this.options.getSession(model, shape);
      sessionMs += performance.now() - t;
      opts.signal?.throwIfAborted();
      return session;
    };
    const prepared = prepareInputImage(img);
    const work = prepared.image;
    const padToMax = opts.mode === 'pad-to-max';
    const unpadded = opts.mode === 'unpadded';

    let plan = planDetection(work, padToMax ? [envelopeBucket(this.detBuckets)] : this.detBuckets);
    // Unpadded: the same scaled size the buckets give, run as its own shape, so only the padding differs.
    if (unpadded) plan = planDetection(work, [{ h: plan.scaledH, w: plan.scaledW }]);
    const { boxes, droppedInPadding } = await this.detect(work, plan, acquire, unpadded);
    const detEnd = performance.now();
    const detSessionMs = sessionMs;

    const widths = padToMax ? [this.recWidths[this.recWidths.length - 1]] : this.recWidths;
    const { decoded, recPlan } = await this.readLines(work, boxes, widths, acquire, unpadded);
    const end = performance.now();

    const toCaller = scaleBoxTo(work, prepared.scaledFrom);
    return {
      lines: boxes.map((box, i) => ({ box: toCaller(box), ...decoded[i] })),
      bucket: plan.bucket,
      paddingShare: plan.paddingShare,
      droppedInPadding,
      timings: {
        detMs: detEnd - start - detSessionMs,
        recMs: end - detEnd - (sessionMs - detSessionMs),
        totalMs: end - start - sessionMs,
        sessionMs,
      },
      ...(prepared.scaledFrom ? { scaledFrom: prepared.scaledFrom } : {}),
      detInput: { w: plan.scaledW, h: plan.scaledH },
      recPaddingShare: recPlan.paddingShare,
      recRuns: recPlan.batches.length,
    };
  }

  /** One detector run in the plan's bucket, then DB post-processing back to working-image coordinates. */
  private async detect(work: RgbaImage, plan: DetPlan, acquire: Acquire, anyShape: boolean): Promise<DbResult> {
    const shape = [1, 3, plan.bucket.h, plan.bucket.w];
    const session = await acquire('det', anyShape ? null : shape);
    const probMap = await this.run(session, toDetTensor(work, plan), shape, [1, 1, plan.bucket.h, plan.bucket.w]);
    return dbPostprocess(probMap.data, plan.bucket.w, plan.bucket.h, plan, this.options.db);
  }

  /**
   * Crops every box, batches the crops per width bucket, runs the recogniser and decodes each row.
   * `unpadded`: each line's own width (rounded up to 8, the model's step) is its bucket.
   */
  private async readLines(work: RgbaImage, boxes: OcrBox[], widths: number[], acquire: Acquire, unpadded: boolean) {
    const batchSize = this.options.recBatchSize;
    const maxWidth = widths[widths.length - 1];
    const rows = boxes.map((box) => cropForRecognition(work, box, REC_HEIGHT, { maxWidth }));
    const ownWidths = rows.map((r) => Math.ceil(r.width / REC_WIDTH_MULTIPLE) * REC_WIDTH_MULTIPLE);
    const recPlan = planRecBatches(
      rows.map((r) => r.width),
      unpadded && ownWidths.length > 0 ? ownWidths : widths,
      batchSize,
    );
    const decoded: CtcDecoded[] = new Array(rows.length);
    for (const batch of recPlan.batches) {
      const shape = [batchSize, 3, REC_HEIGHT, batch.bucketWidth];
      const session = await acquire('rec', unpadded ? null : shape);
      const input = packRecBatch(
        batch.lineIndices.map((i) => rows[i]),
        batch.bucketWidth,
        batchSize,
      );
      const out = await this.run(session, input, shape, [batchSize, null, null]);
      const [, steps, classes] = out.dims;
      batch.lineIndices.forEach((lineIndex, row) => {
        const probs = out.data.subarray(row * steps * classes, (row + 1) * steps * classes);
        decoded[lineIndex] = ctcGreedyDecode(probs, steps, classes, this.options.dictionary);
      });
    }
    return { decoded, recPlan };
  }

  /**
   * Runs a session on one float32 input and returns its first output as a Float32Array. `expectDims`
   * (null = any) catches a session built for another shape before its output is misread.
   */
  private async run(
    session: Ort.InferenceSession,
    input: Float32Array,
    shape: number[],
    expectDims: (number | null)[],
  ): Promise<{ data: Float32Array; dims: number[] }> {
    const { ort, runExclusive } = this.options;
    const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input, shape) };
    return runExclusive(async () => {
      const results = await session.run(feeds);
      const output = results[session.outputNames[0]];
      try {
        const dims = [...output.dims];
        const matches = dims.length === expectDims.length && expectDims.every((d, i) => d === null || d === dims[i]);
        if (!matches || output.type !== 'float32') {
          throw new OcrError(
            'BAD_MODEL_OUTPUT',
            `The model returned ${output.type} [${dims.join(', ')}] for input [${shape.join(', ')}]; ` +
              `expected float32 [${expectDims.map((d) => d ?? '?').join(', ')}]. Check that the OCR model files are PP-OCRv4.`,
          );
        }
        // getData copies GPU-resident outputs to the CPU; for CPU outputs it returns the data as is.
        const data = (await output.getData()) as Float32Array;
        return { data, dims };
      } finally {
        for (const name of session.outputNames) results[name]?.dispose();
      }
    });
  }
}

/** Maps boxes from the working copy back to the caller's image when it was scaled down. */
function scaleBoxTo(work: RgbaImage, original: { width: number; height: number } | undefined): (box: OcrBox) => OcrBox {
  if (!original) return (box) => box;
  const fx = original.width / work.width;
  const fy = original.height / work.height;
  return (box) => {
    const x = Math.floor(box.x * fx);
    const y = Math.floor(box.y * fy);
    const right = Math.min(original.width, Math.ceil((box.x + box.w) * fx));
    const bottom = Math.min(original.height, Math.ceil((box.y + box.h) * fy));
    return { x, y, w: right - x, h: bottom - y, score: box.score };
  };
}
