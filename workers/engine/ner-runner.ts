import type * as Ort from 'onnxruntime-web';
import { padBatch, planBatches, planDynamicBatches, type Batch } from '../../src/core/routing';
import { summarizeLatencies } from '../../src/core/timing';
import { WorkerError } from '../../src/protocol/errors';
import type { Backend, BucketLatency, Mode, RunStats } from '../../src/protocol/types';
import { throwIfCancelled, yieldToMessages } from '../cancellation';
import { compileLedger } from './compile-watch';
import { GpuIo } from './graph-capture';
import type { SessionSet } from '../../src/lib/session-set';

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

export const staticKey = (batch: number, length: number, graphCapture = false) =>
  `static ${batch}x${length}${graphCapture ? ' graph' : ''}`;
export const DYNAMIC_KEY = 'dynamic';

export function latencySummary(values: number[]): { p50: number; p95: number } {
  const { p50, p95 } = summarizeLatencies(values);
  return { p50, p95 };
}

/**
 * Runs token-id segments through the model in one of the four modes. The batch plan comes from the
 * core planner; this class only turns batches into tensors, picks the session each mode uses, times
 * `run` (including the read-back of the logits) and slices the real tokens back out.
 *
 * - bucketed: one static session per (batch, bucket) shape, pinned with freeDimensionOverrides.
 * - bucketed-shared: the same padded shapes through one dynamic-shape session.
 * - pad-to-max: every batch padded to the largest bucket, through that bucket's static session.
 * - dynamic: arrival order, each batch padded to its own longest item, one dynamic session.
 */
export class NerRunner {
  /** Persistent GPU inputs/outputs of graph-captured sessions, by session key. */
  private readonly gpuIo = new Map<string, GpuIo>();

  constructor(
    private readonly ort: typeof Ort,
    private readonly pool: SessionSet,
    private readonly model: RunnerModel,
    private readonly backend: () => Backend,
  ) {}

  get modelBytes(): number {
    return this.model.bytes.byteLength;
  }

  plan(lengths: number[], mode: Mode, config: RunConfig): Batch[] {
    const items = lengths.map((length) => ({ length }));
    const maxBucket = config.buckets[config.buckets.length - 1]!;
    switch (mode) {
      case 'bucketed':
      case 'bucketed-shared':
        return planBatches(items, config.buckets, config.batchSize, {
          policy: 'reject',
          ...(config.batchSizes ? { batchSizes: config.batchSizes } : {}),
        });
      case 'pad-to-max':
        return planBatches(items, [maxBucket], config.batchSize, { policy: 'reject' });
      case 'dynamic':
        return planDynamicBatches(items, config.batchSize);
      default: {
        const unknownMode: never = mode;
        throw new WorkerError('BAD_INPUT', `Unknown mode ${String(unknownMode)}`);
      }
    }
  }

  /** Session of a batch of `rows` rows (default: a full batch) of width `bucket`. */
  keyFor(mode: Mode, bucket: number, config: RunConfig, rows = config.batchSize): string {
    if (mode === 'bucketed' || mode === 'pad-to-max') return staticKey(rows, bucket, this.captures(config));
    return DYNAMIC_KEY;
  }

  sessionFor(mode: Mode, batch: Batch, config: RunConfig): Promise<Ort.InferenceSession> {
    if (mode === 'bucketed' || mode === 'pad-to-max') {
      return this.pool.get({
        key: this.keyFor(mode, batch.bucket, config, batch.rows),
        modelBytes: this.model.bytes,
        freeDimensionOverrides: { batch_size: batch.rows, sequence_length: batch.bucket },
        graphCapture: this.captures(config),
      });
    }
    return this.pool.get({ key: DYNAMIC_KEY, modelBytes: this.model.bytes });
  }

  /** Frees the GPU buffers of a graph-captured session the pool released. */
  dropSession(key: string): void {
    this.gpuIo.get(key)?.destroy();
    this.gpuIo.delete(key);
  }

  private captures(config: RunConfig): boolean {
    return config.graphCapture === true && this.backend() === 'webgpu';
  }

  /** One batch: CPU tensors in and out, or through persistent GPU buffers when the session is captured. */
  private async runBatch(
    session: Ort.InferenceSession,
    key: string,
    feeds: Record<string, Ort.Tensor>,
    rows: number,
    length: number,
  ): Promise<Float32Array> {
    if (key.endsWith(' graph')) {
      let io = this.gpuIo.get(key);
      if (!io) {
        const device = await this.ort.env.webgpu.device;
        io = new GpuIo(
          this.ort,
          device,
          Object.keys(feeds),
          this.model.idType,
          [rows, length],
          this.model.outputName,
          this.model.numLabels,
        );
        this.gpuIo.set(key, io);
      }
      // Graph capture needs IO binding: every input and output a pre-allocated GPU buffer.
      const bound = io.bind(feeds);
      await this.pool.serial(() => io.run(() => session.run(bound.feeds, bound.fetches)));
      return io.readLogits();
    }
    const output = await this.pool.serial(() => session.run(feeds));
    const tensor = output[this.model.outputName];
    if (!tensor) throw new WorkerError('BAD_MODEL', `The model produced no "${this.model.outputName}" output.`);
    const data = (await tensor.getData()) as Float32Array;
    for (const t of Object.values(output)) t.dispose();
    return data;
  }

