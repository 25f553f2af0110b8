import type * as Ort from 'onnxruntime-web';
import type { GraphIO } from '../core/onnx/graph-io';
import {
  type Feeds,
  measureRow,
  normalizeBuckets,
  padRow,
  rowCount,
  rowOf,
  stackBatch,
  StatsRecorder,
} from '../core/shapes';
import { type BatchResult, executeBatch, type ExecutorContext } from './batch-executor';
import { cropCallOutputs, denseFeeds, emptyBatch, planCalls } from './batch-plan';
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
  /** Default: the set's backend. */
  backend?: BackendChoice;
  /**
   * Prefix of this session's keys in the set, apart from the other models' sessions there. Default: one
   * per model bytes object ("model1 ", ...), so attaching the same bytes again shares its sessions.
   */
  keyPrefix?: string;
}

/** Key prefixes of attached sessions by model bytes: two models never share a key in one set. */
const modelPrefixes = new WeakMap<Uint8Array, string>();
let modelCount = 0;
function defaultKeyPrefix(bytes: Uint8Array): string {
  let prefix = modelPrefixes.get(bytes);
  if (prefix === undefined) {
    prefix = `model${++modelCount} `;
    modelPrefixes.set(bytes, prefix);
  }
  return prefix;
}

/** The options a session keeps after it is made. */
type KeptOptions = Omit<BucketedSessionOptions, 'model' | 'ort' | 'backend' | 'memoryBudget' | 'sessionOptions'>;

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
   * live in the set, so two attached sessions with equal keys share them, and one memory budget and
   * memory report cover every model in the set. dispose() releases only this session's keys.
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
      options.backend ?? { backend: options.sessionSet.backend, reason: "The session set's backend." },
      notes,
      options.keyPrefix ?? defaultKeyPrefix(options.modelBytes),
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
      const dense = denseFeeds(this.model, item, i);
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
    const calls = planCalls(this.model, this.buckets, pieces);
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
      const result = await this.execute(call.bucket, call.batchSize, stackBatch(rows, layouts, call.batchSize));
      cropCallOutputs(
        this.model,
        this.options.dims,
        this.options.keepPadding === true,
        call,
        pieces,
        result.outputs,
        outputs,
      );
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
      await this.execute(bucket, batchSize, emptyBatch(this.model, this.options.dims, bucket, batchSize));
      const key = this.sessionKey(bucket, batchSize);
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

  /** One model call at a shape on its session; a session it had to create counts as a compile of that bucket. */
  private async execute(bucket: readonly number[], batchSize: number, feeds: Feeds): Promise<BatchResult> {
    const { layout } = this.model;
    const key = this.sessionKey(bucket, batchSize);
    const result = await executeBatch(
      this.executor,
      { key, layout, bucket, batchSize, graphCapture: this.captures() },
      feeds,
    );
    // A shared session serves every bucket, so its creation counts in the total only.
    if (result.newSession) this.stats_.recordCompile(layout === 'static' ? bucketName(bucket) : null);
    return result;
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
}
