import { useAppStore } from './app-store';
import { AppError, toUiError } from './errors';
import { decodeImageFile } from './images-decode';
import { DEFAULT_CHOOSE_K, patchImage, useImagesStore, type BucketSource } from './images-store';
import type { AppState } from './types';
import { workerClient } from './worker-session';
import {
  addDetBucket,
  checkImageFileSize,
  detBucketsKey,
  parseDetBucket,
  removeDetBucket,
  sortDetBuckets,
  vetImageBytes,
  vetImageSize,
  ImagesError,
} from '../core/images';
import { fmtPct } from '../core/charts';
import {
  DEFAULT_DET_BUCKETS,
  DEFAULT_REC_BATCH_SIZE,
  DEFAULT_REC_WIDTH_BUCKETS,
  chooseDetBuckets,
  type DetBucket,
  type RgbaImage,
} from '../core/ocr';
import { WorkerError } from '../protocol/errors';
import type { BackendInfo, OcrParams, OcrResultMessage } from '../protocol/types';

/**
 * The Images tab's async work: vetting and decoding files, keeping the OCR models configured in the
 * shared worker, and reading images one at a time. Pixels live here, not in the store.
 */

const pixels = new Map<string, RgbaImage>();
let nextId = 1;

/** The worker runs one request at a time anyway; queueing here keeps "reading" honest in the UI. */
let queue: Promise<unknown> = Promise.resolve();
export function enqueueOcr<T>(job: () => Promise<T>): Promise<T> {
  const next = queue.then(job, job);
  queue = next.catch(() => undefined);
  return next;
}

export function imagePixels(id: string): RgbaImage | undefined {
  return pixels.get(id);
}

/** The bucket list and backend the worker's OCR engine was last configured with. */
let configured: { backend: BackendInfo; key: string } | null = null;

/** Resolves with the backend once the app's worker is initialised; rejects when it failed to start. */
function waitForBackend(): Promise<BackendInfo> {
  return new Promise((resolve, reject) => {
    let unsubscribe: (() => void) | null = null;
    let settled = false;
    const check = (s: AppState) => {
      if (settled) return;
      if (s.backendStatus === 'ready' && s.backend) {
        settled = true;
        resolve(s.backend);
      } else if (s.backendStatus === 'error') {
        settled = true;
        const cause = s.backendError?.message ?? 'unknown error';
        reject(
          new AppError('BACKEND_FAILED', `The inference worker did not start (${cause}), so images cannot be read.`),
        );
      }
      if (settled) unsubscribe?.();
    };
    unsubscribe = useAppStore.subscribe(check);
    check(useAppStore.getState());
    if (settled) unsubscribe();
  });
}

/**
 * Loads the OCR models into the worker and sets its detector buckets, unless that was already done for
 * the current backend and bucket list. A backend switch re-initialises the worker, which drops OCR.
 */
async function ensureOcrReady(signal?: AbortSignal): Promise<BackendInfo> {
  useImagesStore.setState((s) =>
    s.ocrStatus === 'ready'
      ? {}
      : { ocrStatus: 'loading', ocrProgress: 'Waiting for the worker to start', ocrError: null },
  );
  const backend = await waitForBackend();
  const { detBuckets } = useImagesStore.getState();
  const key = detBucketsKey(detBuckets);
  if (configured && configured.backend === backend && configured.key === key) {
    useImagesStore.setState({ ocrStatus: 'ready', ocrProgress: null });
    return backend;
  }
  useImagesStore.setState({ ocrStatus: 'loading', ocrProgress: 'Loading the OCR models', ocrError: null });
  try {
    await workerClient().ocrConfigure(
      { detBuckets, recWidths: [...DEFAULT_REC_WIDTH_BUCKETS], recBatchSize: DEFAULT_REC_BATCH_SIZE },
      { signal, onProgress: (p) => useImagesStore.setState({ ocrProgress: p.message }) },
    );
  } catch (err) {
    useImagesStore.setState({ ocrStatus: 'error', ocrProgress: null, ocrError: toUiError(err) });
    throw err;
  }
  configured = { backend, key };
  useImagesStore.setState({ ocrStatus: 'ready', ocrProgress: null, ocrError: null });
  return backend;
}

