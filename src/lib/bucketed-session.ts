import type * as Ort from 'onnxruntime-web';
import type { GraphIO } from '../core/onnx/graph-io';
import {
  allocateFor,
  cropOutputRow,
  type Feeds,
  measureRow,
  normalizeBuckets,
  outputAxes,
  overridesFor,
  padRow,
  planBucketRuns,
  planDynamicRuns,
  rowCount,
  rowOf,
  stackBatch,
  staticDims,
  StatsRecorder,
  toElementType,
} from '../core/shapes';
import { executeBatch, type ExecutorContext } from './batch-executor';
import { BucketedSessionError } from './errors';
import { bucketName, gatherItem, type Piece, type PieceOutputs, piecesOfRow, type RouteContext } from './row-pieces';
import { SessionSet } from './session-set';
import { yieldToMessages } from './yield-to-messages';
import { chooseBackend, describeModel, loadModelBytes, loadOrt, type ModelLayout, resolveBuckets } from './setup';
import type {
  BatchEvent,
  BucketedSessionOptions,
  BucketedStats,
  FeedsInput,
  RebucketResult,
  RunManyOptions,
  RunOutputs,
} from './types';

/** Key of the one dynamic-shape session of the 'shared' and 'dynamic' layouts. */
const SHARED_KEY = 'shared';

/** A backend and why it was chosen. */
export interface BackendChoice {
  backend: 'webgpu' | 'wasm';
  reason: string;
}

/**
 * What `BucketedSession.attach` needs: a host that already holds the model's bytes, a SessionSet (which
 * may hold other models' sessions too) and a chosen backend, as the bucketwise app's worker does.
 */
export interface AttachOptions extends Omit<
  BucketedSessionOptions,
  'model' | 'backend' | 'ort' | 'memoryBudget' | 'sessionOptions' | 'onProgress'
> {
  ort: typeof Ort;
  modelBytes: Uint8Array;
  /** The graph's inputs and outputs when already read; read from the bytes otherwise. */
  io?: GraphIO;
  sessionSet: SessionSet;
  backend: BackendChoice;
  /** Prefix of this session's keys in the set, apart from the other models' sessions there. */
  keyPrefix?: string;
}

/** The options a session keeps after it is made. */
type KeptOptions = Omit<BucketedSessionOptions, 'model' | 'ort' | 'backend' | 'memoryBudget' | 'sessionOptions'>;

