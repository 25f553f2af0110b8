import {
  MODEL_CACHE_NAME,
  cacheKey,
  describeCacheWriteFailures,
  describeHttpFailure,
  describeNetworkFailure,
  downloadRate,
  formatBytes,
  formatDownload,
  parseCacheKey,
  type CacheWriteFailure,
} from '../../src/core/models';
import { WorkerError } from '../../src/protocol/errors';
import type { WorkProgress } from '../../src/protocol/types';

type Progress = (p: WorkProgress) => void;

/** A download that breaks off midway (seen on busy machines with large models) is tried again from the start. */
const DOWNLOAD_ATTEMPTS = 3;

export interface ModelFileRequest {
  url: string;
  /** The file as the user knows it: "config.json", "onnx/model.onnx". */
  file: string;
  /** The model, for messages: "bucketwise-ner", "owner/name". */
  model: string;
  /** A missing file (HTTP 404) is answered with null instead of an error. */
  optional?: boolean;
  /** Stops this file's download; without it, the signal the ModelFiles was made with. */
  signal?: AbortSignal;
}

/**
 * Fetches a model's files through Cache Storage: a file kept from an earlier visit is read from there
 * with no network request; a downloaded one is kept for the next visit, under its URL and size. Storing
 * is best effort: when the browser refuses (quota, private mode) the file is used from memory and the
 * reason is told to the page in `notes`.
 */
export class ModelFiles {
  private readonly cacheWriteFailures: CacheWriteFailure[] = [];
  /** Files read from the cache in this load. */
  readonly fromCache: string[] = [];

  constructor(
    private readonly progress: Progress,
    private readonly signal?: AbortSignal,
  ) {}

  /** What the page should know about this load, in words: the files that could not be kept, and why. */
  get notes(): string[] {
    const failed = describeCacheWriteFailures(this.cacheWriteFailures);
    return failed === null ? [] : [failed];
  }

  async json(req: ModelFileRequest): Promise<unknown> {
    const bytes = await this.bytes(req);
    if (bytes === null) return null;
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new WorkerError(
        'BAD_MODEL',
        `${req.file} of ${req.model} is not valid JSON.`,
        `Fix or replace ${req.file}.`,
      );
    }
  }

  async bytes(req: ModelFileRequest & { optional: true }): Promise<Uint8Array | null>;
  async bytes(req: ModelFileRequest): Promise<Uint8Array>;
  async bytes(req: ModelFileRequest): Promise<Uint8Array | null> {
    const cache = await openCache();
    const kept = cache ? await readKept(cache, req.url) : null;
    if (kept) {
      this.fromCache.push(req.file);
      this.progress({
        stage: 'download',
        message: `Read ${req.file} (${formatBytes(kept.byteLength)}) from the browser cache`,
      });
      return kept;
    }
    const bytes = await this.download(req);
    if (bytes === null) return null;
    if (cache) {
      try {
        await cache.put(
          cacheKey(req.url, bytes.byteLength),
          new Response(bytes.slice().buffer, {
            headers: { 'Content-Length': String(bytes.byteLength) },
          }),
        );
      } catch (err) {
        this.cacheWriteFailures.push({ file: req.file, size: bytes.byteLength, browserMessage: errorText(err) });
      }
    }
    return bytes;
  }

  private async download(req: ModelFileRequest): Promise<Uint8Array | null> {
    const signal = req.signal ?? this.signal;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.downloadOnce(req, signal);
      } catch (err) {
        const brokeOff = err instanceof WorkerError && err.code === 'NETWORK' && err.message.includes('broke off');
        if (!brokeOff || attempt >= DOWNLOAD_ATTEMPTS || signal?.aborted) throw err;
        this.progress({
          stage: 'download',
          message: `${err.message}; retrying (${attempt + 1} of ${DOWNLOAD_ATTEMPTS})`,
        });
      }
    }
  }

  private async downloadOnce(req: ModelFileRequest, signal: AbortSignal | undefined): Promise<Uint8Array | null> {
    let response: Response;
    try {
      response = await fetch(req.url, signal ? { signal } : {});
    } catch (err) {
      if (signal?.aborted) throw err;
      if (err instanceof WorkerError) throw err;
      const f = describeNetworkFailure(req, errorText(err));
      throw new WorkerError('NETWORK', f.message, f.hint);
    }
    if (!response.ok) {
      if (req.optional && response.status === 404) return null;
      const f = describeHttpFailure({ ...req, status: response.status });
      throw new WorkerError('MODEL_LOAD_FAILED', f.message, f.hint);
    }
    const total = Number(response.headers.get('Content-Length')) || undefined;
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    const started = performance.now();
    for (;;) {
      const { done, value } = await reader.read().catch((err: unknown) => {
        if (signal?.aborted) throw err;
        throw new WorkerError(
          'NETWORK',
          `The download of ${req.file} broke off after ${formatBytes(loaded)}: ${errorText(err)}`,
          'Load the model again; if it keeps failing, check the connection to the model host.',
        );
      });
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      const rate = downloadRate(loaded, performance.now() - started);
      this.progress({
        stage: 'download',
        message: `Downloading ${req.file}: ${formatDownload(loaded, total, rate)}`,
        loaded,
        ...(total ? { total } : {}),
      });
    }
    const bytes = new Uint8Array(loaded);
    let offset = 0;
    for (const c of chunks) {
      bytes.set(c, offset);
      offset += c.byteLength;
    }
    return bytes;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
}

/** The app's model cache, or null where the browser offers none (an insecure origin, some private modes). */
async function openCache(): Promise<Cache | null> {
  try {
    return globalThis.caches ? await globalThis.caches.open(MODEL_CACHE_NAME) : null;
  } catch {
    return null;
  }
}

/** The kept copy of a URL whose length matches the size it was kept under; a damaged entry is dropped. */
async function readKept(cache: Cache, url: string): Promise<Uint8Array | null> {
  try {
    for (const request of await cache.keys()) {
      const key = parseCacheKey(request.url);
      if (!key || key.url !== url) continue;
      const response = await cache.match(request);
      const bytes = response ? new Uint8Array(await response.arrayBuffer()) : null;
      if (bytes && bytes.byteLength === key.size) return bytes;
      await cache.delete(request);
    }
  } catch {
    // A cache that cannot be read is as good as empty: download instead.
  }
  return null;
}
