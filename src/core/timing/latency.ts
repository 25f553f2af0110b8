/** Latency figures of a run, shared by the worker's runs and the benchmark. */

export interface LatencySummary {
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentile of ascending values (0 for none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : 0,
  };
}

/**
 * Per-item latency of a streamed run: an item's latency is the time from the start of the run of the
 * batch that holds it to that batch's result, so with batch 1 it is the item's own run (a compile in
 * that run included), and with larger batches every item of a batch shares the batch's time. Time an
 * item waits for earlier batches is not in it (that is the run's traffic time).
 * @param batchMs wall time of each batch's run
 * @param itemsPerBatch filled rows of each batch (empty padding rows are no item)
 */
export function perItemLatencies(batchMs: readonly number[], itemsPerBatch: readonly number[]): number[] {
  if (batchMs.length !== itemsPerBatch.length) {
    throw new RangeError(`Got ${batchMs.length} batch times but ${itemsPerBatch.length} batch sizes.`);
  }
  const out: number[] = [];
  batchMs.forEach((ms, b) => {
    for (let i = 0; i < itemsPerBatch[b]!; i++) out.push(ms);
  });
  return out;
}
