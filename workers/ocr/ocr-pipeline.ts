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
  planDetection,
  planRecBatches,
  prepareInputImage,
  toDetTensor,
  validateDetBuckets,
  validateRecWidthBuckets,
} from '../../src/core/ocr';
import type { OutputTensor, RunManyOptions } from '../../src/lib/types';
import { detBucketPairs, type OcrLayout, type OcrModels } from './ocr-sessions';

export interface OcrPipelineOptions {
  /** Both models as the library's bucketed sessions over the worker's SessionSet (ocr-sessions.ts). */
  models: OcrModels;
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

/**
 * Detection then recognition for one image: the pre- and post-processing of src/core/ocr around the
 * model calls of the library's BucketedSession (routing, padding, batching, the sessions and the read-back
 * are the library's, as for NER). Bucketed and pad-to-max run static shapes only: [1, 3, H, W] per
 * detector bucket and [recBatchSize, 3, 48, width] per line-width bucket; unpadded runs the same
 * requests, each at its own size, on one free-dimension session per model.
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
    // Each model call reports the time it waited for its session (created on a shape's first use).
    const runOptions: RunManyOptions = {
      ...(opts.signal ? { signal: opts.signal } : {}),
      onBatch: (event) => {
        if (event.phase === 'end') sessionMs += event.sessionMs ?? 0;
      },
    };
    const prepared = prepareInputImage(img);
    const work = prepared.image;
    const padToMax = opts.mode === 'pad-to-max';
    const unpadded = opts.mode === 'unpadded';

    const detBuckets = padToMax ? [envelopeBucket(this.detBuckets)] : this.detBuckets;
    let plan = planDetection(work, detBuckets);
    // Unpadded: the same scaled size the buckets give, run as its own shape, so only the padding differs.
    if (unpadded) plan = planDetection(work, [{ h: plan.scaledH, w: plan.scaledW }]);
    const detLayout: OcrLayout = unpadded
      ? { sessions: 'shared', buckets: [[plan.bucket.h, plan.bucket.w]], batchSize: 1 }
      : { sessions: 'static', buckets: detBucketPairs(detBuckets), batchSize: 1 };
    const { boxes, droppedInPadding } = await this.detect(work, plan, detLayout, runOptions);
    const detEnd = performance.now();
    const detSessionMs = sessionMs;

    const widths = padToMax ? [this.recWidths[this.recWidths.length - 1]] : this.recWidths;
    const { decoded, recPlan } = await this.readLines(work, boxes, widths, unpadded, runOptions);
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

  /**
   * One detector run: the image at its scaled size, padded by the library to the bucket it routes to
   * (the smallest-area covering bucket, the one planDetection picked), then DB post-processing of the
   * whole map, padding included, back to working-image coordinates.
   */
  private async detect(work: RgbaImage, plan: DetPlan, layout: OcrLayout, run: RunManyOptions): Promise<DbResult> {
    const { models } = this.options;
    const content = toDetTensor(work, { ...plan, bucket: { h: plan.scaledH, w: plan.scaledW } });
    const feeds = { [models.inputName('det')]: { data: content, dims: [1, 3, plan.scaledH, plan.scaledW] } };
    const out = await models.attach('det', layout).run(feeds, run);
    const map = checkedOutput(out[models.outputName('det')], [1, 1, plan.bucket.h, plan.bucket.w], 'the detector');
    return dbPostprocess(map.data, plan.bucket.w, plan.bucket.h, plan, this.options.db);
  }

  /**
   * Crops every box and runs the recogniser over all lines at once: the library routes each to its width
   * bucket and batches lines of a bucket into recBatchSize rows (what planRecBatches plans and reports).
   * `unpadded`: each line's own width (rounded up to 8, the model's step) is its bucket. The output
   * [1, width / 8, classes] per line has no axis of the bucket's size, so it comes back whole and decodes
   * as it is (the padded steps decode to blanks).
   */
  private async readLines(
    work: RgbaImage,
    boxes: OcrBox[],
    widths: number[],
    unpadded: boolean,
    run: RunManyOptions,
  ): Promise<{ decoded: CtcDecoded[]; recPlan: ReturnType<typeof planRecBatches> }> {
    const { models, recBatchSize, dictionary } = this.options;
    const maxWidth = widths[widths.length - 1];
    const rows = boxes.map((box) => cropForRecognition(work, box, REC_HEIGHT, { maxWidth }));
    const ownWidths = [...new Set(rows.map((r) => Math.ceil(r.width / REC_WIDTH_MULTIPLE) * REC_WIDTH_MULTIPLE))].sort(
      (a, b) => a - b,
    );
    const lineWidths = unpadded && ownWidths.length > 0 ? ownWidths : widths;
    const recPlan = planRecBatches(
      rows.map((r) => r.width),
      lineWidths,
      recBatchSize,
    );
    if (rows.length === 0) return { decoded: [], recPlan };
    const layout: OcrLayout = {
      sessions: unpadded ? 'shared' : 'static',
      buckets: lineWidths.map((w) => [w]),
      batchSize: recBatchSize,
    };
    const input = models.inputName('rec');
    const outputs = await models.attach('rec', layout).runMany(
      rows.map((r) => ({ [input]: { data: r.tensorRow, dims: [1, 3, REC_HEIGHT, r.width] } })),
      run,
    );
    const decoded = outputs.map((out) => {
      const probs = checkedOutput(out[models.outputName('rec')], [1, null, null], 'the recogniser');
      const [, steps, classes] = probs.dims;
      return ctcGreedyDecode(probs.data, steps, classes, dictionary);
    });
    return { decoded, recPlan };
  }
}

/** A model output as float32 of the expected dims (null: any), or an error naming the wrong model files. */
function checkedOutput(
  output: OutputTensor | undefined,
  expectDims: (number | null)[],
  what: string,
): { data: Float32Array; dims: number[] } {
  const dims = output ? [...output.dims] : [];
  const matches = dims.length === expectDims.length && expectDims.every((d, i) => d === null || d === dims[i]);
  if (!output || !matches || output.type !== 'float32' || !(output.data instanceof Float32Array)) {
    throw new OcrError(
      'BAD_MODEL_OUTPUT',
      `${what} returned ${output ? `${output.type} [${dims.join(', ')}]` : 'no output'}; expected float32 ` +
        `[${expectDims.map((d) => d ?? '?').join(', ')}]. Check that the OCR model files are PP-OCRv4.`,
    );
  }
  return { data: output.data, dims };
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
