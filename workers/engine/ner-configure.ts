import { validateBuckets } from '../../src/core/buckets';
import { errorMessage } from '../../src/core/errors';
import { normalizeBatchSizes } from '../../src/core/routing';
import { WorkerError } from '../../src/protocol/errors';
import type { Request } from '../../src/protocol/messages';
import type {
  BucketStatus,
  ConfigureParams,
  ConfigureResult,
  GraphCaptureStatus,
  ModelInfo,
  WorkProgress,
} from '../../src/protocol/types';
import type { SessionSet } from '../../src/lib/session-set';
import { isCancellation, throwIfCancelled } from '../cancellation';
import type { Reply, RequestContext } from '../handler';
import { isOcrSessionKey } from '../ocr/ocr-sessions';
import { compileLedger } from './compile-watch';
import { checkBatchSize, type EngineState, type WarmTimings } from './engine-state';
import { latencySummary, DYNAMIC_KEY, type NerRunner, type RunConfig } from './ner-runner';
import { bucketsForTexts, bucketsNeededBy, nextWarmStep, serveReadyRuns } from './warm-schedule';

const WARMUP_STEADY_RUNS = 2;

/**
 * Warm-up timings are kept by session key, and kept only while that session lives. The shared session is
 * timed per bucket shape, so its timing key adds " at <batch sizes>x<bucket>" ("ner shared at 1/4x32").
 */
const timingKey = (sessionKey: string, shape?: string) =>
  shape === undefined ? sessionKey : `${sessionKey} at ${shape}`;
const sessionOfTiming = (key: string) => key.split(' at ')[0]!;

/** The static sessions a configuration needs, checked against the memory budget before any is built. */
interface SessionPlan {
  buckets: number[];
  /** The lengths with static sessions: every bucket for `bucketed`, the longest alone for pad-to-max. */
  staticBuckets: number[];
  batchSizes: number[];
  /** The batch sizes that get a shape at a length. */
  sizesOf: (bucket: number) => number[];
}

function planSessions(params: ConfigureParams, info: ModelInfo): SessionPlan {
  const buckets = validateBuckets(params.buckets, { maxPositions: info.maxPositions });
  checkBatchSize(params.batchSize);
  const needStatic = params.modes.some((m) => m === 'bucketed' || m === 'pad-to-max');
  const staticBuckets = params.modes.includes('bucketed') ? buckets : needStatic ? [buckets[buckets.length - 1]!] : [];
  // Batch-size buckets: every bucketed length gets a static session per batch size (RoutingError codes
  // cross as themselves); pad-to-max's one shape stays at the full batch size.
  const batchSizes = normalizeBatchSizes(params.batchSizes ?? [params.batchSize], params.batchSize);
  const sizesOf = (bucket: number) =>
    params.modes.some((m) => m === 'bucketed' || m === 'bucketed-shared') && buckets.includes(bucket)
      ? batchSizes
      : [params.batchSize];
  const sessionCount = staticBuckets.reduce((n, b) => n + sizesOf(b).length, 0);
  const sessionBytes = info.modelBytes;
  if (params.budgetBytes !== undefined && sessionCount * sessionBytes > params.budgetBytes) {
    const fit = Math.floor(params.budgetBytes / (sessionBytes * batchSizes.length));
    throw new WorkerError(
      'OVER_BUDGET',
      `${sessionCount} static sessions (${staticBuckets.length} buckets x ${batchSizes.length} batch sizes) need ${((sessionCount * sessionBytes) / 2 ** 20).toFixed(1)} MiB of weights, over the ${(params.budgetBytes / 2 ** 20).toFixed(1)} MiB budget: at most ${fit} buckets fit.`,
      `Use at most ${fit} buckets, fewer batch-size buckets, or raise the memory budget.`,
    );
  }
  return { buckets, staticBuckets, batchSizes, sizesOf };
}

/**
 * Applies a bucket configuration: releases the sessions it no longer needs, then warms every bucket it
 * asks for one step at a time (each shape run once before traffic), serving the runs queued meanwhile
 * as soon as their buckets are warm. With graph capture asked for and refused, it falls back and says why.
 */
