import { batchSizeLadder, normalizeBatchSizes, summarizePlan } from '../../src/core/routing';
import { perItemLatencies, ProgressThrottle, summarizeLatencies } from '../../src/core/timing';
import type { BenchmarkParams, BenchmarkProgress, BenchmarkResult, Mode, ModeResult } from '../../src/protocol/types';
import type { RequestContext } from '../handler';
import { throwIfCancelled } from '../cancellation';
import { isOcrSessionKey } from '../ocr/ocr-sessions';
import { compileLedger } from './compile-watch';
import type { Tokenizer } from './model-loader';
import { planSegments } from '../../src/core/ner';
import { encodeTexts, type SpecialIds } from './ner-pipeline';
import type { NerRunner, RunConfig } from './ner-runner';
import type { SessionSet } from '../../src/lib/session-set';

/** What both regimes share: the runner, the items, the configuration and the way to report progress. */
interface BenchContext {
  runner: NerRunner;
  pool: SessionSet;
  ids: number[][];
  config: RunConfig;
  params: BenchmarkParams;
  ctx: RequestContext<BenchmarkProgress>;
  throttle: ProgressThrottle;
}

const PROGRESS_INTERVAL_MS = 100;

const usesStaticSessions = (mode: Mode) => mode === 'bucketed' || mode === 'pad-to-max';

/**
 * Runs the same items through each mode with the same batch size and buckets, in one of two regimes:
 * - `steady` (default): every shape is warmed first, then timed passes over all items, modes interleaved
 *   within each repetition (order rotated) so that load on a shared machine lands on all modes alike.
 * - `cold`: what a visitor lives through. Per mode: sessions released, only the warm-up the mode could do
 *   before traffic, then every item once, with the compiles, per-item latency and traffic time that costs.
 * Ratios to pad-to-max are taken within the same request, side by side.
 */
export async function runBenchmark(
  runner: NerRunner,
  pool: SessionSet,
  tokenizer: Tokenizer,
  special: SpecialIds,
  params: BenchmarkParams,
  ctx: RequestContext<BenchmarkProgress>,
): Promise<BenchmarkResult> {
  const ladder = (params.batchSizeBuckets ?? params.batchSize > 1) && params.batchSize > 1;
  const config: RunConfig = {
    buckets: params.buckets,
    batchSize: params.batchSize,
    ...(ladder
      ? { batchSizes: normalizeBatchSizes(params.batchSizes ?? batchSizeLadder(params.batchSize), params.batchSize) }
      : {}),
  };
  const maxBucket = params.buckets[params.buckets.length - 1]!;
  // Items longer than the largest bucket are truncated rather than windowed so that every mode sees
  // exactly one input per item and items/s compare like with like.
  const { segments } = planSegments(
    encodeTexts(tokenizer, params.texts).map((e) => e.ids),
    maxBucket,
    'truncate',
    special,
  );
  const ids = segments.map((s) => s.ids);
  await pool.releaseAll(isOcrSessionKey);
  compileLedger.clearTallies();
  const bench: BenchContext = {
    runner,
    pool,
    ids,
    config,
    params,
    ctx,
    throttle: new ProgressThrottle(PROGRESS_INTERVAL_MS),
  };
  try {
    const results = params.regime === 'cold' ? await coldStream(bench) : await steady(bench);
    const baseline = results.find((r) => r.mode === 'pad-to-max');
    if (baseline) {
      for (const r of results) {
        r.ratioToPadToMax = r.itemsPerSec / baseline.itemsPerSec;
        r.idealSpeedup = baseline.computedTokens / r.computedTokens;
      }
    }
    return { results, itemsUsed: ids.length };
  } finally {
    // Whatever runs next (the app's own runs) is traffic unless a warm-up says otherwise.
    compileLedger.setPhase('traffic');
  }
}

/** Warm-up steps are reported each; the batches of a timed pass at most every PROGRESS_INTERVAL_MS. */
function progress(b: BenchContext, mode: Mode, repetition: number, done: number, total: number, message: string): void {
  if (repetition > 0 && !b.throttle.pass(done, total)) return;
  b.ctx.progress({ mode, repetition, done, total, message });
}

/** Weight copies the mode holds: one per static (rows, length) session, or the one dynamic session. */
function sessionsOf(b: BenchContext, mode: Mode, shapes: readonly { rows: number; bucket: number }[]): number {
  if (!usesStaticSessions(mode)) return 1;
  return new Set(shapes.map((s) => b.runner.keyFor(mode, s.bucket, b.config, s.rows))).size;
}

