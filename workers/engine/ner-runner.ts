import type * as Ort from 'onnxruntime-web';
import { readGraphIO, type GraphIO } from '../../src/core/onnx/graph-io';
import { planBatches, planDynamicBatches, type Batch } from '../../src/core/routing';
import { summarizeLatencies } from '../../src/core/timing';
import { BucketedSession } from '../../src/lib/bucketed-session';
import type { SessionSet } from '../../src/lib/session-set';
import type { BatchEvent, FeedsInput, SessionLayout } from '../../src/lib/types';
import { WorkerError } from '../../src/protocol/errors';
import type { Backend, BucketLatency, Mode, RunStats } from '../../src/protocol/types';
import { throwIfCancelled, yieldToMessages } from '../cancellation';
import { compileLedger } from './compile-watch';

export interface RunnerModel {
  bytes: Uint8Array;
  idType: 'int64' | 'int32';
  inputNames: string[];
  outputName: string;
  numLabels: number;
  clsId: number;
  padId: number;
}

export interface RunConfig {
  buckets: number[];
  batchSize: number;
  /** Static sessions use WebGPU graph capture (bucketed and pad-to-max modes, WebGPU only). */
  graphCapture?: boolean;
  /**
   * Batch-size buckets of the bucketed modes: smaller static batch sizes a bucket's partial batch runs
   * at instead of empty rows (src/core/routing batchSizeLadder). Absent: every batch has batchSize rows.
   */
  batchSizes?: number[];
}

export interface RunOutput {
  /** Per segment, logits of its tokens, row-major [tokens x labels]. */
  logits: Float32Array[];
  /** Sequence length each segment ran at. */
  shapeOf: number[];
  stats: RunStats;
  /** Wall time of the first run of each shape key that this call created. */
  firstRunByShape: Record<string, number>;
}

/** The NER model's session keys in the worker's SessionSet, apart from the OCR models' ("ocr ..."). */
const NER_KEY_PREFIX = 'ner ';
/** The one dynamic-shape session, run by bucketed-shared and dynamic (the library's shared session). */
export const DYNAMIC_KEY = `${NER_KEY_PREFIX}shared`;

export function latencySummary(values: number[]): { p50: number; p95: number } {
  const { p50, p95 } = summarizeLatencies(values);
  return { p50, p95 };
}

/** How each mode maps onto the library's bucketed session (src/lib): its layout, buckets and batch sizes. */
function layoutOf(mode: Mode, config: RunConfig): { sessions: SessionLayout; buckets: number[]; batchSizes: number[] } {
  const maxBucket = config.buckets[config.buckets.length - 1]!;
  const ladder = config.batchSizes ?? [config.batchSize];
  switch (mode) {
    case 'bucketed':
      return { sessions: 'static', buckets: config.buckets, batchSizes: ladder };
    case 'bucketed-shared':
      return { sessions: 'shared', buckets: config.buckets, batchSizes: ladder };
    case 'pad-to-max':
      return { sessions: 'static', buckets: [maxBucket], batchSizes: [config.batchSize] };
    case 'dynamic':
      return { sessions: 'dynamic', buckets: [maxBucket], batchSizes: [config.batchSize] };
    default: {
      const unknownMode: never = mode;
      throw new WorkerError('BAD_INPUT', `Unknown mode ${String(unknownMode)}`);
    }
  }
}

/**
 * Runs token-id segments through the model in one of the four modes, on the library's BucketedSession
 * (src/lib: routing, padding, batching, the sessions and graph capture are its; one implementation for
 * the app and for library users). This class turns segments into feeds, picks the layout of each mode,
 * and turns the per-call events into the app's run figures (latency per batch, compiles per shape).
 *
 * - bucketed: one static session per (batch, bucket) shape, pinned with freeDimensionOverrides.
 * - bucketed-shared: the same padded shapes through one dynamic-shape session.
 * - pad-to-max: every batch padded to the largest bucket, through that bucket's static session.
 * - dynamic: arrival order, each batch padded to its own longest item, one dynamic session.
 */
export class NerRunner {
  private readonly io: GraphIO;
  /** The name the model gives its sequence axis (input_ids is [batch, sequence]): the bucketed dim. */
  private readonly sequenceDim: string;

  constructor(
    private readonly ort: typeof Ort,
    private readonly pool: SessionSet,
    private readonly model: RunnerModel,
  ) {
    this.io = readGraphIO(model.bytes);
    const name = this.io.inputs.find((v) => v.name === 'input_ids')?.dims?.[1];
    // readModelInputs refused such a model at load, before the loaded model was touched.
    if (typeof name !== 'string')
      throw new WorkerError('BAD_MODEL', "The model's input_ids has no named sequence axis.");
    this.sequenceDim = name;
  }

  get modelBytes(): number {
    return this.model.bytes.byteLength;
  }

  /**
   * The batches a run will make, from the core planner: the bucketed session groups and splits rows
   * with the same rule (src/core `splitRows`), so the shapes are equal (ner-runner.test.ts checks).
   */
  plan(lengths: number[], mode: Mode, config: RunConfig): Batch[] {
    const items = lengths.map((length) => ({ length }));
    const { sessions, buckets } = layoutOf(mode, config);
    if (sessions === 'dynamic') return planDynamicBatches(items, config.batchSize);
    const ladder = mode !== 'pad-to-max' && config.batchSizes ? { batchSizes: config.batchSizes } : {};
    return planBatches(items, buckets, config.batchSize, { policy: 'reject', ...ladder });
  }

  /** Session key of a batch of `rows` rows (default: a full batch) of width `bucket`. */
  keyFor(mode: Mode, bucket: number, config: RunConfig, rows = config.batchSize): string {
    return this.sessionFor(mode, config).sessionKey([bucket], rows);
  }