/** Loads the models ahead of the first image, so pasting one reads it without the download wait. */
export function prepareOcr(): void {
  enqueueOcr(() => ensureOcrReady()).catch(() => undefined); // shown through ocrStatus/ocrError
}

/** One OCR request; a worker that lost its OCR setup (re-initialised meanwhile) is set up once more. */
export async function runOcr(
  image: RgbaImage,
  mode: OcrParams['mode'],
  signal?: AbortSignal,
): Promise<{ result: OcrResultMessage; backend: BackendInfo; buckets: string }> {
  for (let attempt = 0; ; attempt++) {
    const backend = await ensureOcrReady(signal);
    const buckets = configured?.key ?? '';
    try {
      const result = await workerClient().ocr({ image, mode }, signal ? { signal } : {});
      return { result, backend, buckets };
    } catch (err) {
      if (attempt === 0 && err instanceof WorkerError && err.code === 'NO_MODEL') {
        configured = null;
        continue;
      }
      throw err;
    }
  }
}

function backendLabel(info: BackendInfo): string {
  return info.backend === 'webgpu' ? 'WebGPU' : 'WASM';
}

/** Reads one loaded image with the current buckets (mode bucketed) and stores the result on it. */
export function readImage(id: string): Promise<void> {
  patchImage(id, { status: 'waiting', error: null });
  return enqueueOcr(async () => {
    const image = pixels.get(id);
    if (!image) return; // removed while waiting
    patchImage(id, { status: 'reading' });
    try {
      const { result, backend, buckets } = await runOcr(image, 'bucketed');
      patchImage(id, { status: 'done', result, readWith: { buckets, backend: backendLabel(backend) }, error: null });
    } catch (err) {
      patchImage(id, { status: 'error', error: toUiError(err) });
    }
  });
}

export function readAllImages(): void {
  for (const img of useImagesStore.getState().images) if (pixels.has(img.id)) void readImage(img.id);
}

function rejectFile(name: string, err: unknown): void {
  const error = toUiError(err);
  if (!error.hint) {
    if (error.code === 'NOT_AN_IMAGE')
      error.hint = 'For a PDF or other document, take a screenshot of the page and paste it here.';
    if (error.code === 'IMAGE_TOO_LARGE')
      error.hint = 'Crop or shrink the image, or take a screenshot of the part you need.';
  }
  useImagesStore.setState((s) => ({ rejected: [...s.rejected, { id: `rejected-${nextId++}`, name, error }] }));
}

/**
 * Adds files from the chooser, a drop or a paste. Each is vetted from its header before decoding (a
 * non-image or a 20,000 x 20,000 image is refused without touching its pixels), decoded at its working
 * size, shown, and read. Resolves, once every file is shown, with each file's image id in the order
 * given (null for a file that was refused), so a caller that knows more about a file (the sample images'
 * known text) can set it on the right image.
 */
export async function addImageFiles(files: readonly File[]): Promise<(string | null)[]> {
  const ids: (string | null)[] = [];
  for (const file of files) {
    const name = file.name || 'pasted image';
    let vetted;
    try {
      checkImageFileSize(name, file.size);
      vetted = vetImageBytes(name, new Uint8Array(await file.arrayBuffer()));
    } catch (err) {
      rejectFile(name, err);
      ids.push(null);
      continue;
    }
    const id = `image-${nextId++}`;
    const url = URL.createObjectURL(file);
    useImagesStore.setState((s) => ({
      images: [
        ...s.images,
        {
          id,
          name,
          url,
          width: vetted.target?.width ?? 0,
          height: vetted.target?.height ?? 0,
          scaledNote: vetted.note,
          status: 'decoding',
          result: null,
          readWith: null,
          error: null,
          reference: '',
        },
      ],
    }));
    try {
      let image = await decodeImageFile(file, name, vetted.target, vetted.original);
      let note = vetted.note;
      if (!vetted.original) {
        // AVIF headers carry no size: check it now, and decode again smaller when it is over the limit.
        const sized = vetImageSize(name, image.width, image.height);
        if (sized.note) image = await decodeImageFile(file, name, sized.target, sized.original);
        note = sized.note;
      }
      pixels.set(id, image);
      patchImage(id, { width: image.width, height: image.height, scaledNote: note, status: 'waiting' });
    } catch (err) {
      URL.revokeObjectURL(url);
      useImagesStore.setState((s) => ({ images: s.images.filter((img) => img.id !== id) }));
      rejectFile(name, err);
      ids.push(null);
      continue;
    }
    ids.push(id);
    void readImage(id);
  }
  return ids;
}