/** Plan figures of one pass: tokens, rows, empty rows, and the batch sizes used. */
function planFigures(b: BenchContext, mode: Mode) {
  const batches = b.runner.plan(
    b.ids.map((s) => s.length),
    mode,
    b.config,
  );
  const summary = summarizePlan(batches);
  return { batches, summary, batchSizes: [...new Set(batches.map((x) => x.rows))].sort((x, y) => x - y) };
}

/**
 * The shapes a mode can warm before it has seen any item: the static modes know their buckets (and
 * batch-size buckets); pad-to-max knows its one shape; dynamic can only guess, so it runs once at the
 * largest shape it accepts, which creates its session and the pipelines that do not depend on length.
 */
function knownShapes(b: BenchContext, mode: Mode): { rows: number; bucket: number }[] {
  const { buckets, batchSize, batchSizes } = b.config;
  const maxBucket = buckets[buckets.length - 1]!;
  if (mode === 'dynamic' || mode === 'pad-to-max') return [{ rows: batchSize, bucket: maxBucket }];
  const rowsList = batchSizes ?? [batchSize];
  return buckets.flatMap((bucket) => rowsList.map((rows) => ({ rows, bucket })));
}

async function coldStream(b: BenchContext): Promise<ModeResult[]> {
  const results: ModeResult[] = [];
  for (const mode of b.params.modes) {
    throwIfCancelled(b.ctx.signal);
    await b.pool.releaseAll(isOcrSessionKey);
    const compilesBefore = compileLedger.total();

    compileLedger.setPhase('warmup');
    const shapes = knownShapes(b, mode);
    const firstRunByShape: Record<string, number> = {};
    const warmStart = performance.now();
    for (const [i, shape] of shapes.entries()) {
      const dummy = Array.from({ length: shape.rows }, () => new Array<number>(shape.bucket).fill(0));
      const out = await b.runner.run(dummy, mode, b.config, b.ctx.signal);
      firstRunByShape[`${shape.rows}x${shape.bucket}`] = out.stats.totalMs;
      progress(b, mode, 0, i + 1, shapes.length, `Warming ${mode} (cold): shape ${shape.rows}x${shape.bucket}`);
    }
    const warmupMs = performance.now() - warmStart;

    compileLedger.setPhase('traffic');
    const out = await b.runner.run(b.ids, mode, b.config, b.ctx.signal, (done, total) =>
      progress(b, mode, 1, done, total, `${mode} (cold stream): batch ${done} of ${total}`),
    );
    for (const [shape, ms] of Object.entries(out.firstRunByShape)) firstRunByShape[shape] ??= ms;
    const stats = out.stats;
    const seconds = stats.totalMs / 1000;
    const { p50, p95 } = summarizeLatencies(stats.batchLatenciesMs);
    const { summary, batchSizes } = planFigures(b, mode);
    results.push({
      mode,
      backend: stats.backend,
      regime: 'cold',
      items: stats.items,
      itemsPerSec: stats.items / seconds,
      tokensPerSec: stats.realTokens / seconds,
      p50Ms: p50,
      p95Ms: p95,
      paddingEfficiency: stats.paddingEfficiency,
      realTokens: stats.realTokens,
      computedTokens: stats.computedTokens,
      firstRunMs: Object.values(firstRunByShape).reduce((s, x) => s + x, 0),
      firstRunByShape,
      sessionBytes: sessionsOf(b, mode, shapes) * b.runner.modelBytes,
      ratioToPadToMax: null,
      idealSpeedup: null,
      itemsPerSecByRepetition: [stats.items / seconds],
      compiles: compileLedger.split(mode),
      compilesByShape: compileLedger.byShape(mode),
      compilesBefore,
      warmupMs,
      trafficMs: stats.totalMs,
      latencyMs: summarizeLatencies(perItemLatencies(stats.batchLatenciesMs, stats.batchItemCounts ?? [])),
      modelCalls: summary.batches,
      rows: summary.rows,
      emptyRows: summary.emptyRows,
      batchSizes,
    });
  }
  return results;
}

interface SteadyAccumulator {
  batchLatencies: number[];
  itemLatencies: number[];
  repetitionRates: number[];
  totalMs: number;
  items: number;
  realTokens: number;
  computedTokens: number;
  firstRunByShape: Record<string, number>;
  sessions: number;
  warmupMs: number;
  backend: ModeResult['backend'];
}