  /** The mode's bucketed session over the worker's SessionSet: cheap, the sessions live in the set. */
  private sessionFor(mode: Mode, config: RunConfig): BucketedSession {
    const { sessions, buckets, batchSizes } = layoutOf(mode, config);
    // The backend is the set's; graph capture applies only on WebGPU (the library checks).
    return BucketedSession.attach({
      ort: this.ort,
      modelBytes: this.model.bytes,
      io: this.io,
      sessionSet: this.pool,
      keyPrefix: NER_KEY_PREFIX,
      dims: [this.sequenceDim],
      buckets,
      batchSizes,
      sessions,
      graphCapture: config.graphCapture === true,
      padValues: { input_ids: this.model.padId },
      // An empty row is a lone [CLS] (src/core/routing padBatch: the one empty-row policy of app and eval).
      emptyRow: { input_ids: [this.model.clsId], attention_mask: [1] },
    });
  }

  async run(
    segments: number[][],
    mode: Mode,
    config: RunConfig,
    signal: AbortSignal,
    onBatch?: (done: number, total: number) => void,
  ): Promise<RunOutput> {
    const session = this.sessionFor(mode, config);
    const figures = new RunFigures(mode);
    const items = segments.map((ids) => this.feedsOf(ids));
    const started = performance.now();
    let compilesBefore = 0;
    let outputs;
    try {
      outputs = await session.runMany(items, {
        onBatch: async (event) => {
          if (event.phase === 'start') {
            await yieldToMessages();
            throwIfCancelled(signal);
            // Compiles are counted from session creation to the read-back: whatever this batch made the GPU build.
            compileLedger.setScope({ mode, shape: `${event.batchSize}x${event.bucket[0]}` });
            compilesBefore = compileLedger.total();
            return;
          }
          compileLedger.setScope(null);
          figures.add(event, compileLedger.total() - compilesBefore);
          onBatch?.(event.index + 1, event.total);
        },
      });
    } finally {
      compileLedger.setScope(null);
    }
    const logits = outputs.map((out) => {
      const tensor = out[this.model.outputName];
      if (!tensor) throw new WorkerError('BAD_MODEL', `The model produced no "${this.model.outputName}" output.`);
      return tensor.data as Float32Array;
    });
    const realTokens = segments.reduce((s, x) => s + x.length, 0);
    return {
      logits,
      shapeOf: figures.shapeOf(segments.length),
      firstRunByShape: figures.firstRunByShape,
      stats: figures.stats(this.pool.backend, segments.length, realTokens, performance.now() - started),
    };
  }

  /** One segment as a one-row request: its ids, a full mask, and zero segment ids where the model takes them. */
  private feedsOf(ids: number[]): FeedsInput {
    const dims = [1, ids.length];
    const feeds: FeedsInput = {
      input_ids: { data: Int32Array.from(ids), dims },
      attention_mask: { data: new Int32Array(ids.length).fill(1), dims },
    };
    if (this.model.inputNames.includes('token_type_ids'))
      feeds.token_type_ids = { data: new Int32Array(ids.length), dims };
    return feeds;
  }
}

/** The app's figures of one run, gathered from the library's per-call events. */
class RunFigures {
  readonly firstRunByShape: Record<string, number> = {};
  private readonly latencies: number[] = [];
  private readonly itemCounts: number[] = [];
  private readonly rows: number[] = [];
  private readonly compiles: number[] = [];
  private readonly bucketOf = new Map<number, number>();
  private readonly perBucket = new Map<number, { items: number; batches: number; ms: number[] }>();
  private computedTokens = 0;

  constructor(private readonly mode: Mode) {}

  add(event: BatchEvent, compiles: number): void {
    const bucket = event.bucket[0]!;
    const ms = event.runMs ?? 0;
    const shapeKey = `${event.batchSize}x${bucket}`;
    const isStatic = this.mode === 'bucketed' || this.mode === 'pad-to-max';
    // A static shape compiles with its session; a dynamic session compiles each shape on its first run.
    if (event.newSession || (!isStatic && !(shapeKey in this.firstRunByShape))) this.firstRunByShape[shapeKey] ??= ms;
    this.latencies.push(ms);
    this.itemCounts.push(event.rows.length);
    this.rows.push(event.batchSize);
    this.compiles.push(compiles);
    this.computedTokens += event.batchSize * bucket;
    for (const row of event.rows) this.bucketOf.set(row.item, bucket);
    const b = this.perBucket.get(bucket) ?? { items: 0, batches: 0, ms: [] };
    b.items += event.rows.length;
    b.batches += 1;
    b.ms.push(ms);
    this.perBucket.set(bucket, b);
  }

  shapeOf(items: number): number[] {
    return Array.from({ length: items }, (_, i) => this.bucketOf.get(i)!);
  }

  stats(backend: Backend, items: number, realTokens: number, totalMs: number): RunStats {
    const perBucket: BucketLatency[] = [...this.perBucket]
      .sort(([a], [b]) => a - b)
      .map(([bucket, s]) => {
        const { p50, p95 } = latencySummary(s.ms);
        return { bucket, items: s.items, batches: s.batches, p50Ms: p50, p95Ms: p95 };
      });
    return {
      mode: this.mode,
      backend,
      items,
      batches: this.latencies.length,
      realTokens,
      computedTokens: this.computedTokens,
      paddingEfficiency: this.computedTokens > 0 ? realTokens / this.computedTokens : 1,
      totalMs,
      batchLatenciesMs: this.latencies,
      perBucket,
      batchItemCounts: this.itemCounts,
      batchRows: this.rows,
      batchCompiles: this.compiles,
    };
  }
}
