import type { Mode } from '../modes';

/** One measurement of the live stream: a chunk of items ran in `mode` and finished at `t` seconds. */
export interface LivePoint {
  t: number;
  itemsPerSec: number;
  mode: Mode;
  /** GPU pipelines and shader modules created while the chunk ran (0 or absent: none). */
  compiles?: number;
}

/** Something that happened on the live plot: a rebuild started or ended. */
export interface LiveMarker {
  t: number;
  label: string;
  kind: 'rebuild' | 'ready' | 'error';
}

/** Seconds of history the live chart keeps; older points scroll off. */
export const LIVE_WINDOW_SECONDS = 120;
export const LIVE_MAX_POINTS = 400;

/**
 * Appends `item` and drops what fell out of the time window (or past the count cap), so a live run of
 * hours keeps a bounded store.
 */
export function appendWindowed<T extends { t: number }>(
  list: readonly T[],
  item: T,
  windowSeconds = LIVE_WINDOW_SECONDS,
  maxItems = LIVE_MAX_POINTS,
): T[] {
  const from = item.t - windowSeconds;
  const kept = list.filter((x) => x.t >= from);
  kept.push(item);
  return kept.length > maxItems ? kept.slice(kept.length - maxItems) : kept;
}

/** Items per second of a run; 0 for a run with no time (nothing ran). */
export function itemsPerSecond(items: number, totalMs: number): number {
  return totalMs > 0 && Number.isFinite(totalMs) ? (items * 1000) / totalMs : 0;
}

/** A row of the live chart: bucketed points carry `bucketed`, reference runs `padToMax`. */
export interface LiveChartRow {
  t: number;
  bucketed: number | null;
  /** Mean of the latest `smoothing` bucketed points up to this one: the line a reader follows. */
  smoothed: number | null;
  padToMax: number | null;
  /** The point's items/s where its chunk compiled something on the GPU (a marked point), else null. */
  compiled: number | null;
}

/**
 * Splits the points into the lines of the live chart (null where a line has no point). Single chunks are
 * noisy (timer resolution, garbage collection, other tabs), so a running mean is drawn over them.
 */
export function liveChartRows(points: readonly LivePoint[], smoothing = 5): LiveChartRow[] {
  const window: number[] = [];
  return points.map((p) => {
    const t = Math.round(p.t * 10) / 10;
    const compiled = (p.compiles ?? 0) > 0 ? p.itemsPerSec : null;
    if (p.mode === 'pad-to-max') return { t, bucketed: null, smoothed: null, padToMax: p.itemsPerSec, compiled };
    window.push(p.itemsPerSec);
    if (window.length > smoothing) window.shift();
    const smoothed = window.reduce((sum, x) => sum + x, 0) / window.length;
    return { t, bucketed: p.itemsPerSec, smoothed, padToMax: null, compiled };
  });
}

/**
 * Items for the next live chunk: scaled so that a chunk takes about `targetMs` (long enough to time
 * well, short enough for a lively plot), in whole batches, between one batch and `maxBatches`.
 */
export function nextChunkSize(
  previous: { items: number; ms: number } | null,
  batchSize: number,
  targetMs = 300,
  maxBatches = 64,
): number {
  if (!previous || !(previous.ms > 0)) return batchSize * 4;
  const wanted = (previous.items * targetMs) / previous.ms;
  const batches = Math.min(maxBatches, Math.max(1, Math.round(wanted / batchSize)));
  return batches * batchSize;
}

/** The latest pad-to-max figure, drawn as the reference line; null when none was measured. */
export function latestReference(points: readonly LivePoint[], fallback: number | null): number | null {
  for (let i = points.length - 1; i >= 0; i--) if (points[i].mode === 'pad-to-max') return points[i].itemsPerSec;
  return fallback;
}

/** Mean items/s of the last `n` bucketed points: the steady figure shown beside the chart. */
export function recentRate(points: readonly LivePoint[], n = 5): number | null {
  const recent = points.filter((p) => p.mode !== 'pad-to-max').slice(-n);
  if (recent.length === 0) return null;
  return recent.reduce((s, p) => s + p.itemsPerSec, 0) / recent.length;
}

/** A rebuild drawn on the live plot: from its start to when its sessions were ready (null: still warming). */
export interface WarmupSpan {
  from: number;
  to: number | null;
  label: string;
}

/** Pairs each rebuild marker with the next ready or error marker, so the warm-up shows as a shaded span. */
export function warmupSpans(markers: readonly LiveMarker[]): WarmupSpan[] {
  const spans: WarmupSpan[] = [];
  let open: WarmupSpan | null = null;
  for (const m of markers) {
    if (m.kind === 'rebuild') {
      if (open) spans.push(open);
      open = { from: m.t, to: null, label: m.label };
    } else if (open) {
      spans.push({ ...open, to: m.t });
      open = null;
    }
  }
  if (open) spans.push(open);
  return spans;
}
