import type { Mode, ModeResult } from '../modes';

/** Plain-word names of the four ways the worker runs the model. */
export const MODE_LABELS: Readonly<Record<Mode, string>> = Object.freeze({
  bucketed: 'Bucketed (session per bucket)',
  'bucketed-shared': 'Bucketed, one shared session',
  'pad-to-max': 'Pad to max (one shape)',
  dynamic: 'Dynamic shapes',
});

/** Short names for chart axes, where the long ones do not fit. */
export const MODE_SHORT_LABELS: Readonly<Record<Mode, string>> = Object.freeze({
  bucketed: 'bucketed',
  'bucketed-shared': 'shared',
  'pad-to-max': 'pad-to-max',
  dynamic: 'dynamic',
});

/** One mode's results in the units the charts show. */
export interface CompareBarRow {
  mode: Mode;
  label: string;
  itemsPerSec: number;
  tokensPerSec: number;
  p50Ms: number;
  p95Ms: number;
  paddingEfficiencyPct: number;
  firstRunMs: number;
  sessionMB: number;
  /** items/s relative to pad-to-max (1 = as fast); null when pad-to-max was not run. */
  ratioToPadToMax: number | null;
  /** GPU pipelines and shader modules built while the items were served, and before them. */
  compilesTraffic: number;
  compilesWarmup: number;
  /** Per item (time from its batch's start to its result): the median and the worst. */
  itemP50Ms: number;
  itemMaxMs: number;
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}

/** Rows for the comparison's bar charts, in the order the modes were run. */
export function compareBarRows(results: readonly ModeResult[]): CompareBarRow[] {
  return results.map((r) => ({
    mode: r.mode,
    label: MODE_SHORT_LABELS[r.mode] ?? r.mode,
    itemsPerSec: finite(r.itemsPerSec),
    tokensPerSec: finite(r.tokensPerSec),
    p50Ms: finite(r.p50Ms),
    p95Ms: finite(r.p95Ms),
    paddingEfficiencyPct: finite(r.paddingEfficiency) * 100,
    firstRunMs: finite(r.firstRunMs),
    sessionMB: finite(r.sessionBytes) / 1e6,
    ratioToPadToMax: r.ratioToPadToMax !== null && Number.isFinite(r.ratioToPadToMax) ? r.ratioToPadToMax : null,
    compilesTraffic: r.compiles?.traffic ?? 0,
    compilesWarmup: r.compiles?.warmup ?? 0,
    itemP50Ms: finite(r.latencyMs?.p50 ?? 0),
    itemMaxMs: finite(r.latencyMs?.max ?? 0),
  }));
}

/** One past comparison, kept so that the line chart shows how throughput moved as buckets changed. */
export interface CompareHistoryEntry {
  run: number;
  buckets: number[];
  batchSize: number;
  items: number;
  itemsPerSec: Partial<Record<Mode, number>>;
}

export const MAX_COMPARE_HISTORY = 12;

/** Appends a run's items/s per mode, numbering runs and keeping the last `max`. */
export function appendCompareHistory(
  history: readonly CompareHistoryEntry[],
  results: readonly ModeResult[],
  meta: { buckets: readonly number[]; batchSize: number; items: number },
  max = MAX_COMPARE_HISTORY,
): CompareHistoryEntry[] {
  const run = history.length > 0 ? history[history.length - 1].run + 1 : 1;
  const itemsPerSec: Partial<Record<Mode, number>> = {};
  for (const r of results) itemsPerSec[r.mode] = finite(r.itemsPerSec);
  const entry: CompareHistoryEntry = {
    run,
    buckets: [...meta.buckets],
    batchSize: meta.batchSize,
    items: meta.items,
    itemsPerSec,
  };
  return [...history, entry].slice(-Math.max(1, max));
}

/** A row of the history line chart: run label plus one value per mode (absent where a mode was not run). */
export type CompareHistoryRow = { run: string; buckets: string } & Partial<Record<Mode, number>>;

export function compareHistoryRows(history: readonly CompareHistoryEntry[]): CompareHistoryRow[] {
  return history.map((h) => ({ run: `#${h.run}`, buckets: h.buckets.join(', '), ...h.itemsPerSec }));
}
