import { validateBuckets } from '../buckets';
import type { BackendInfo } from '../backend';
import type { ModeResult, Regime } from '../modes';
import { AppStateError } from './errors';
import { errorMessage } from '../errors';

/** What a comparison ran on, stored beside its results so an exported file explains itself. */
export interface CompareMeta {
  model: string;
  backend: BackendInfo['backend'];
  adapter?: string;
  buckets: number[];
  batchSize: number;
  items: number;
  repetitions: number;
  /** cold stream or steady: the figures mean different things, so every export names it. */
  regime?: Regime;
  /** ISO 8601 time the run finished. */
  finishedAt: string;
}

export const EXPORT_FORMAT = 'bucketwise';

/** The comparison as JSON: the app's name and format version, what it ran on, every mode's result. */
export function compareResultsJson(results: readonly ModeResult[], meta: CompareMeta): string {
  return JSON.stringify({ format: EXPORT_FORMAT, kind: 'comparison', version: 1, meta, results }, null, 2);
}

const CSV_COLUMNS: readonly { header: string; value: (r: ModeResult) => string | number | null }[] = [
  { header: 'mode', value: (r) => r.mode },
  { header: 'backend', value: (r) => r.backend },
  { header: 'items', value: (r) => r.items },
  { header: 'items_per_sec', value: (r) => r.itemsPerSec },
  { header: 'tokens_per_sec', value: (r) => r.tokensPerSec },
  { header: 'p50_ms', value: (r) => r.p50Ms },
  { header: 'p95_ms', value: (r) => r.p95Ms },
  { header: 'padding_efficiency', value: (r) => r.paddingEfficiency },
  { header: 'real_tokens', value: (r) => r.realTokens },
  { header: 'computed_tokens', value: (r) => r.computedTokens },
  { header: 'first_run_ms', value: (r) => r.firstRunMs },
  { header: 'session_bytes', value: (r) => r.sessionBytes },
  { header: 'ratio_to_pad_to_max', value: (r) => r.ratioToPadToMax },
  { header: 'ideal_speedup', value: (r) => r.idealSpeedup },
  { header: 'regime', value: (r) => r.regime },
  { header: 'warmup_ms', value: (r) => r.warmupMs },
  { header: 'traffic_ms', value: (r) => r.trafficMs },
  { header: 'item_p50_ms', value: (r) => r.latencyMs.p50 },
  { header: 'item_p95_ms', value: (r) => r.latencyMs.p95 },
  { header: 'item_max_ms', value: (r) => r.latencyMs.max },
  { header: 'compiles_warmup', value: (r) => r.compiles.warmup },
  { header: 'compiles_traffic', value: (r) => r.compiles.traffic },
  // Per pass; absent (empty) in results saved before they were measured.
  { header: 'model_calls', value: (r) => r.modelCalls ?? null },
  { header: 'rows', value: (r) => r.rows ?? null },
  { header: 'empty_rows', value: (r) => r.emptyRows ?? null },
];

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One header line and one line per mode, CRLF-terminated as RFC 4180 asks. */
export function compareResultsCsv(results: readonly ModeResult[]): string {
  const lines = [CSV_COLUMNS.map((c) => c.header).join(',')];
  for (const r of results) lines.push(CSV_COLUMNS.map((c) => csvField(c.value(r))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A bucket configuration that can be saved and loaded again (or read by another tool). */
export interface BucketConfigFile {
  buckets: number[];
  batchSize: number;
  model: string;
  maxPositions: number;
  algorithm?: string;
  k?: number;
  /** Measured steady latency per batch at each bucket, when the buckets were applied. */
  latenciesMs?: Record<string, number>;
}

export function bucketConfigJson(config: BucketConfigFile): string {
  return JSON.stringify({ format: EXPORT_FORMAT, kind: 'buckets', version: 1, ...config }, null, 2);
}

/**
 * Reads a bucket configuration file back, checking the buckets against the loaded model.
 * @throws AppStateError `BAD_CONFIG_FILE` naming what is wrong (not JSON, not a bucket file, bad buckets).
 */
export function parseBucketConfigJson(text: string, maxPositions: number): { buckets: number[]; batchSize?: number } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppStateError(
      'BAD_CONFIG_FILE',
      'The file is not JSON: choose a bucket configuration exported by this app.',
    );
  }
  if (typeof data !== 'object' || data === null || (data as { kind?: unknown }).kind !== 'buckets') {
    throw new AppStateError('BAD_CONFIG_FILE', 'The file is not a bucket configuration (its "kind" is not "buckets").');
  }
  const raw = data as { buckets?: unknown; batchSize?: unknown };
  let buckets: number[];
  try {
    buckets = validateBuckets(raw.buckets, { maxPositions });
  } catch (err) {
    throw new AppStateError('BAD_CONFIG_FILE', `The file's buckets cannot be used: ${errorMessage(err)}`);
  }
  const b = raw.batchSize;
  return typeof b === 'number' && Number.isInteger(b) && b >= 1 ? { buckets, batchSize: b } : { buckets };
}

/** File name with the date, e.g. bucketwise-comparison-2025-01-31T12-00-00.json. */
export function exportFileName(kind: 'comparison' | 'buckets', extension: 'json' | 'csv', at: Date): string {
  const stamp = at.toISOString().replace(/\..*$/, '').replace(/:/g, '-');
  return `bucketwise-${kind}-${stamp}.${extension}`;
}
