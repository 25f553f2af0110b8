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
import { OCR_MODEL_FILES } from '../ocr/ocr-models';
import { OcrPipeline } from '../ocr/ocr-pipeline';
import { isOcrSessionKey, OcrModels, ocrSessionKeys } from '../ocr/ocr-sessions';
import type { SessionSet } from '../../src/lib/session-set';

/**
 * Owns the OCR models' bytes and runs them as the library's bucketed sessions over the worker's one
 * SessionSet (under the "ocr-det " and "ocr-rec " key prefixes), so OCR sessions count in the same memory
 * report and are serialised with the NER runs.
 */
export class OcrEngine {
  private bytes: Partial<Record<'det' | 'rec', Uint8Array>> = {};
  private models: OcrModels | null = null;
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
    this.models ??= new OcrModels({
      ort: this.ort,
      sessions: this.pool,
      bytes: { det: this.bytes.det!, rec: this.bytes.rec! },
    });
    // Sessions of shapes that left the configuration are released; others are kept. Pad-to-max runs the
    // detector at the bucket covering all others, which may not be in the list itself.
    const keep = ocrSessionKeys(this.models, params.detBuckets, params.recWidths, params.recBatchSize);
    await this.pool.releaseAll((key) => !isOcrSessionKey(key) || keep.has(key));
    this.settings = params;
    this.pipeline = new OcrPipeline({
      models: this.models,
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
