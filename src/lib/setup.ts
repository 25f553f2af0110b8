import type * as Ort from 'onnxruntime-web';
import { chooseBuckets, chooseBuckets2D } from '../core/buckets';
import { readGraphIO, type GraphIO } from '../core/onnx/graph-io';
import {
  type Feeds,
  type InputLayout,
  type ModelAxes,
  normalizeBatchSizes,
  normalizeBuckets,
  resolveModelAxes,
} from '../core/shapes';
import { BucketedSessionError } from './errors';
import { emptyRowFeeds } from './row-pieces';
import type { BucketedSessionOptions, ProgressEvent, SessionLayout } from './types';

/** The options that shape the sessions, whichever way the session is made (`create` or `attach`). */
export type LayoutOptions = Pick<
  BucketedSessionOptions,
  'dims' | 'batchSizes' | 'batchDim' | 'overflow' | 'sessions' | 'kernel' | 'padValues' | 'emptyRow' | 'keepPadding'
>;
import { errorMessage } from '../core/errors';

/** The model's bytes: as given, or fetched once from a URL with download progress. */
export async function loadModelBytes(
  model: BucketedSessionOptions['model'],
  onProgress?: (e: ProgressEvent) => void,
): Promise<Uint8Array> {
  if (model instanceof Uint8Array) return model;
  if (model instanceof ArrayBuffer) return new Uint8Array(model);
  if (typeof model !== 'string' && !(model instanceof URL)) {
    throw new BucketedSessionError(
      'BAD_OPTIONS',
      '`model` must be the ONNX bytes (Uint8Array or ArrayBuffer) or a URL to fetch them from.',
    );
  }
  const url = String(model);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new BucketedSessionError(
      'MODEL_DOWNLOAD_FAILED',
      `Could not fetch the model from ${url}: ${errorMessage(err)}`,
    );
  }
  if (!response.ok)
    throw new BucketedSessionError(
      'MODEL_DOWNLOAD_FAILED',
      `Fetching the model from ${url} answered ${response.status} ${response.statusText}.`,
    );
  const header = Number(response.headers.get('content-length'));
  const totalBytes = Number.isFinite(header) && header > 0 ? header : null;
  if (!response.body || !onProgress) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loadedBytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loadedBytes += value.byteLength;
    onProgress({ phase: 'download', loadedBytes, totalBytes });
  }
  const bytes = new Uint8Array(loadedBytes);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

/** WebGPU when asked for (or on 'auto') and an adapter is there; WASM otherwise, with the reason. */
export async function chooseBackend(
  requested: BucketedSessionOptions['backend'],
): Promise<{ backend: 'webgpu' | 'wasm'; reason: string }> {
  const choice = requested ?? 'auto';
  if (choice !== 'auto' && choice !== 'webgpu' && choice !== 'wasm') {
    throw new BucketedSessionError(
      'BAD_OPTIONS',
      `Unknown backend "${String(choice)}": use 'auto', 'webgpu' or 'wasm'.`,
    );
  }
  if (choice === 'wasm') return { backend: 'wasm', reason: 'WASM was requested.' };
  const gpu = (globalThis.navigator as (Navigator & { gpu?: GPU }) | undefined)?.gpu;
  let why = 'this environment exposes no WebGPU (navigator.gpu is missing).';
  if (gpu) {
    const adapter = await gpu.requestAdapter().catch(() => null);
    if (adapter)
      return {
        backend: 'webgpu',
        reason: choice === 'webgpu' ? 'WebGPU was requested.' : 'A WebGPU adapter is available.',
      };
    why = 'no WebGPU adapter was found.';
  }
  if (choice === 'webgpu')
    throw new BucketedSessionError(
      'BACKEND_UNAVAILABLE',
      `WebGPU was requested but ${why} Use backend 'auto' or 'wasm'.`,
    );
  return { backend: 'wasm', reason: `WASM, because ${why}` };
}

/** The bucket list from `buckets` or `auto`, checked; with the notes of an automatic choice. */
export function resolveBuckets(
  options: Pick<BucketedSessionOptions, 'dims' | 'buckets' | 'auto' | 'memoryBudget'>,
  modelBytes: number,
  sessionsPerBucket: number,
): { buckets: number[][]; notes: string[] } {
  const dimCount = options.dims.length;
  if (options.buckets && options.auto)
    throw new BucketedSessionError('BAD_OPTIONS', 'Give `buckets` or `auto`, not both.');
  if (options.buckets) return { buckets: normalizeBuckets(options.buckets, dimCount), notes: [] };
  const auto = options.auto;
  if (!auto || !Array.isArray(auto.samples) || auto.samples.length === 0) {
    throw new BucketedSessionError(
      'BAD_OPTIONS',
      'Give `buckets` (e.g. [32, 64, 128]) or `auto: { samples }` with sample sizes to choose them from.',
    );
  }
  const k = auto.k ?? 4;
  if (dimCount === 1) {
    const memory =
      options.memoryBudget === undefined
        ? undefined
        : { budgetBytes: options.memoryBudget / sessionsPerBucket, modelBytes };
    const samples = auto.samples as readonly number[];
    if (samples.some((s) => typeof s !== 'number'))
      throw new BucketedSessionError('BAD_OPTIONS', '`auto.samples` must be lengths (numbers) for one bucketed dim.');
    const selection = chooseBuckets(samples, {
      algorithm: auto.algorithm ?? 'optimal',
      k,
      ...(auto.cap !== undefined ? { cap: auto.cap } : {}),
      ...(memory ? { memory } : {}),
    });
    return { buckets: normalizeBuckets(selection.buckets, 1), notes: selection.notes };
  }
  const pairs = auto.samples as readonly (readonly [number, number])[];
  if (pairs.some((s) => !Array.isArray(s) || s.length !== 2))
    throw new BucketedSessionError(
      'BAD_OPTIONS',
      '`auto.samples` must be [height, width] pairs for two bucketed dims.',
    );
  const selection = chooseBuckets2D(
    pairs.map(([h, w]) => ({ h, w })),
    k,
    auto.multipleOf !== undefined ? { multipleOf: auto.multipleOf } : {},
  );
  return {
    buckets: normalizeBuckets(
      selection.buckets.map((b) => [b.h, b.w]),
      2,
    ),
    notes: selection.notes,
  };
}