export async function configureBuckets(
  state: EngineState,
  params: ConfigureParams,
  ctx: RequestContext<WorkProgress>,
): Promise<Reply<ConfigureResult>> {
  const { pool, backend } = state.requireBackend();
  const l = state.requireModel();
  const { buckets, staticBuckets, batchSizes, sizesOf } = planSessions(params, l.info);
  const sessionBytes = l.info.modelBytes;
  const runConfig: RunConfig = {
    buckets,
    batchSize: params.batchSize,
    graphCapture: params.graphCapture === true,
    ...(batchSizes.length > 1 ? { batchSizes } : {}),
  };
  const graphCapture: GraphCaptureStatus = { requested: params.graphCapture === true, active: false };
  if (graphCapture.requested && backend.info.backend !== 'webgpu') {
    graphCapture.reason = 'Graph capture needs the WebGPU backend; sessions run without it.';
    runConfig.graphCapture = false;
  }
  // The shared layout (issue 16 item 5): the one dynamic session is warmed at every bucket shape instead.
  const sharedLayout = params.modes.includes('bucketed-shared') && !params.modes.includes('bucketed');
  const warmMode = sharedLayout ? 'bucketed-shared' : 'bucketed';
  const keyOf = (bucket: number) =>
    sharedLayout
      ? timingKey(DYNAMIC_KEY, `${sizesOf(bucket).join('/')}x${bucket}`)
      : timingKey(l.runner.keyFor('bucketed', bucket, runConfig));
  const kept = new Set(
    staticBuckets.flatMap((b) => sizesOf(b).map((rows) => l.runner.keyFor('bucketed', b, runConfig, rows))),
  );
  // The dynamic session stays only for a layout that runs it: after a switch to per-bucket sessions it is
  // one more copy of the weights that nothing uses.
  const keepDynamic = params.modes.some((m) => m === 'bucketed-shared' || m === 'dynamic');
  await pool.releaseAll((key) => kept.has(key) || (keepDynamic && key === DYNAMIC_KEY) || isOcrSessionKey(key));
  const { warmTimings } = state;
  for (const key of [...warmTimings.keys()]) if (!pool.has(sessionOfTiming(key))) warmTimings.delete(key);
  const statuses: BucketStatus[] = [];
  // Warm-up phase only: runs served between the steps below compile as traffic.
  const warmupCounts = compileLedger.counts({ phase: 'warmup' });
  // The new buckets take effect now, so that runs served between warm-up steps use them.
  state.config = Object.assign(runConfig, { modes: params.modes });
  const toWarm = (sharedLayout ? buckets : staticBuckets).filter(
    (b) => !params.warmBuckets || params.warmBuckets.includes(b),
  );
  const warm = new Set<number>();
  const scheduleModel = { runner: l.runner, tokenizer: l.model.tokenizer, special: l.special };
  // The text in the box is the likeliest first Run: its buckets go first when no run waits yet.
  const expected = params.expectedRun ? bucketsForTexts(params.expectedRun, scheduleModel, runConfig) : [];
  const neededBy = (req: Request) => bucketsNeededBy(req, scheduleModel, runConfig);
  const nextStep = () => nextWarmStep(ctx, toWarm, warm, neededBy, expected);
  compileLedger.setPhase('warmup');
  // A bucket joins `warm` as its step starts, and runs are served only once its shapes have run once (inside
  // its step, before the timing runs) or at a step boundary: so `warm` is what a served run finds ready.
  state.warmup = { buckets: toWarm, ready: warm };
  try {
    // One bucket per step, smallest first; the runs queued meanwhile are served between steps as soon
    // as their buckets are warm, and the buckets a waiting run needs are warmed before the others.
    for (let bucket = await nextStep(); bucket !== null; bucket = await nextStep()) {
      warm.add(bucket);
      throwIfCancelled(ctx.signal);
      const known = warmTimings.get(keyOf(bucket));
      const reused = pool.has(sessionOfTiming(keyOf(bucket))) && known !== undefined;
      if (!reused) ctx.progress({ stage: 'warmup', message: `Compiling bucket ${bucket}`, bucket });
      let timings = known;
      // Warm-up phase only: the runs served inside this step (before its timing runs) compile as traffic.
      const compilesBefore = compileLedger.counts({ phase: 'warmup' });
      // The smaller batch sizes are run once too, so that no shape compiles while serving (static sessions
      // that exist are skipped inside). Then every shape of the bucket has run once, so the runs waiting for
      // it need not also wait for the timing runs: they are served first. Not with graph capture, which
      // captures on a shape's second run: a served run must not be the one that may fail to capture.
      const afterFirstRun = async (firstRunMs: number) => {
        await warmSmallerBatchSizes(l.runner, pool, bucket, sizesOf(bucket), runConfig, ctx.signal, warmMode);
        // Usable now; its steady cost follows in the "ready" progress below.
        ctx.progress({ stage: 'warmup', message: `Bucket ${bucket} ready, timing it`, bucket, firstRunMs });
        if (!runConfig.graphCapture) await serveReadyRuns(ctx, toWarm, warm, neededBy);
      };
      if (!timings) {
        try {
          timings = await warmBucket(l.runner, bucket, runConfig, ctx.signal, warmMode, afterFirstRun);
        } catch (err) {
          if (!runConfig.graphCapture || isCancellation(err)) throw err;
          // The model or adapter cannot be captured: fall back for every bucket and say why.
          await pool.releaseAll((key) => !key.endsWith(' graph'));
          graphCapture.reason = `Graph capture failed, running without it: ${errorMessage(err)}`;
          runConfig.graphCapture = false;
          timings = await warmBucket(l.runner, bucket, runConfig, ctx.signal, warmMode, afterFirstRun);
        }
      } else if (!(sharedLayout && reused)) {
        // Timings known: no timing runs. The shared session has seen a reused bucket's shapes already.
        await warmSmallerBatchSizes(l.runner, pool, bucket, sizesOf(bucket), runConfig, ctx.signal, warmMode);
      }
      warmTimings.set(keyOf(bucket), timings);
      statuses.push({
        length: bucket,
        firstRunMs: timings.first,
        steadyMs: timings.steady,
        // The shared session's one copy of the weights is in the memory report, not in any bucket.
        weightBytes: sharedLayout ? 0 : sessionBytes * sizesOf(bucket).length,
        batchSizes: sizesOf(bucket),
        reused,
        compiles: {
          pipelines: compileLedger.counts({ phase: 'warmup' }).pipelines - compilesBefore.pipelines,
          shaderModules: compileLedger.counts({ phase: 'warmup' }).shaderModules - compilesBefore.shaderModules,
        },
      });
      ctx.progress({
        stage: 'warmup',
        message: `Bucket ${bucket} ready`,
        bucket,
        firstRunMs: timings.first,
        steadyMs: timings.steady,
      });
    }
  } finally {
    state.warmup = null;
    compileLedger.setPhase('traffic');
  }
  const warmupAfter = compileLedger.counts({ phase: 'warmup' });
  graphCapture.active = runConfig.graphCapture === true && staticBuckets.length > 0;
  state.config = { ...runConfig, modes: params.modes };
  return {
    value: {
      // Warmed in the schedule's order; reported in the buckets' own.
      buckets: statuses.sort((a, b) => a.length - b.length),
      compiles: {
        pipelines: warmupAfter.pipelines - warmupCounts.pipelines,
        shaderModules: warmupAfter.shaderModules - warmupCounts.shaderModules,
      },
      memory: pool.memory(),
      graphCapture,
    },
  };
}

