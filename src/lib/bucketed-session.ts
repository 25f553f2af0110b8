import type * as Ort from 'onnxruntime-web';
import { readGraphIO, type GraphIO } from '../core/onnx/graph-io';
import type { Span } from '../core/routing';
import {
  allocateFor,
  concatRows,
  cropOutputRow,
  type DenseTensor,
  type Feeds,
  type InputLayout,
  measureRow,
  mergeWindowOutputs,
  type ModelAxes,
  normalizeBatchSizes,
  normalizeBuckets,
  outputAxes,
  overridesFor,
  padRow,
  planBucketRuns,
  resolveModelAxes,
  routeShape,
  rowCount,
  rowOf,
  stackBatch,
  StatsRecorder,
  toElementType,
  truncateRow,
  windowOfRow,
} from '../core/shapes';
import { BucketedSessionError } from './errors';
import { SessionSet } from './session-set';
import { chooseBackend, loadModelBytes, loadOrt, resolveBuckets } from './setup';
import type {
  BucketedSessionOptions,
  BucketedStats,
  FeedsInput,
  KernelResult,
  OutputTensor,
  RebucketResult,
  RunOutputs,
} from './types';
import { errorMessage } from '../core/errors';

/** One row (or one window of a row) at its bucket's size, ready to be stacked into a batch. */
interface Piece {
  item: number;
  row: number;
  span: Span | null;
  bucketIndex: number;
  feeds: Feeds;
  valid: number[];
}

/** Key of the one dynamic-shape session of `sessions: 'shared'`. */
const SHARED_KEY = 'shared';
const bucketName = (bucket: readonly number[]) => bucket.join('x');

/**
 * An ONNX model that accepts any input size up to its largest bucket and runs it at a few static shapes.
 * Each input row is routed to a bucket (or a user kernel picks one), padded to it, batched with rows of
 * the same bucket into one of the allowed batch sizes, run on that shape's session, and its outputs are
 * cropped back to the real size along the bucketed dims. See docs/LIBRARY.md.
 */
export class BucketedSession {
  private readonly stats_ = new StatsRecorder();
  private disposed = false;

  private constructor(
    private readonly ort: typeof Ort,
    private readonly options: BucketedSessionOptions,
    private readonly io: GraphIO,
    private readonly axes: ModelAxes,
    private readonly layouts: InputLayout[],
    private readonly sessions: SessionSet,
    private buckets: number[][],
    private readonly batchSizes: number[],
    private readonly backend: { backend: 'webgpu' | 'wasm'; reason: string },
    private readonly notes: string[],
  ) {}