/** One model call of a plan: pieces padded to `bucket`, stacked into `batchSize` rows. */
interface Call {
  bucket: number[];
  batchSize: number;
  pieces: number[];
}

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
    private readonly options: KeptOptions,
    private readonly model: ModelLayout,
    private readonly executor: ExecutorContext,
    private buckets: number[][],
    private readonly backend: BackendChoice,
    private readonly notes: string[],
    private readonly keyPrefix: string,
  ) {}

  /** Loads the model, reads its inputs and outputs, chooses the backend and the buckets. Sessions come lazily or with warmup(). */
  static async create(options: BucketedSessionOptions): Promise<BucketedSession> {
    if (!options || typeof options !== 'object')
      throw new BucketedSessionError('BAD_OPTIONS', 'BucketedSession.create needs an options object.');
    const ort = await loadOrt(options.ort);
    const bytes = await loadModelBytes(options.model, options.onProgress);
    const model = describeModel(options, bytes);
    const { buckets, notes } = resolveBuckets(options, bytes.byteLength, model.batchSizes.length);
    const backend = await chooseBackend(options.backend);
    const sessionSet = new SessionSet(ort, {
      modelBytes: bytes,
      backend: backend.backend,
      ...(options.memoryBudget !== undefined ? { memoryBudget: options.memoryBudget } : {}),
      ...(options.sessionOptions ? { sessionOptions: options.sessionOptions } : {}),
      onCreate: (key, ms) => options.onProgress?.({ phase: 'session', key, ms }),
    });
    return BucketedSession.build(options, model, ort, bytes, sessionSet, buckets, backend, notes, '');
  }

  /**
   * A bucketed session over a SessionSet its host already owns (several models' sessions in one set, one
   * memory report): no download, no backend choice. Cheap: make one per bucket configuration; sessions
   * live in the set, so two attached sessions with equal keys share them. Not disposed by its maker.
   * For hosts inside bucketwise (the app's worker): SessionSet is not exported from the package yet.
   */
  static attach(options: AttachOptions): BucketedSession {
    const model = describeModel(options, options.modelBytes, options.io);
    const { buckets, notes } = resolveBuckets(options, options.modelBytes.byteLength, model.batchSizes.length);
    return BucketedSession.build(
      options,
      model,
      options.ort,
      options.modelBytes,
      options.sessionSet,
      buckets,
      options.backend,
      notes,
      options.keyPrefix ?? '',
    );
  }

  private static build(
    options: KeptOptions,
    model: ModelLayout,
    ort: typeof Ort,
    modelBytes: Uint8Array,
    sessions: SessionSet,
    buckets: number[][],
    backend: BackendChoice,
    notes: string[],
    keyPrefix: string,
  ): BucketedSession {
    if (options.graphCapture === true && backend.backend !== 'webgpu')
      notes.push('graphCapture is a WebGPU feature and was ignored on WASM.');
    else if (options.graphCapture === true && model.layout !== 'static')
      notes.push(`graphCapture applies to static sessions and was ignored with sessions: '${model.layout}'.`);
    const executor: ExecutorContext = { ort, io: model.io, axes: model.axes, dims: options.dims, sessions, modelBytes };
    return new BucketedSession(options, model, executor, buckets, backend, notes, keyPrefix);
  }

  /** The buckets in use, one size per bucketed dim each. */
  get bucketList(): number[][] {
    return this.buckets.map((b) => [...b]);
  }

  /** The key of the onnxruntime session that runs `batchSize` rows at `bucket` (one for every shape unless static). */
  sessionKey(bucket: readonly number[], batchSize: number): string {
    if (this.model.layout !== 'static') return `${this.keyPrefix}${SHARED_KEY}`;
    return `${this.keyPrefix}${bucketName(bucket)}@${batchSize}${this.captures() ? ' graph' : ''}`;
  }

  /** Runs one request of any batch size; outputs sliced back to the real size along the bucketed dims. */
  async run(feeds: FeedsInput, options: RunManyOptions = {}): Promise<RunOutputs> {
    return (await this.runMany([feeds], options))[0];
  }

  /** Routes every row of every item, batches rows per bucket, and returns each item's outputs in input order. */
  async runMany(items: readonly FeedsInput[], options: RunManyOptions = {}): Promise<RunOutputs[]> {
    this.assertAlive();
    if (!Array.isArray(items))
      throw new BucketedSessionError('BAD_FEEDS', 'runMany takes a list of feeds, one per item.');
    const { layouts } = this.model;
    const pieces: Piece[] = [];
    const rowsOf: number[] = [];
    const rowSize = new Map<string, number>();
    const route = this.routeContext();
    items.forEach((item, i) => {
      const dense = this.toDense(item, i);
      const rows = rowCount(dense, layouts);
      rowsOf.push(rows);
      for (let r = 0; r < rows; r++) {
        const row = rowOf(dense, layouts, r);
        const sizes = measureRow(row, layouts, this.options.dims);
        rowSize.set(`${i}/${r}`, sizes[0]);
        for (const p of piecesOfRow(route, row, sizes)) pieces.push({ item: i, row: r, ...p });
      }
    });
    const outputs: PieceOutputs[] = new Array(pieces.length);
    const calls = this.planCalls(pieces);
    for (const [index, call] of calls.entries()) {
      // An abort may be waiting in the event queue behind WASM runs that never yielded to it.
      if (options.signal && index > 0) await yieldToMessages();
      if (options.signal?.aborted) {
        const reason: unknown = options.signal.reason;
        throw reason instanceof Error ? reason : new BucketedSessionError('ABORTED', 'runMany was aborted.');
      }
      const event: Omit<BatchEvent, 'phase'> = {
        index,
        total: calls.length,
        bucket: [...call.bucket],
        batchSize: call.batchSize,
        rows: call.pieces.map((p) => ({ item: pieces[p].item, row: pieces[p].row, valid: [...pieces[p].valid] })),
        sessionKey: this.sessionKey(call.bucket, call.batchSize),
      };
      await options.onBatch?.({ phase: 'start', ...event });
      const rows = call.pieces.map((p) => padRow(pieces[p].feeds, layouts, call.bucket));
      const emptyRow = this.model.emptyRow;
      if (emptyRow && this.model.layout !== 'dynamic') {
        const filler = padRow(emptyRow, layouts, call.bucket);
        while (rows.length < call.batchSize) rows.push(filler);
      }
      const result = await executeBatch(
        this.executor,
        {
          key: event.sessionKey,
          layout: this.model.layout,
          bucket: call.bucket,
          batchSize: call.batchSize,
          graphCapture: this.captures(),
        },
        stackBatch(rows, layouts, call.batchSize),
      );
      this.cropInto(outputs, call, pieces, result.outputs);
      if (result.newSession) this.stats_.recordCompile(this.model.layout === 'static' ? bucketName(call.bucket) : null);
      this.stats_.recordRun(
        bucketName(call.bucket),
        call.bucket.reduce((a, b) => a * b, 1),
        call.batchSize,
        call.pieces.map((p) => pieces[p].valid.reduce((a, b) => a * b, 1)),
        result.sessionMs + result.runMs,
      );
      await options.onBatch?.({
        phase: 'end',
        ...event,
        newSession: result.newSession,
        sessionMs: result.sessionMs,
        runMs: result.runMs,
      });
    }
    const hasBatchAxis = this.model.axes.batchDim !== null;
    return items.map((_, i) => gatherItem(i, rowsOf[i], pieces, outputs, rowSize, hasBatchAxis));
  }

  /**
   * Creates every session and runs each shape once with a batch of empty rows, so that first requests pay
   * no compile. With `sessions: 'dynamic'` the one session runs once at the largest bucket and batch size.
   */
  async warmup(): Promise<void> {
    this.assertAlive();
    const { batchSizes, layout } = this.model;
    const shapes =
      layout === 'dynamic'
        ? [{ bucket: this.buckets[this.buckets.length - 1], batchSize: batchSizes[batchSizes.length - 1] }]
        : this.buckets.flatMap((bucket) => batchSizes.map((batchSize) => ({ bucket, batchSize })));
    let done = 0;
    for (const { bucket, batchSize } of shapes) {
      const key = this.sessionKey(bucket, batchSize);
      const target = { key, layout, bucket, batchSize, graphCapture: this.captures() };
      const result = await executeBatch(this.executor, target, this.emptyBatch(bucket, batchSize));
      if (result.newSession) this.stats_.recordCompile(layout === 'static' ? bucketName(bucket) : null);
      this.options.onProgress?.({ phase: 'warmup', done: ++done, total: shapes.length, key });
    }
  }

  stats(): BucketedStats {
    const mine = this.executor.sessions.keys().filter((k) => k.startsWith(this.keyPrefix));
    return {
      ...this.stats_.summary(this.buckets.map(bucketName)),
      backend: this.backend.backend,
      backendReason: this.backend.reason,
      buckets: this.bucketList,
      batchSizes: [...this.model.batchSizes],
      sessions: this.model.layout,
      liveSessions: mine.length,
      weightBytes: this.executor.sessions.weightBytes,
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
    const prefix = this.keyPrefix;
    await this.executor.sessions.releaseAll(
      (key) =>
        !key.startsWith(prefix) ||
        key === `${prefix}${SHARED_KEY}` ||
        after.has(key.slice(prefix.length).split('@')[0]),
    );
    return {
      kept: [...after].filter((b) => before.has(b)),
      added: [...after].filter((b) => !before.has(b)),
      removed: [...before].filter((b) => !after.has(b)),
    };
  }

  /** Releases this session's onnxruntime sessions (those under its key prefix when attached to a host's set). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.executor.sessions.releaseAll((key) => !key.startsWith(this.keyPrefix));
  }

  private captures(): boolean {
    return this.options.graphCapture === true && this.backend.backend === 'webgpu' && this.model.layout === 'static';
  }

  private assertAlive(): void {
    if (this.disposed)
      throw new BucketedSessionError('DISPOSED', 'This BucketedSession was disposed; create a new one.');
  }

  private routeContext(): RouteContext {
    return {
      buckets: this.buckets,
      dims: this.options.dims,
      layouts: this.model.layouts,
      overflow: this.options.overflow ?? 'reject',
      ...(this.options.windowStride !== undefined ? { windowStride: this.options.windowStride } : {}),
      ...(this.options.kernel ? { kernel: this.options.kernel } : {}),
    };
  }

  /** Bucketed layouts: rows grouped per bucket into the batch sizes. Dynamic: arrival order, padded per batch. */
  private planCalls(pieces: readonly Piece[]): Call[] {
    const { batchSizes, layout } = this.model;
    if (layout === 'dynamic') {
      return planDynamicRuns(
        pieces.map((p) => p.valid),
        batchSizes[batchSizes.length - 1],
      ).map((run) => ({ bucket: run.shape, batchSize: run.pieces.length, pieces: run.pieces }));
    }
    return planBucketRuns(
      pieces.map((p) => p.bucketIndex),
      batchSizes,
    ).map((run) => ({ bucket: this.buckets[run.bucketIndex], batchSize: run.batchSize, pieces: run.pieces }));
  }

  /** Each piece's outputs cropped to its real size along the bucketed dims (to the call's shape with `keepPadding`). */
  private cropInto(
    outputs: PieceOutputs[],
    call: Call,
    pieces: readonly Piece[],
    result: Record<string, { data: Feeds[string]['data']; dims: number[]; type: string }>,
  ): void {
    const inputAxes = this.options.dims.map(
      (_, i) => this.model.layouts.find((l) => l.dimAxes[i] >= 0)?.dimAxes[i] ?? -1,
    );
    call.pieces.forEach((p, r) => {
      const out: PieceOutputs = {};
      for (const [name, t] of Object.entries(result)) {
        const named = this.model.axes.outputs.find((o) => o.name === name);
        const axes = outputAxes(named?.dimAxes ?? this.options.dims.map(() => -1), inputAxes, t.dims, call.bucket);
        const hasBatch = this.model.axes.batchDim !== null && t.dims[0] === call.batchSize;
        const keep = this.options.keepPadding === true ? call.bucket : pieces[p].valid;
        out[name] = { ...cropOutputRow(t, r, axes, keep, hasBatch), type: t.type, axes };
      }
      outputs[p] = out;
    });
  }

  /** A batch of empty rows at one shape: the `emptyRow` filler, or padding in every input. */
  private emptyBatch(bucket: readonly number[], batchSize: number): Feeds {
    const { layouts, emptyRow, io, axes } = this.model;
    if (emptyRow) {
      const filler = padRow(emptyRow, layouts, bucket);
      return stackBatch(
        Array.from({ length: batchSize }, () => filler),
        layouts,
        batchSize,
      );
    }
    const overrides = overridesFor(axes, this.options.dims, bucket, batchSize);
    const feeds: Feeds = {};
    for (const v of io.inputs) {
      const dims = staticDims(v, overrides);
      if (!dims) {
        throw new BucketedSessionError(
          'BAD_MODEL',
          `warmup cannot size input "${v.name}" ([${(v.dims ?? []).join(', ')}]): an axis is neither the batch, a bucketed dim nor fixed.`,
        );
      }
      const data = allocateFor(
        v.type,
        dims.reduce((a, b) => a * b, 1),
      );
      const pad = layouts.find((l) => l.name === v.name)!.padValue;
      if (pad !== 0) (data as Float32Array).fill((typeof data[0] === 'bigint' ? BigInt(pad) : pad) as number);
      feeds[v.name] = { data, dims };
    }
    return feeds;
  }

  private toDense(item: FeedsInput, index: number): Feeds {
    if (!item || typeof item !== 'object')
      throw new BucketedSessionError(
        'BAD_FEEDS',
        `Item ${index} is not a feeds object (input name -> { data, dims }).`,
      );
    const out: Feeds = {};
    for (const v of this.model.io.inputs) {
      const t = item[v.name];
      if (!t || !t.data || !Array.isArray(t.dims)) {
        throw new BucketedSessionError(
          'BAD_FEEDS',
          `Item ${index} lacks the input "${v.name}"; the model takes ${this.model.io.inputs.map((x) => x.name).join(', ')}.`,
        );
      }
      out[v.name] = { data: toElementType(t.data, v.type, `Input "${v.name}" of item ${index}`), dims: [...t.dims] };
    }
    return out;
  }
}
