/**
 * Warm-up planning: which bucket sessions an input needs, and the order buckets are warmed in, so that a
 * run never waits for buckets it does not use. The worker warms one bucket per step in this order and
 * serves runs between steps; a run first warms the buckets its own batches need (and only those).
 */

/** The distinct buckets a batch plan runs at, ascending: the sessions a run needs warm before it starts. */
export function bucketsOfBatches(batches: readonly { bucket: number }[]): number[] {
  return [...new Set(batches.map((b) => b.bucket))].sort((a, b) => a - b);
}

/**
 * The order to warm `buckets` in: the ones a waiting run needs first, then the rest, each group smallest
 * first. Small buckets are cheap to build and short inputs (the common case) need them, so the first
 * runs can start after the cheapest warm-up. Buckets not in `buckets` are ignored, duplicates dropped.
 */
export function warmOrder(buckets: readonly number[], needed: readonly number[] = []): number[] {
  const all = [...new Set(buckets)].sort((a, b) => a - b);
  const wanted = new Set(needed);
  return [...all.filter((b) => wanted.has(b)), ...all.filter((b) => !wanted.has(b))];
}

/** The next bucket to warm, or null when every one is warm. */
export function nextBucketToWarm(
  buckets: readonly number[],
  warm: ReadonlySet<number>,
  needed: readonly number[] = [],
): number | null {
  return warmOrder(buckets, needed).find((b) => !warm.has(b)) ?? null;
}

export type WarmState = 'waiting' | 'compiling' | 'ready';

export interface WarmProgress {
  /** The bucket being warmed now, or null between steps. */
  bucket: number | null;
  ready: number;
  total: number;
}

/**
 * Where a warm-up stands, from its per-bucket states; null when nothing is left to warm. A bucket is ready
 * (usable) once each of its shapes has run once; its timing runs come after, so while the apply is still
 * going (`applying`) every bucket can be ready and the warm-up not yet over.
 */
export function warmProgress(
  rows: readonly { bucket: number; state: WarmState }[],
  applying = false,
): WarmProgress | null {
  const ready = rows.filter((r) => r.state === 'ready').length;
  if (rows.length === 0 || (ready === rows.length && !applying)) return null;
  return { bucket: rows.find((r) => r.state === 'compiling')?.bucket ?? null, ready, total: rows.length };
}

/** "warming bucket 144, 2 of 4": the bucket being built and how many of all are ready. */
export function warmProgressText(progress: WarmProgress): string {
  if (progress.ready === progress.total) return `timing the buckets, ${progress.ready} of ${progress.total} ready`;
  const what = progress.bucket === null ? 'warming buckets' : `warming bucket ${progress.bucket}`;
  return `${what}, ${progress.ready} of ${progress.total}`;
}

/**
 * What Compare says while it waits for a warm-up to end before it starts timing: a comparison timed while
 * sessions compile in the background would count the compiles in its figures. Null progress: the apply
 * has not reported a bucket yet.
 */
export function compareWaitText(progress: WarmProgress | null): string {
  const where = progress ? warmProgressText(progress) : 'starting';
  return `Waiting for the bucket warm-up to end before timing (${where}): timed meanwhile, the modes would share the machine with its compiles.`;
}
