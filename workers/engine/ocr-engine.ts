import type * as Ort from 'onnxruntime-web';
import { parseDictionary } from '../../src/core/ocr/ctc';
import { WorkerError } from '../../src/protocol/errors';
import type {
  OcrConfigureParams,
  OcrConfigureResult,
  OcrParams,
  OcrResultMessage,
  WorkProgress,
} from '../../src/protocol/types';
import { throwIfCancelled } from '../cancellation';
import { OCR_MODEL_FILES, ocrFreeDimensionOverrides } from '../ocr/ocr-models';
import { OcrPipeline } from '../ocr/ocr-pipeline';
import type { SessionSet } from '../../src/lib/session-set';

/**
 * Owns the OCR models' bytes and hands the pipeline one session per input shape from the shared pool,
 * so OCR sessions count against the same memory report and are serialised with the NER runs.
 */
export class OcrEngine {
  private bytes: Partial<Record<'det' | 'rec', Uint8Array>> = {};
  private dictionary: string[] | null = null;
  private pipeline: OcrPipeline | null = null;
  private settings: OcrConfigureParams | null = null;

  constructor(
    private readonly ort: typeof Ort,
    private readonly pool: SessionSet,
    private readonly appBaseUrl: string,
  ) {}

  async configure(params: OcrConfigureParams, progress: (p: WorkProgress) => void): Promise<OcrConfigureResult> {
    if (params.detBuckets.length === 0 || params.recWidths.length === 0) {
      throw new WorkerError(
        'BAD_INPUT',
        'OCR needs at least one detection bucket and one line-width bucket.',
        'Add a bucket.',
      );
    }
    for (const which of ['det', 'rec'] as const) {
      if (this.bytes[which]) continue;
      progress({ stage: 'download', message: `Loading the ${which === 'det' ? 'text detector' : 'text recogniser'}` });
      this.bytes[which] = await this.fetchBytes(`models/ocr/${OCR_MODEL_FILES[which]}`);
    }
    if (!this.dictionary) {
      this.dictionary = parseDictionary(
        new TextDecoder().decode(await this.fetchBytes('models/ocr/ppocr_keys_v1.txt')),
      );
    }
    // Sessions of shapes that left the configuration are released; others are kept. Pad-to-max runs the
    // detector at the bucket covering all others, which may not be in the list itself.
    const cover = {
      h: Math.max(...params.detBuckets.map((b) => b.h)),
      w: Math.max(...params.detBuckets.map((b) => b.w)),
    };
    const keep = new Set([
      sessionKey('det', null),
      sessionKey('rec', null),
      ...[...params.detBuckets, cover].map((b) => sessionKey('det', [1, 3, b.h, b.w])),
      ...params.recWidths.map((w) => sessionKey('rec', [params.recBatchSize, 3, 48, w])),
    ]);
    await this.pool.releaseAll((key) => !key.startsWith('ocr') || keep.has(key));
    this.settings = params;
    this.pipeline = new OcrPipeline({
      ort: this.ort,
      // Each bucket's session is pinned to its one shape, so WebGPU compiles its shaders once; the
      // unpadded mode (shape null) shares one session per model that takes any shape.
      getSession: (model, shape) =>
        this.pool.get({
          key: sessionKey(model, shape),
          modelBytes: this.bytes[model]!,
          ...(shape ? { freeDimensionOverrides: ocrFreeDimensionOverrides(model, shape) } : {}),
        }),
      runExclusive: (fn) => this.pool.serial(fn),
      dictionary: this.dictionary,
      detBuckets: params.detBuckets,
      recWidthBuckets: params.recWidths,
      recBatchSize: params.recBatchSize,
    });
    return { detBuckets: params.detBuckets, recWidths: params.recWidths, memory: this.pool.memory() };
  }

  async recognize(params: OcrParams, signal: AbortSignal): Promise<OcrResultMessage> {
    if (!this.pipeline || !this.settings) {
      throw new WorkerError(
        'NO_MODEL',
        'The OCR models are not loaded.',
        'Open the Images tab and wait for the models to load.',
      );
    }
    throwIfCancelled(signal);
    return this.pipeline.recognize(params.image, { mode: params.mode, signal });
  }

  private async fetchBytes(path: string): Promise<Uint8Array> {
    const url = new URL(path, this.appBaseUrl).href;
    const response = await fetch(url).catch((err: Error) => {
      throw new WorkerError('NETWORK', `Could not load ${url}: ${err.message}`);
    });
    if (!response.ok) throw new WorkerError('MODEL_LOAD_FAILED', `Loading ${url} failed: HTTP ${response.status}.`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

function sessionKey(model: 'det' | 'rec', shape: number[] | null): string {
  return `ocr-${model} ${shape ? shape.join('x') : 'any shape'}`;
}