async function steady(b: BenchContext): Promise<ModeResult[]> {
  const { params, config, ids, runner, ctx } = b;
  const acc = new Map<Mode, SteadyAccumulator>();
  // Modes share sessions (pad-to-max runs in bucketed's largest static session; bucketed-shared and
  // dynamic use the one dynamic session), so a shape's first run is only paid once. It is recorded per
  // session and shape, and every mode that uses that shape reports it, instead of the warm run that a
  // later mode would otherwise measure.
  const firstRunBySessionShape = new Map<string, number>();
  compileLedger.setPhase('warmup');
  for (const mode of params.modes) {
    throwIfCancelled(ctx.signal);
    // Warm-up: one batch of each distinct shape the plan uses, so compile cost stays out of the timings.
    const { batches } = planFigures(b, mode);
    const seen = new Set<string>();
    const firstRunByShape: Record<string, number> = {};
    const warmStart = performance.now();
    for (const batch of batches) {
      const shape = `${batch.rows}x${batch.bucket}`;
      if (seen.has(shape)) continue;
      seen.add(shape);
      const sessionShape = `${runner.keyFor(mode, batch.bucket, config, batch.rows)}|${shape}`;
      const rowIds = batch.itemIndices.map((i) => ids[i]!);
      for (let w = 0; w < Math.max(1, params.warmupRuns); w++) {
        const out = await runner.run(rowIds, mode, config, ctx.signal);
        if (w === 0 && !firstRunBySessionShape.has(sessionShape)) {
          firstRunBySessionShape.set(sessionShape, out.stats.batchLatenciesMs[0] ?? out.stats.totalMs);
        }
      }
      firstRunByShape[shape] = firstRunBySessionShape.get(sessionShape)!;
      progress(b, mode, 0, seen.size, seen.size, `Warming ${mode}: shape ${shape}`);
    }
    acc.set(mode, {
      batchLatencies: [],
      itemLatencies: [],
      repetitionRates: [],
      totalMs: 0,
      items: 0,
      realTokens: 0,
      computedTokens: 0,
      firstRunByShape,
      sessions: sessionsOf(b, mode, batches),
      warmupMs: performance.now() - warmStart,
      backend: 'wasm',
    });
  }

  compileLedger.setPhase('traffic');
  const reps = Math.max(1, params.repetitions);
  for (let rep = 0; rep < reps; rep++) {
    const order = params.modes.map((_, i) => params.modes[(i + rep) % params.modes.length]!);
    for (const mode of order) {
      throwIfCancelled(ctx.signal);
      const a = acc.get(mode)!;
      const out = await runner.run(ids, mode, config, ctx.signal, (done, total) =>
        progress(b, mode, rep + 1, done, total, `${mode}: repetition ${rep + 1} of ${reps}, batch ${done} of ${total}`),
      );
      const s = out.stats;
      a.backend = s.backend;
      a.batchLatencies.push(...s.batchLatenciesMs);
      a.itemLatencies.push(...perItemLatencies(s.batchLatenciesMs, s.batchItemCounts ?? []));
      a.repetitionRates.push(s.items / (s.totalMs / 1000));
      a.totalMs += s.totalMs;
      a.items += s.items;
      a.realTokens += s.realTokens;
      a.computedTokens += s.computedTokens;
    }
  }

  return params.modes.map((mode) => {
    const a = acc.get(mode)!;
    const { p50, p95 } = summarizeLatencies(a.batchLatencies);
    const seconds = a.totalMs / 1000;
    const { summary, batchSizes } = planFigures(b, mode);
    return {
      mode,
      backend: a.backend,
      regime: 'steady',
      items: a.items / reps,
      itemsPerSec: a.items / seconds,
      tokensPerSec: a.realTokens / seconds,
      p50Ms: p50,
      p95Ms: p95,
      paddingEfficiency: a.realTokens / a.computedTokens,
      realTokens: a.realTokens / reps,
      computedTokens: a.computedTokens / reps,
      firstRunMs: Object.values(a.firstRunByShape).reduce((s, x) => s + x, 0),
      firstRunByShape: a.firstRunByShape,
      sessionBytes: a.sessions * runner.modelBytes,
      ratioToPadToMax: null,
      idealSpeedup: null,
      itemsPerSecByRepetition: a.repetitionRates,
      compiles: compileLedger.split(mode),
      compilesByShape: compileLedger.byShape(mode),
      warmupMs: a.warmupMs,
      trafficMs: a.totalMs / reps,
      latencyMs: summarizeLatencies(a.itemLatencies),
      modelCalls: summary.batches,
      rows: summary.rows,
      emptyRows: summary.emptyRows,
      batchSizes,
    };
  });
}