export function removeImage(id: string): void {
  const img = useImagesStore.getState().images.find((i) => i.id === id);
  if (img?.url) URL.revokeObjectURL(img.url);
  pixels.delete(id);
  useImagesStore.setState((s) => ({ images: s.images.filter((i) => i.id !== id) }));
}

export function clearImages(): void {
  for (const img of useImagesStore.getState().images) if (img.url) URL.revokeObjectURL(img.url);
  pixels.clear();
  useImagesStore.setState({ images: [], rejected: [] });
}

export function dismissRejected(id: string): void {
  useImagesStore.setState((s) => ({ rejected: s.rejected.filter((r) => r.id !== id) }));
}

// Buckets. The worker is reconfigured lazily, by the next read (ensureOcrReady sees the new key).

function setBuckets(detBuckets: DetBucket[], bucketSource: BucketSource, choiceNote: string | null = null): void {
  useImagesStore.setState({ detBuckets, bucketSource, choiceNote, bucketError: null });
}

function bucketFailure(err: unknown): false {
  useImagesStore.setState({ bucketError: toUiError(err) });
  return false;
}

/** Adds a bucket typed as "H x W"; false (with bucketError set) when the text is refused. */
export function addBucketFromText(text: string): boolean {
  try {
    setBuckets(addDetBucket(useImagesStore.getState().detBuckets, parseDetBucket(text)), 'by hand');
    return true;
  } catch (err) {
    return bucketFailure(err);
  }
}

export function removeBucketAt(index: number): boolean {
  try {
    setBuckets(removeDetBucket(useImagesStore.getState().detBuckets, index), 'by hand');
    return true;
  } catch (err) {
    return bucketFailure(err);
  }
}

export function resetBuckets(): void {
  setBuckets(sortDetBuckets(DEFAULT_DET_BUCKETS), 'defaults');
}

export function setChooseK(k: number | null): void {
  useImagesStore.setState({ chooseK: k ?? DEFAULT_CHOOSE_K });
}

/** Chooses up to k buckets minimising the padded detector area over the loaded images' sizes. */
export function chooseBucketsFromImages(): boolean {
  const { images, chooseK } = useImagesStore.getState();
  const sizes = images.filter((img) => pixels.has(img.id)).map((img) => ({ width: img.width, height: img.height }));
  try {
    if (sizes.length === 0) {
      throw new ImagesError('NO_IMAGES', 'There are no images to choose buckets for: load some first.');
    }
    if (!Number.isInteger(chooseK) || chooseK < 1)
      throw new ImagesError('BAD_K', `k = ${chooseK} must be a whole number of at least 1.`);
    const choice = chooseDetBuckets(sizes, chooseK);
    const method =
      choice.method === 'exhaustive'
        ? 'an exhaustive search over the candidate pairs'
        : 'a local search (swaps from several starts)';
    const note =
      `${choice.buckets.length} bucket${choice.buckets.length === 1 ? '' : 's'} for ${sizes.length} image${sizes.length === 1 ? '' : 's'}, ` +
      `found by ${method}; predicted padding ${fmtPct(choice.paddingShare)} of the detector's input.` +
      (choice.notes.length > 0 ? ` ${choice.notes.join(' ')}` : '');
    setBuckets(sortDetBuckets(choice.buckets), 'from your images', note);
    return true;
  } catch (err) {
    return bucketFailure(err);
  }
}
