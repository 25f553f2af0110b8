import { explainComparison } from '../../../src/core/charts';
import type { ModeResult } from '../../../src/protocol/types';
import { fmt, formatTable, type TargetCheck } from './report';

const times = (value: number | null) => (value === null || !Number.isFinite(value) ? '-' : `${fmt(value, 2)}x`);

/**
 * What a visitor lives through, per mode: warm-up before traffic, the traffic itself, per-item latency
 * (time from the start of an item's batch to that batch's result; batch 1: the item's own run), and the
 * GPU compiles in each phase. "p95 x p2m" is the per-item p95 over pad-to-max's in the same regime.
 */
export function formatRegimeTable(results: readonly ModeResult[]): string {
  const base = results.find((r) => r.mode === 'pad-to-max');
  const header = [
    'mode',
    'warm-up ms',
    'traffic ms',
    'item p50 ms',
    'item p95 ms',
    'item max ms',
    'p95 x p2m',
    'compiles warm-up',
    'compiles traffic',
    'rows',
    'empty rows',
    'batch sizes',
  ];
  const rows = results.map((r) => [
    r.mode,
    fmt(r.warmupMs, 0),
    fmt(r.trafficMs, 0),
    fmt(r.latencyMs.p50),
    fmt(r.latencyMs.p95),
    fmt(r.latencyMs.max),
    times(base && base.latencyMs.p95 > 0 ? r.latencyMs.p95 / base.latencyMs.p95 : null),
    String(r.compiles.warmup),
    String(r.compiles.traffic),
    r.rows === undefined ? '-' : String(r.rows),
    r.emptyRows === undefined ? '-' : String(r.emptyRows),
    r.batchSizes?.join(',') ?? '-',
  ]);
  return formatTable(header, rows);
}

/** A line under the table when the compile counts cannot say anything (WASM compiles no shaders). */
export function compileNote(results: readonly ModeResult[]): string | null {
  if (results.length > 0 && results.every((r) => r.backend === 'wasm')) {
    return 'WASM compiles no GPU shaders: the compile counts are 0 by nature, not by merit.';
  }
  return null;
}

/**
 * Issue 16's cold-stream targets (set for WebGPU, batch 1, 64 WNUT-17 items, the tiny model): bucketed
 * compiles nothing during traffic while dynamic compiles at least 20 times, bucketed's worst per-item
 * latency is at most half dynamic's, and its traffic time is below dynamic's. Empty without both modes.
 */
export function evaluateColdTargets(results: readonly ModeResult[]): TargetCheck[] {
  const bucketed = results.find((r) => r.mode === 'bucketed' && r.regime === 'cold');
  const dynamic = results.find((r) => r.mode === 'dynamic' && r.regime === 'cold');
  if (!bucketed || !dynamic) return [];
  return [
    {
      target: 'compiles during traffic: 0 for bucketed, at least 20 for dynamic',
      measured: `bucketed ${bucketed.compiles.traffic}, dynamic ${dynamic.compiles.traffic}`,
      met: bucketed.compiles.traffic === 0 && dynamic.compiles.traffic >= 20,
    },
    {
      target: "bucketed's worst per-item latency at most half of dynamic's",
      measured: `${fmt(bucketed.latencyMs.max, 0)} ms against ${fmt(dynamic.latencyMs.max, 0)} ms (${fmt(bucketed.latencyMs.max / dynamic.latencyMs.max, 2)})`,
      met: bucketed.latencyMs.max <= dynamic.latencyMs.max / 2,
    },
    {
      target: "bucketed's traffic time below dynamic's",
      measured: `${fmt(bucketed.trafficMs, 0)} ms against ${fmt(dynamic.trafficMs, 0)} ms`,
      met: bucketed.trafficMs < dynamic.trafficMs,
    },
  ];
}

/**
 * The Compare panel's "why the winner won" (core explainComparison, the one implementation), for one
 * regime's rows: the headline, then each reason as a bullet. Null when there is nothing to compare.
 */
export function formatExplanation(
  results: readonly ModeResult[],
  context: { backend: 'wasm' | 'webgpu'; batchSize: number },
): string | null {
  const explanation = explainComparison(results, context);
  if (!explanation) return null;
  return [`Why: ${explanation.headline}`, ...explanation.reasons.map((reason) => `  - ${reason}`)].join('\n');
}
