import type * as Ort from 'onnxruntime-web';
import { readGraphIO, type GraphIO } from '../../src/core/onnx/graph-io';
import { type DetBucket, envelopeBucket, validateRecWidthBuckets } from '../../src/core/ocr';
import { BucketedSession } from '../../src/lib/bucketed-session';
import type { SessionSet } from '../../src/lib/session-set';
import type { SessionLayout } from '../../src/lib/types';
import { OCR_BUCKET_DIMS, type OcrModel } from './ocr-models';

/** Key prefixes of the OCR models' sessions in the worker's SessionSet, apart from each other and from NER's ("ner "). */
export const OCR_KEY_PREFIX: Readonly<Record<OcrModel, string>> = Object.freeze({
  det: 'ocr-det ',
  rec: 'ocr-rec ',
});

/**
 * Whether a key of the worker's SessionSet is one of the OCR models' sessions: the one test of the
 * engine's releases that drop OCR's sessions and keep NER's, or the other way round.
 */
export function isOcrSessionKey(key: string): boolean {
  return Object.values(OCR_KEY_PREFIX).some((prefix) => key.startsWith(prefix));
}

/** The OCR models as the pipeline runs them: their bytes, graphs, and the set their sessions live in. */
export interface OcrModelSet {
  ort: typeof Ort;
  /** The worker's one SessionSet (NER sessions sit there too, under their own prefix). */
  sessions: SessionSet;
  bytes: Readonly<Record<OcrModel, Uint8Array>>;
}

/** How one OCR model call is laid out: static sessions per bucket, or one free-dimension session ('shared'). */
export interface OcrLayout {
  sessions: Extract<SessionLayout, 'static' | 'shared'>;
  /** Detector: [h, w] pairs; recogniser: widths. */
  buckets: readonly (readonly number[])[];
  batchSize: number;
}

/**
 * Both OCR models as the library's BucketedSession over the worker's SessionSet: one implementation of
 * routing, padding, batching, picking the session, running and reading back for NER and OCR alike.
 * Attaching is cheap (no session is made until a run), so each request attaches the layout of its mode.
 */
export class OcrModels {
  private readonly io: Record<OcrModel, GraphIO>;

  constructor(private readonly set: OcrModelSet) {
    this.io = { det: readGraphIO(set.bytes.det), rec: readGraphIO(set.bytes.rec) };
  }

  /** The name of the model's one input, the image or the batch of lines (`x` in PP-OCRv4). */
  inputName(model: OcrModel): string {
    return this.io[model].inputs[0].name;
  }

  /** The name of the model's one output: the probability map (detector) or the per-step softmax (recogniser). */
  outputName(model: OcrModel): string {
    return this.io[model].outputs[0].name;
  }

  /**
   * The bucketed session of one model and layout. Inputs pad with 0, which after normalisation is the
   * training mean (detector) or mid-grey (recogniser), what toDetTensor and packRecBatch pad with; empty
   * rows of a partial recogniser batch are all padding (0) too, as packRecBatch leaves them. The detector
   * keeps its padding in the output: DB post-processing reads the map at the bucket's size, to drop and
   * count text found in the padding.
   */
  attach(model: OcrModel, layout: OcrLayout): BucketedSession {
    return BucketedSession.attach({
      ort: this.set.ort,
      modelBytes: this.set.bytes[model],
      io: this.io[model],
      sessionSet: this.set.sessions,
      keyPrefix: OCR_KEY_PREFIX[model],
      dims: OCR_BUCKET_DIMS[model],
      buckets: layout.buckets,
      batchSizes: [layout.batchSize],
      sessions: layout.sessions,
      padValues: { [this.inputName(model)]: 0 },
      keepPadding: model === 'det',
    });
  }
}

/** Detector buckets as the library's [h, w] pairs, in their order (routing's tie-breaks follow it), once each. */
export function detBucketPairs(buckets: readonly DetBucket[]): number[][] {
  const seen = new Set<string>();
  const pairs: number[][] = [];
  for (const b of buckets) {
    if (seen.has(`${b.h}x${b.w}`)) continue;
    seen.add(`${b.h}x${b.w}`);
    pairs.push([b.h, b.w]);
  }
  return pairs;
}

/**
 * The keys of every OCR session a configuration may run: the detector's buckets and their envelope (the
 * pad-to-max shape, which may not be in the list), the recogniser's widths at its batch size, and each
 * model's free-dimension session (unpadded mode). Keys come from the library (`sessionKey`), so they are
 * the ones its runs use. Bad buckets throw the OcrError the pipeline would.
 */
export function ocrSessionKeys(
  models: Pick<OcrModels, 'attach'>,
  detBuckets: readonly DetBucket[],
  recWidths: readonly number[],
  recBatchSize: number,
): Set<string> {
  const detPairs = detBucketPairs([...detBuckets, envelopeBucket(detBuckets)]);
  const widths = validateRecWidthBuckets(recWidths).map((w) => [w]);
  const det = models.attach('det', { sessions: 'static', buckets: detPairs, batchSize: 1 });
  const rec = models.attach('rec', { sessions: 'static', buckets: widths, batchSize: recBatchSize });
  const detShared = models.attach('det', { sessions: 'shared', buckets: [detPairs[0]], batchSize: 1 });
  const recShared = models.attach('rec', { sessions: 'shared', buckets: [widths[0]], batchSize: recBatchSize });
  return new Set([
    ...detPairs.map((b) => det.sessionKey(b, 1)),
    ...widths.map((w) => rec.sessionKey(w, recBatchSize)),
    detShared.sessionKey(detPairs[0], 1),
    recShared.sessionKey(widths[0], recBatchSize),
  ]);
}