  /** Loads the model, reads its inputs and outputs, chooses the backend and the buckets. Sessions come lazily or with warmup(). */
  static async create(options: BucketedSessionOptions): Promise<BucketedSession> {
    if (!options || typeof options !== 'object')
      throw new BucketedSessionError('BAD_OPTIONS', 'BucketedSession.create needs an options object.');
    const ort = await loadOrt(options.ort);
    const bytes = await loadModelBytes(options.model, options.onProgress);
    let io: GraphIO;
    try {
      io = readGraphIO(bytes);
    } catch (err) {
      throw new BucketedSessionError(
        'BAD_MODEL',
        `The model (${bytes.byteLength} bytes) could not be read: ${errorMessage(err)}`,
      );
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
    if (options.sessions !== undefined && options.sessions !== 'static' && options.sessions !== 'shared') {
      throw new BucketedSessionError(
        'BAD_OPTIONS',
        `Unknown sessions mode "${String(options.sessions)}": use 'static' or 'shared'.`,
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
    const { buckets, notes } = resolveBuckets(options, bytes.byteLength, batchSizes.length);
    const backend = await chooseBackend(options.backend);
    if (options.graphCapture === true) {
      if (backend.backend === 'webgpu') {
        throw new BucketedSessionError(
          'GRAPH_CAPTURE_UNSUPPORTED',
          'graphCapture is not supported by the library yet: it needs every input and output bound to GPU buffers. Leave it out.',
        );
      }
      notes.push('graphCapture is a WebGPU feature and was ignored on WASM.');
    }
    // Filled in once the session exists; the compile hook below only fires after that.
    const created: { session?: BucketedSession } = {};
    const sessions = new SessionSet(ort, {
      modelBytes: bytes,
      backend: backend.backend,
      ...(options.memoryBudget !== undefined ? { memoryBudget: options.memoryBudget } : {}),
      ...(options.sessionOptions ? { sessionOptions: options.sessionOptions } : {}),
      onCreate: (key, ms) => {
        created.session?.stats_.recordCompile(key === SHARED_KEY ? null : key.split('@')[0]);
        options.onProgress?.({ phase: 'session', key, ms });
      },
    });
    created.session = new BucketedSession(
      ort,
      options,
      io,
      axes,
      layouts,
      sessions,
      buckets,
      batchSizes,
      backend,
      notes,
    );
    return created.session;
  }

  /** The buckets in use, one size per bucketed dim each. */
  get bucketList(): number[][] {
    return this.buckets.map((b) => [...b]);
  }

  /** Runs one request of any batch size; outputs sliced back to the real size along the bucketed dims. */
  async run(feeds: FeedsInput): Promise<RunOutputs> {
    return (await this.runMany([feeds]))[0];
  }

  /** Routes every row of every item, batches rows per bucket, and returns each item's outputs in input order. */
  async runMany(items: readonly FeedsInput[]): Promise<RunOutputs[]> {
    this.assertAlive();
    if (!Array.isArray(items))
      throw new BucketedSessionError('BAD_FEEDS', 'runMany takes a list of feeds, one per item.');
    const pieces: Piece[] = [];
    const rowsOf: number[] = [];
    const rowSize = new Map<string, number>();
    items.forEach((item, i) => {
      const dense = this.toDense(item, i);
      const rows = rowCount(dense, this.layouts);
      rowsOf.push(rows);
      for (let r = 0; r < rows; r++) {
        const row = rowOf(dense, this.layouts, r);
        const sizes = measureRow(row, this.layouts, this.options.dims);
        rowSize.set(`${i}/${r}`, sizes[0]);
        for (const p of this.piecesOf(row, sizes)) pieces.push({ item: i, row: r, ...p });
      }
    });
    const outputs: Record<string, OutputTensor & { axes: number[] }>[] = new Array(pieces.length);
    for (const run of planBucketRuns(
      pieces.map((p) => p.bucketIndex),
      this.batchSizes,
    )) {
      const bucket = this.buckets[run.bucketIndex];
      const batch = stackBatch(
        run.pieces.map((p) => pieces[p].feeds),
        this.layouts,
        run.batchSize,
      );
      const started = performance.now();
      const result = await this.runBatch(bucket, run.batchSize, batch);
      const ms = performance.now() - started;
      run.pieces.forEach((p, r) => {
        const out: Record<string, OutputTensor & { axes: number[] }> = {};
        for (const [name, t] of Object.entries(result)) {
          const named = this.axes.outputs.find((o) => o.name === name);
          const axes = outputAxes(
            named?.dimAxes ?? this.options.dims.map(() => -1),
            this.inputAxesOfDims(),
            t.dims,
            bucket,
          );
          const hasBatch = this.axes.batchDim !== null && t.dims[0] === run.batchSize;
          out[name] = { ...cropOutputRow(t, r, axes, pieces[p].valid, hasBatch), type: t.type, axes };
        }
        outputs[p] = out;
      });
      const area = bucket.reduce((a, b) => a * b, 1);
      this.stats_.recordRun(
        bucketName(bucket),
        area,
        run.batchSize,
        run.pieces.map((p) => pieces[p].valid.reduce((a, b) => a * b, 1)),
        ms,
      );
    }
    return items.map((_, i) => this.gatherItem(i, rowsOf[i], pieces, outputs, rowSize));
  }

  /** Creates every session and runs each shape once with an all-padding batch, so that first requests pay no compile. */
  async warmup(): Promise<void> {
    this.assertAlive();
    const shapes = this.buckets.flatMap((bucket) => this.batchSizes.map((batchSize) => ({ bucket, batchSize })));
    let done = 0;
    for (const { bucket, batchSize } of shapes) {
      const feeds: Feeds = {};
      for (const v of this.io.inputs) {
        const dims = (v.dims ?? []).map((d, axis) => {
          const layout = this.layouts.find((l) => l.name === v.name)!;
          const dimIndex = layout.dimAxes.indexOf(axis);
          if (dimIndex >= 0) return bucket[dimIndex];
          if (axis === layout.batchAxis) return batchSize;
          if (typeof d === 'number') return d;
          throw new BucketedSessionError(
            'BAD_MODEL',
            `warmup cannot size axis ${axis} ("${String(d)}") of input "${v.name}": it is neither the batch nor a bucketed dim.`,
          );
        });
        const data = allocateFor(
          v.type,
          dims.reduce((a, b) => a * b, 1),
        );
        const pad = this.layouts.find((l) => l.name === v.name)!.padValue;
        if (pad !== 0) (data as Float32Array).fill((typeof data[0] === 'bigint' ? BigInt(pad) : pad) as number);
        feeds[v.name] = { data, dims };
      }
      await this.runBatch(bucket, batchSize, feeds);
      this.options.onProgress?.({
        phase: 'warmup',
        done: ++done,
        total: shapes.length,
        key: this.sessionKey(bucket, batchSize),
      });
    }
  }

  stats(): BucketedStats {
    return {
      ...this.stats_.summary(this.buckets.map(bucketName)),
      backend: this.backend.backend,
      backendReason: this.backend.reason,
      buckets: this.bucketList,
      batchSizes: [...this.batchSizes],
      sessions: this.options.sessions ?? 'static',
      liveSessions: this.sessions.keys().length,
      weightBytes: this.sessions.weightBytes,
      notes: [...this.notes],
    };
  }

  /** Switches to new buckets, releasing the sessions of buckets that went and keeping those that stay. */
  async rebucket(sizes: readonly (number | readonly number[])[]): Promise<RebucketResult> {
    this.assertAlive();
    const next = normalizeBuckets(sizes, this.options.dims.length);
    const before = new Set(this.buckets.map(bucketName));
    const after = new Set(next.map(bucketName));
    this.buckets = next;
    await this.sessions.releaseAll((key) => key === SHARED_KEY || after.has(key.split('@')[0]));
    return {
      kept: [...after].filter((b) => before.has(b)),
      added: [...after].filter((b) => !before.has(b)),
      removed: [...before].filter((b) => !after.has(b)),
    };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.sessions.releaseAll();
  }

  private assertAlive(): void {
    if (this.disposed)
      throw new BucketedSessionError('DISPOSED', 'This BucketedSession was disposed; create a new one.');
  }

  private sessionKey(bucket: readonly number[], batchSize: number): string {
    return `${bucketName(bucket)}@${batchSize}`;
  }

  private inputAxesOfDims(): number[] {
    return this.options.dims.map((_, i) => this.layouts.find((l) => l.dimAxes[i] >= 0)?.dimAxes[i] ?? -1);
  }

  private toDense(item: FeedsInput, index: number): Feeds {
    if (!item || typeof item !== 'object')
      throw new BucketedSessionError(
        'BAD_FEEDS',
        `Item ${index} is not a feeds object (input name -> { data, dims }).`,
      );
    const out: Feeds = {};
    for (const v of this.io.inputs) {
      const t = item[v.name];
      if (!t || !t.data || !Array.isArray(t.dims)) {
        throw new BucketedSessionError(
          'BAD_FEEDS',
          `Item ${index} lacks the input "${v.name}"; the model takes ${this.io.inputs.map((x) => x.name).join(', ')}.`,
        );
      }
      out[v.name] = { data: toElementType(t.data, v.type, `Input "${v.name}" of item ${index}`), dims: [...t.dims] };
    }
    return out;
  }

  /** A row as pieces at bucket size: through the user's kernel, or routed with the overflow policy. */
  private piecesOf(row: Feeds, sizes: number[]): Omit<Piece, 'item' | 'row'>[] {
    const kernel = this.options.kernel;
    if (kernel) {
      const result: KernelResult = kernel(row, {
        buckets: this.buckets,
        dims: this.options.dims,
        sizes,
        pad: (r, b) => padRow(r, this.layouts, this.buckets[b]),
      });
      const bucket = this.buckets[result?.bucketIndex];
      if (!bucket)
        throw new BucketedSessionError(
          'BAD_KERNEL',
          `The kernel chose bucket index ${String(result?.bucketIndex)}, but there are ${this.buckets.length} buckets.`,
        );
      const got = measureRow(result.feeds, this.layouts, this.options.dims);
      if (got.some((g, i) => g !== bucket[i])) {
        throw new BucketedSessionError(
          'BAD_KERNEL',
          `The kernel returned feeds of size ${bucketName(got)} for bucket ${bucketName(bucket)}; pad them to the bucket (context.pad does).`,
        );
      }
      return [
        { span: null, bucketIndex: result.bucketIndex, feeds: result.feeds, valid: [...(result.valid ?? sizes)] },
      ];
    }
    const route = routeShape(sizes, this.buckets, this.options.overflow ?? 'reject', this.options.windowStride);
    const bucket = this.buckets[route.bucketIndex];
    if (route.kind === 'fit')
      return [{ span: null, bucketIndex: route.bucketIndex, feeds: padRow(row, this.layouts, bucket), valid: sizes }];
    if (route.kind === 'truncate') {
      return [
        {
          span: null,
          bucketIndex: route.bucketIndex,
          feeds: padRow(truncateRow(row, this.layouts, route.keep), this.layouts, bucket),
          valid: route.keep,
        },
      ];
    }
    return route.windows.map((span) => ({
      span,
      bucketIndex: route.bucketIndex,
      feeds: padRow(windowOfRow(row, this.layouts, span), this.layouts, bucket),
      valid: [span.end - span.start],
    }));
  }

  private gatherItem(
    item: number,
    rows: number,
    pieces: Piece[],
    outputs: Record<string, OutputTensor & { axes: number[] }>[],
    rowSize: Map<string, number>,
  ): RunOutputs {
    const perRow: Record<string, OutputTensor>[] = [];
    for (let r = 0; r < rows; r++) {
      const mine = pieces.map((p, i) => ({ p, out: outputs[i] })).filter(({ p }) => p.item === item && p.row === r);
      if (mine.length === 1) {
        perRow.push(mine[0].out);
        continue;
      }
      const merged: Record<string, OutputTensor> = {};
      for (const name of Object.keys(mine[0].out)) {
        const axis = mine[0].out[name].axes[0];
        if (axis < 0)
          throw new BucketedSessionError(
            'BAD_MODEL',
            `Output "${name}" has no bucketed axis, so its windows cannot be merged; use overflow 'truncate'.`,
          );
        const parts = mine.map(({ p, out }) => ({ span: p.span!, output: out[name] as DenseTensor }));
        merged[name] = {
          ...mergeWindowOutputs(parts, axis, rowSize.get(`${item}/${r}`)!),
          type: mine[0].out[name].type,
        };
      }
      perRow.push(merged);
    }
    const result: RunOutputs = {};
    for (const name of Object.keys(perRow[0] ?? {})) {
      const t = concatRows(
        perRow.map((o) => o[name]),
        this.axes.batchDim !== null,
      );
      result[name] = { data: t.data, dims: t.dims, type: perRow[0][name].type };
    }
    return result;
  }

  /** One model call on the shape's session (or the shared one); outputs as plain tensors. */
  private async runBatch(
    bucket: readonly number[],
    batchSize: number,
    feeds: Feeds,
  ): Promise<Record<string, OutputTensor>> {
    const shared = this.options.sessions === 'shared';
    const session = await this.sessions.get(
      shared
        ? { key: SHARED_KEY }
        : {
            key: this.sessionKey(bucket, batchSize),
            freeDimensionOverrides: overridesFor(this.axes, this.options.dims, bucket, batchSize),
          },
    );
    const tensors: Record<string, Ort.Tensor> = {};
    for (const v of this.io.inputs) {
      const t = feeds[v.name];
      tensors[v.name] = new this.ort.Tensor(v.type as 'float32', t.data as Float32Array, t.dims);
    }
    return this.sessions.serial(async () => {
      const result = await session.run(tensors);
      const out: Record<string, OutputTensor> = {};
      for (const [name, tensor] of Object.entries(result)) {
        out[name] = {
          data: (await tensor.getData()) as DenseTensor['data'],
          dims: [...tensor.dims],
          type: tensor.type,
        };
        tensor.dispose();
      }
      return out;
    });
  }
}