  async run(
    segments: number[][],
    mode: Mode,
    config: RunConfig,
    signal: AbortSignal,
    onBatch?: (done: number, total: number) => void,
  ): Promise<RunOutput> {
    const lengths = segments.map((s) => s.length);
    const batches = this.plan(lengths, mode, config);
    const logits: Float32Array[] = new Array(segments.length);
    const shapeOf: number[] = new Array(segments.length);
    const latencies: number[] = [];
    const batchItemCounts: number[] = [];
    const batchRows: number[] = [];
    const batchCompiles: number[] = [];
    const perBucket = new Map<number, { items: number; batches: number; ms: number[] }>();
    const firstRunByShape: Record<string, number> = {};
    let computedTokens = 0;
    const started = performance.now();

    for (let b = 0; b < batches.length; b++) {
      await yieldToMessages();
      throwIfCancelled(signal);
      const batch = batches[b]!;
      const key = this.keyFor(mode, batch.bucket, config, batch.rows);
      const isNewSession = !this.pool.has(key);
      const rows = batch.rows;
      const shapeKey = `${rows}x${batch.bucket}`;
      // Compiles are counted from session creation to the read-back: whatever this batch made the GPU build.
      compileLedger.setScope({ mode, shape: shapeKey });
      const compilesBefore = compileLedger.total();
      let data: Float32Array;
      let ms: number;
      try {
        const session = await this.sessionFor(mode, batch, config);
        const rowSegments = batch.itemIndices.map((i) => segments[i]!);
        const feeds = this.feeds(rowSegments, rows, batch.bucket);
        const t0 = performance.now();
        data = await this.runBatch(session, key, feeds, rows, batch.bucket);
        ms = performance.now() - t0;
      } finally {
        compileLedger.setScope(null);
      }
      batchCompiles.push(compileLedger.total() - compilesBefore);
      batchItemCounts.push(batch.itemIndices.length);
      batchRows.push(rows);
      if (isNewSession || (mode !== 'bucketed' && mode !== 'pad-to-max' && !(shapeKey in firstRunByShape))) {
        firstRunByShape[shapeKey] ??= ms;
      }
      latencies.push(ms);
      computedTokens += rows * batch.bucket;
      const stride = batch.bucket * this.model.numLabels;
      batch.itemIndices.forEach((itemIndex, r) => {
        const len = segments[itemIndex]!.length;
        logits[itemIndex] = data.slice(r * stride, r * stride + len * this.model.numLabels);
        shapeOf[itemIndex] = batch.bucket;
      });
      const bucketStats = perBucket.get(batch.bucket) ?? { items: 0, batches: 0, ms: [] };
      bucketStats.items += batch.itemIndices.length;
      bucketStats.batches += 1;
      bucketStats.ms.push(ms);
      perBucket.set(batch.bucket, bucketStats);
      onBatch?.(b + 1, batches.length);
    }

    const realTokens = lengths.reduce((s, x) => s + x, 0);
    const perBucketList: BucketLatency[] = [...perBucket]
      .sort(([a], [b]) => a - b)
      .map(([bucket, s]) => {
        const { p50, p95 } = latencySummary(s.ms);
        return { bucket, items: s.items, batches: s.batches, p50Ms: p50, p95Ms: p95 };
      });
    return {
      logits,
      shapeOf,
      firstRunByShape,
      stats: {
        mode,
        backend: this.backend(),
        items: segments.length,
        batches: batches.length,
        realTokens,
        computedTokens,
        paddingEfficiency: computedTokens > 0 ? realTokens / computedTokens : 1,
        totalMs: performance.now() - started,
        batchLatenciesMs: latencies,
        perBucket: perBucketList,
        batchItemCounts,
        batchRows,
        batchCompiles,
      },
    };
  }

  /** [rows x length] tensors of a padded batch (padBatch: the one padding and empty-row policy). */
  feeds(rowSegments: number[][], rows: number, length: number): Record<string, Ort.Tensor> {
    const { inputIds, attentionMask } = padBatch(rowSegments, length, rows, this.model.padId, this.model.clsId);
    const make = (values: Int32Array) =>
      this.model.idType === 'int64'
        ? new this.ort.Tensor(
            'int64',
            BigInt64Array.from(values, (v) => BigInt(v)),
            [rows, length],
          )
        : new this.ort.Tensor('int32', values, [rows, length]);
    const feeds: Record<string, Ort.Tensor> = {
      input_ids: make(inputIds),
      attention_mask: make(attentionMask),
    };
    if (this.model.inputNames.includes('token_type_ids')) feeds.token_type_ids = make(new Int32Array(rows * length));
    return feeds;
  }
}