/** Runs each batch size below the full one once at `bucket` whose session does not exist yet. */
async function warmSmallerBatchSizes(
  runner: NerRunner,
  pool: SessionSet,
  bucket: number,
  sizes: readonly number[],
  config: RunConfig,
  signal: AbortSignal,
  mode: 'bucketed' | 'bucketed-shared' = 'bucketed',
): Promise<void> {
  for (const rows of sizes) {
    // The shared session always exists; its smaller shapes are new to it when the bucket is.
    if (rows >= config.batchSize || (mode === 'bucketed' && pool.has(runner.keyFor(mode, bucket, config, rows))))
      continue;
    // `rows` items plan into one batch of exactly `rows` rows: `rows` is itself a batch-size bucket.
    const dummy = Array.from({ length: rows }, () => new Array<number>(bucket).fill(0));
    await runner.run(dummy, mode, { ...config, buckets: [bucket] }, signal);
  }
}

/** First run of a shape compiles it (WebGPU shaders); the median of the next runs is its steady cost. */
async function warmBucket(
  runner: NerRunner,
  bucket: number,
  config: RunConfig,
  signal: AbortSignal,
  mode: 'bucketed' | 'bucketed-shared' = 'bucketed',
  /** Called between the first run and the timing runs. */
  afterFirstRun?: (firstRunMs: number) => Promise<void>,
): Promise<WarmTimings> {
  const dummy = Array.from({ length: config.batchSize }, () => new Array<number>(bucket).fill(0));
  const runOnce = async () => (await runner.run(dummy, mode, { ...config, buckets: [bucket] }, signal)).stats.totalMs;
  const first = await runOnce();
  await afterFirstRun?.(first);
  const steadyRuns: number[] = [];
  for (let i = 0; i < WARMUP_STEADY_RUNS; i++) steadyRuns.push(await runOnce());
  return { first, steady: latencySummary(steadyRuns).p50 };
}