/** The onnxruntime-web module: the one given, or the package's default export (a peer dependency). */
export async function loadOrt(given: typeof Ort | undefined): Promise<typeof Ort> {
  if (given) return given;
  try {
    return (await import('onnxruntime-web')) as typeof Ort;
  } catch (err) {
    throw new BucketedSessionError(
      'BAD_OPTIONS',
      `Could not import onnxruntime-web (a peer dependency: npm install onnxruntime-web): ${errorMessage(err)}`,
    );
  }
}

/** What a bucketed session knows of its model once the options are checked against the graph. */
export interface ModelLayout {
  io: GraphIO;
  axes: ModelAxes;
  layouts: InputLayout[];
  batchSizes: number[];
  layout: SessionLayout;
  /** The row filling a static batch's empty slots, unpadded; null: all padding. */
  emptyRow: Feeds | null;
}

/** Reads the graph and checks every shape option against it, naming the option and what to do. */
export function describeModel(options: LayoutOptions, bytes: Uint8Array, io?: GraphIO): ModelLayout {
  if (!io) {
    try {
      io = readGraphIO(bytes);
    } catch (err) {
      throw new BucketedSessionError(
        'BAD_MODEL',
        `The model (${bytes.byteLength} bytes) could not be read: ${errorMessage(err)}`,
      );
    }
  }
  const dims = options.dims;
  if (!Array.isArray(dims) || (dims.length !== 1 && dims.length !== 2)) {
    throw new BucketedSessionError(
      'BAD_OPTIONS',
      '`dims` names one free dimension (e.g. ["sequence_length"]) or two (height, width).',
    );
  }
  const axes = resolveModelAxes(io, dims, options.batchDim);
  const batchSizes = normalizeBatchSizes(options.batchSizes);
  if (axes.batchDim === null && batchSizes.some((b) => b !== 1)) {
    throw new BucketedSessionError(
      'BAD_OPTIONS',
      `The model has no free batch dimension, so only batch size 1 can run (got [${batchSizes.join(', ')}]); name it with \`batchDim\` if it has one.`,
    );
  }
  const overflow = options.overflow ?? 'reject';
  if (!['reject', 'truncate', 'windows'].includes(overflow)) {
    throw new BucketedSessionError(
      'BAD_OPTIONS',
      `Unknown overflow "${String(overflow)}": use 'reject', 'truncate' or 'windows'.`,
    );
  }
  if (options.keepPadding === true && overflow === 'windows') {
    throw new BucketedSessionError(
      'BAD_OPTIONS',
      "`keepPadding` returns outputs at the bucket's size, and `overflow: 'windows'` merges windows by their real size: leave one of the two out.",
    );
  }
  const layout = options.sessions ?? 'static';
  if (!['static', 'shared', 'dynamic'].includes(layout)) {
    throw new BucketedSessionError(
      'BAD_OPTIONS',
      `Unknown sessions mode "${String(options.sessions)}": use 'static', 'shared' or 'dynamic'.`,
    );
  }
  if (layout === 'dynamic' && options.kernel) {
    throw new BucketedSessionError(
      'BAD_OPTIONS',
      "A kernel picks buckets, and `sessions: 'dynamic'` runs without them: leave one of the two out.",
    );
  }
  const layouts: InputLayout[] = axes.inputs.map((v) => {
    if (v.batchAxis > 0)
      throw new BucketedSessionError(
        'BAD_MODEL',
        `Input "${v.name}" has the batch on axis ${v.batchAxis}; only a leading batch axis is supported.`,
      );
    return { name: v.name, batchAxis: v.batchAxis, dimAxes: v.dimAxes, padValue: options.padValues?.[v.name] ?? 0 };
  });
  for (const name of Object.keys(options.padValues ?? {})) {
    if (!layouts.some((l) => l.name === name)) {
      throw new BucketedSessionError(
        'BAD_OPTIONS',
        `padValues names "${name}", which is not an input of the model (${layouts.map((l) => l.name).join(', ')}).`,
      );
    }
  }
  const types = Object.fromEntries(io.inputs.map((v) => [v.name, v.type]));
  const emptyRow = options.emptyRow ? emptyRowFeeds(options.emptyRow, layouts, types, dims.length) : null;
  return { io, axes, layouts, batchSizes, layout, emptyRow };
}
