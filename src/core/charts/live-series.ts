import type { Mode } from '../../protocol/types';

/** One measurement of the live stream: a chunk of items ran in `mode` and finished at `t` seconds. */
export interface LivePoint {
  t: number;
  itemsPerSec: number;
  mode: Mode;
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
  padToMax: number | null;
}

/** Splits the points into the two lines of the live chart (gaps where a line has no point). */
export function liveChartRows(points: readonly LivePoint[]): LiveChartRow[] {
  return points.map((p) => ({
    t: Math.round(p.t * 10) / 10,
    bucketed: p.mode === 'pad-to-max' ? null : p.itemsPerSec,
    padToMax: p.mode === 'pad-to-max' ? p.itemsPerSec : null,
  }));
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
