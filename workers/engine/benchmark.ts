import type { BenchmarkParams, BenchmarkProgress, BenchmarkResult, Mode, ModeResult } from '../../src/protocol/types';
import type { RequestContext } from '../handler';
import { throwIfCancelled } from '../handler';
import type { Tokenizer } from './model-loader';
import { encodeTexts, segmentTexts, type SpecialIds } from './ner-pipeline';
import { DYNAMIC_KEY, latencySummary, staticKey, type NerRunner, type RunConfig } from './ner-runner';
import type { SessionPool } from './session-pool';

interface ModeAccumulator {
  latencies: number[];
  repetitionRates: number[];
  totalMs: number;
  items: number;
  realTokens: number;
  computedTokens: number;
  firstRunByShape: Record<string, number>;
  sessionBytes: number;
}

/**
 * Runs the same items through each mode with the same batch size and buckets. Modes are interleaved
 * within each repetition (and their order rotated between repetitions) so that noise from a shared,
 * busy machine lands on all modes alike; the ratios to pad-to-max are therefore measured side by side.
 * Every session is released first so that each mode pays, and reports, its own first-run compile cost.
 */
export async function runBenchmark(
  runner: NerRunner,
  pool: SessionPool,
  tokenizer: Tokenizer,
  special: SpecialIds,
  params: BenchmarkParams,
  ctx: RequestContext<BenchmarkProgress>,
): Promise<BenchmarkResult> {
  const config: RunConfig = { buckets: params.buckets, batchSize: params.batchSize };
  const maxBucket = params.buckets[params.buckets.length - 1]!;
  // Items longer than the largest bucket are truncated rather than windowed so that every mode sees
  // exactly one input per item and items/s compare like with like.
  const { segments } = segmentTexts(encodeTexts(tokenizer, params.texts), maxBucket, 'truncate', special);
  const ids = segments.map((s) => s.ids);
  await pool.releaseAll((key) => key.startsWith('ocr'));

  const acc = new Map<Mode, ModeResult & ModeAccumulator>();
  const progress = (mode: Mode, repetition: number, done: number, total: number, message: string) =>
    ctx.progress({ mode, repetition, done, total, message });

  // Modes share sessions (pad-to-max runs in bucketed's largest static session; bucketed-shared and
  // dynamic use the one dynamic session), so a shape's first run is only paid once. It is recorded per
  // session and shape, and every mode that uses that shape reports it, instead of the warm run that a
  // later mode would otherwise measure.
  const firstRunBySessionShape = new Map<string, number>();
  for (const mode of params.modes) {
    throwIfCancelled(ctx.signal);
    const usesStatic = mode === 'bucketed' || mode === 'pad-to-max';
    // Warm-up: one batch of each distinct shape the plan uses, so compile cost stays out of the timings.
    const batches = runner.plan(ids.map((s) => s.length), mode, config);
    const seen = new Set<string>();
    const firstRunByShape: Record<string, number> = {};
    for (const batch of batches) {
      const shape = `${batch.rows}x${batch.bucket}`;
      if (seen.has(shape)) continue;
      seen.add(shape);
      const sessionShape = `${usesStatic ? staticKey(config.batchSize, batch.bucket) : DYNAMIC_KEY}|${shape}`;
      const rowIds = batch.itemIndices.map((i) => ids[i]!);
      for (let w = 0; w < Math.max(1, params.warmupRuns); w++) {
        const out = await runner.run(rowIds, mode, config, ctx.signal);
        if (w === 0 && !firstRunBySessionShape.has(sessionShape)) {
          firstRunBySessionShape.set(sessionShape, out.stats.batchLatenciesMs[0] ?? out.stats.totalMs);
        }
      }
      firstRunByShape[shape] = firstRunBySessionShape.get(sessionShape)!;
      progress(mode, 0, seen.size, seen.size, `Warming ${mode}: shape ${shape}`);
    }
    const sessions = usesStatic ? new Set(batches.map((b) => b.bucket)).size : 1;
    acc.set(mode, {
      mode, backend: 'wasm', items: 0, itemsPerSec: 0, tokensPerSec: 0, p50Ms: 0, p95Ms: 0, paddingEfficiency: 0,
      realTokens: 0, computedTokens: 0, firstRunMs: 0, firstRunByShape, sessionBytes: sessions * runner.modelBytes,
      ratioToPadToMax: null, idealSpeedup: null, latencies: [], repetitionRates: [], totalMs: 0,
    });
  }

  const reps = Math.max(1, params.repetitions);
  for (let rep = 0; rep < reps; rep++) {
    const order = params.modes.map((_, i) => params.modes[(i + rep) % params.modes.length]!);
    for (const mode of order) {
      throwIfCancelled(ctx.signal);
      const a = acc.get(mode)!;
      const out = await runner.run(ids, mode, config, ctx.signal, (done, total) =>
        progress(mode, rep + 1, done, total, `${mode}: repetition ${rep + 1} of ${reps}, batch ${done} of ${total}`));
      a.backend = out.stats.backend;
      a.latencies.push(...out.stats.batchLatenciesMs);
      a.repetitionRates.push(out.stats.items / (out.stats.totalMs / 1000));
      a.totalMs += out.stats.totalMs;
      a.items += out.stats.items;
      a.realTokens += out.stats.realTokens;
      a.computedTokens += out.stats.computedTokens;
    }
  }

  const results: ModeResult[] = params.modes.map((mode) => {
    const a = acc.get(mode)!;
    const { p50, p95 } = latencySummary(a.latencies);
    const seconds = a.totalMs / 1000;
    return {
      mode, backend: a.backend, items: a.items / reps,
      itemsPerSec: a.items / seconds, tokensPerSec: a.realTokens / seconds, p50Ms: p50, p95Ms: p95,
      paddingEfficiency: a.realTokens / a.computedTokens, realTokens: a.realTokens / reps, computedTokens: a.computedTokens / reps,
      firstRunMs: Object.values(a.firstRunByShape).reduce((s, x) => s + x, 0), firstRunByShape: a.firstRunByShape,
      sessionBytes: a.sessionBytes, ratioToPadToMax: null, idealSpeedup: null, itemsPerSecByRepetition: a.repetitionRates,
    };
  });
  const baseline = results.find((r) => r.mode === 'pad-to-max');
  if (baseline) {
    for (const r of results) {
      r.ratioToPadToMax = r.itemsPerSec / baseline.itemsPerSec;
      r.idealSpeedup = baseline.computedTokens / r.computedTokens;
    }
  }
  return { results, itemsUsed: ids.length };
}
