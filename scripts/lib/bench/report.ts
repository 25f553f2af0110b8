import type { Backend, CompileSplit, Mode, ModeResult, Regime, RunFigures } from '../../../src/protocol/types';
import type { ReferenceResult } from '../../../src/testing/reference-pipeline';

export type { ReferenceResult };

/** Everything needed to reproduce and interpret a run; written as `config` in the JSON file. */
export interface BenchConfigRecord {
  command: string;
  /** `git describe`-style revision of the checkout the app was built from, when known. */
  revision?: string;
  model: { name: string; source: string; bytes: number; maxPositions: number };
  dataset: { name: string; totalItems: number };
  itemsUsed: number;
  seed: number;
  batchSize: number;
  backend: { requested: Backend; used: Backend; adapter?: string; wasmThreads: number; crossOriginIsolated: boolean };
  buckets: number[];
  bucketSource: string;
  bucketNotes: string[];
  modes: Mode[];
  /** Regimes run, in order; cold ran each mode in a fresh browser. */
  regimes?: Regime[];
  /** Static batch sizes offered to bucketed runs' partial batches, when batch-size buckets were on. */
  batchSizes?: number[];
  /** `uptime` of the machine when the run ended: a shared machine's load is part of the figures. */
  loadAverage?: string;
  warmupRuns: number;
  repetitions: number;
  browser: string;
  date: string;
}

/** A result row of the JSON file: the fields issues 8 and 16 name, then a few that help reading them. */
export interface JsonResultRow extends RunFigures {
  mode: Mode;
  regime: Regime;
  sessionBytes: number;
  ratioToPadToMax: number | null;
  idealSpeedup: number | null;
  /** measured ratio over ideal speed-up: how much of the saving in tokens became saving in time. */
  shareOfIdeal: number | null;
  firstRunByShape: Record<string, number>;
  itemsPerSecByRepetition: number[];
  ratioToPadToMaxByRepetition: number[];
  medianRatioToPadToMax: number | null;
  compiles: CompileSplit;
  compilesByShape: Record<string, CompileSplit>;
  compilesBefore: number | null;
  warmupMs: number;
  trafficMs: number;
  latencyMs: { p50: number; p95: number; max: number };
  /** Per-item p95 latency of this mode over pad-to-max's, same regime and run. */
  p95RatioToPadToMax: number | null;
  rows: number | null;
  emptyRows: number | null;
  batchSizes: number[];
}

export interface JsonReport {
  config: BenchConfigRecord;
  results: JsonResultRow[];
  reference?: ReferenceResult & { ratioToPadToMax: number | null; forwardRatioToPadToMax: number | null };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * This mode's items/s over pad-to-max's, pass by pass: within a repetition the modes run back to back,
 * so each ratio compares runs under similar load. Empty when either side lacks per-pass rates.
 */
export function ratiosByRepetition(
  r: Pick<ModeResult, 'itemsPerSecByRepetition'>,
  results: readonly ModeResult[],
): number[] {
  const base = results.find((x) => x.mode === 'pad-to-max')?.itemsPerSecByRepetition;
  const own = r.itemsPerSecByRepetition;
  if (!base || !own || base.length !== own.length) return [];
  return own.map((rate, i) => rate / base[i]!);
}

/**
 * Ratios to pad-to-max of one regime's results, filled the way the worker fills them within a request:
 * needed when each cold mode ran in its own worker (and request), which therefore had no pad-to-max beside it.
 */
export function withRatiosToPadToMax(results: readonly ModeResult[]): ModeResult[] {
  const base = results.find((r) => r.mode === 'pad-to-max');
  return results.map((r) => ({
    ...r,
    ratioToPadToMax: base ? r.itemsPerSec / base.itemsPerSec : null,
    idealSpeedup: base ? base.computedTokens / r.computedTokens : null,
  }));
}

function p95Ratio(r: ModeResult, results: readonly ModeResult[]): number | null {
  const base = results.find((x) => x.mode === 'pad-to-max' && x.regime === r.regime);
  return base && base.latencyMs.p95 > 0 ? r.latencyMs.p95 / base.latencyMs.p95 : null;
}

/** The median of the pass-by-pass ratios to pad-to-max: the ratio least moved by one disturbed pass. */
export function medianRatioToPadToMax(
  r: Pick<ModeResult, 'itemsPerSecByRepetition'>,
  results: readonly ModeResult[],
): number | null {
  return median(ratiosByRepetition(r, results));
}

export function shareOfIdeal(r: Pick<ModeResult, 'ratioToPadToMax' | 'idealSpeedup'>): number | null {
  if (r.ratioToPadToMax === null || r.idealSpeedup === null || r.idealSpeedup === 0) return null;
  return r.ratioToPadToMax / r.idealSpeedup;
}

const sameRegime = (r: ModeResult, results: readonly ModeResult[]) => results.filter((x) => x.regime === r.regime);

function padToMaxRate(results: readonly ModeResult[]): number | null {
  return results.find((r) => r.mode === 'pad-to-max')?.itemsPerSec ?? null;
}

export function buildJsonReport(
  config: BenchConfigRecord,
  results: readonly ModeResult[],
  reference?: ReferenceResult,
): JsonReport {
  const rows: JsonResultRow[] = results.map((r) => ({
    mode: r.mode,
    regime: r.regime,
    backend: r.backend,
    items: r.items,
    itemsPerSec: r.itemsPerSec,
    tokensPerSec: r.tokensPerSec,
    p50Ms: r.p50Ms,
    p95Ms: r.p95Ms,
    paddingEfficiency: r.paddingEfficiency,
    computedTokens: r.computedTokens,
    firstRunMs: r.firstRunMs,
    sessionBytes: r.sessionBytes,
    ratioToPadToMax: r.ratioToPadToMax,
    realTokens: r.realTokens,
    idealSpeedup: r.idealSpeedup,
    shareOfIdeal: shareOfIdeal(r),
    firstRunByShape: r.firstRunByShape,
    itemsPerSecByRepetition: r.itemsPerSecByRepetition ?? [],
    ratioToPadToMaxByRepetition: ratiosByRepetition(r, sameRegime(r, results)),
    medianRatioToPadToMax: medianRatioToPadToMax(r, sameRegime(r, results)),
    compiles: r.compiles,
    compilesByShape: r.compilesByShape ?? {},
    compilesBefore: r.compilesBefore ?? null,
    warmupMs: r.warmupMs,
    trafficMs: r.trafficMs,
    latencyMs: r.latencyMs,
    p95RatioToPadToMax: p95Ratio(r, results),
    rows: r.rows ?? null,
    emptyRows: r.emptyRows ?? null,
    batchSizes: r.batchSizes ?? [],
  }));
  const report: JsonReport = { config, results: rows };
  if (reference) {
    const base = padToMaxRate(results.filter((r) => r.regime !== 'cold'));
    report.reference = {
      ...reference,
      ratioToPadToMax: base ? reference.itemsPerSec / base : null,
      forwardRatioToPadToMax: base ? reference.forwardItemsPerSec / base : null,
    };
  }
  return report;
}

/** Fixed decimals, or a dash for a missing value, so columns of numbers line up. */
export function fmt(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  return value.toFixed(digits);
}

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '-' : `${fmt(value * 100, 1)}%`;
const times = (value: number | null | undefined) => (value === null || value === undefined ? '-' : `${fmt(value, 2)}x`);
const megabytes = (bytes: number) => `${fmt(bytes / 1e6, 1)} MB`;

/** Left-aligns the first column and right-aligns the others, padding every cell to its column's width. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const HEADER = [
  'mode',
  'items/s',
  'tokens/s',
  'p50 ms',
  'p95 ms',
  'padding eff',
  'computed tok',
  'ideal',
  'measured',
  'median/pass',
  'share of ideal',
  'first run ms',
  'sessions',
];

/** The main table: one row per mode (and the reference, if any), ratios against pad-to-max of the same run. */
export function formatResultsTable(results: readonly ModeResult[], reference?: ReferenceResult): string {
  const rows = results.map((r) => [
    r.mode,
    fmt(r.itemsPerSec),
    fmt(r.tokensPerSec, 0),
    fmt(r.p50Ms),
    fmt(r.p95Ms),
    percent(r.paddingEfficiency),
    fmt(r.computedTokens, 0),
    times(r.idealSpeedup),
    times(r.ratioToPadToMax),
    times(medianRatioToPadToMax(r, results)),
    percent(shareOfIdeal(r)),
    fmt(r.firstRunMs, 0),
    megabytes(r.sessionBytes),
  ]);
  if (reference) {
    const base = padToMaxRate(results);
    rows.push([
      `${reference.library} (reference)`,
      fmt(reference.itemsPerSec),
      fmt(reference.tokensPerSec, 0),
      fmt(reference.p50Ms),
      fmt(reference.p95Ms),
      percent(reference.paddingEfficiency),
      fmt(reference.computedTokens, 0),
      '-',
      times(base ? reference.itemsPerSec / base : null),
      '-',
      '-',
      fmt(reference.firstRunMs, 0),
      '-',
    ]);
    rows.push([
      '  same, model forward only',
      fmt(reference.forwardItemsPerSec),
      '-',
      fmt(reference.forwardP50Ms),
      '-',
      '-',
      '-',
      '-',
      times(base ? reference.forwardItemsPerSec / base : null),
      '-',
      '-',
      '-',
      '-',
    ]);
  }
  return formatTable(HEADER, rows);
}

/** One line per mode listing the first (compiling) run of each shape, "rows x length". */
export function formatFirstRuns(results: readonly ModeResult[]): string {
  return results
    .map((r) => {
      const shapes = Object.entries(r.firstRunByShape).map(([shape, ms]) => `${shape} ${fmt(ms, 0)} ms`);
      return `  ${r.mode}: ${shapes.length > 0 ? shapes.join(', ') : '-'}`;
    })
    .join('\n');
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/**
 * The steady-state targets (issue 8, as revised by issue 16), checked on this run's numbers. They were
 * set for WNUT-17 at batch 64 with 4 buckets on WASM; the caller says so when the run differs. Targets
 * whose inputs are absent are skipped.
 */
export function evaluateTargets(
  results: readonly ModeResult[],
  reference: ReferenceResult | undefined,
  bucketCount: number,
): TargetCheck[] {
  const bucketed = results.find((r) => r.mode === 'bucketed');
  if (!bucketed) return [];
  const checks: TargetCheck[] = [];
  if (bucketed.ratioToPadToMax !== null) {
    const perPass = medianRatioToPadToMax(bucketed, results);
    checks.push({
      target: 'bucketed items/s at least 1.8x pad-to-max',
      measured: `${times(bucketed.ratioToPadToMax)}${perPass !== null ? ` (median of the per-pass ratios ${times(perPass)})` : ''}`,
      met: bucketed.ratioToPadToMax >= 1.8,
    });
  }
  const share = shareOfIdeal(bucketed);
  if (share !== null) {
    checks.push({
      target: 'bucketed realises at least 0.8 of the ideal speed-up',
      measured: `${fmt(share, 2)} (${times(bucketed.ratioToPadToMax)} of ${times(bucketed.idealSpeedup)})`,
      met: share >= 0.8,
    });
  }
  if (reference) {
    const ratio = bucketed.itemsPerSec / reference.itemsPerSec;
    const forward = bucketed.itemsPerSec / reference.forwardItemsPerSec;
    checks.push({
      target: `bucketed faster than the ${reference.library} pipeline`,
      measured: `${times(ratio)} (${times(forward)} against its model forward alone)`,
      met: ratio > 1,
    });
  }
  // Issue 8 asked for 90%, which WNUT-17 cannot give with 4 buckets (the exact optimum is 80.2%);
  // issue 16 set 79%, reachable once partial batches stop padding empty rows.
  checks.push({
    target: `padding efficiency at least 79% with 4 buckets`,
    measured: `${percent(bucketed.paddingEfficiency)} with ${bucketCount} bucket(s)${bucketed.emptyRows !== undefined ? `, ${bucketed.emptyRows} empty row(s)` : ''}`,
    met: bucketed.paddingEfficiency >= 0.79 && bucketCount <= 4,
  });
  return checks;
}

export function formatTargets(checks: readonly TargetCheck[]): string {
  return checks.map((c) => `  [${c.met ? 'met' : 'NOT met'}] ${c.target}: ${c.measured}`).join('\n');
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The lines above the table: what was run, on what, and how it was timed. */
export function formatConfigSummary(config: BenchConfigRecord): string {
  const b = config.backend;
  const backend =
    b.used === 'webgpu'
      ? `webgpu${b.adapter ? ` (adapter: ${b.adapter})` : ''}`
      : `wasm (${plural(b.wasmThreads, 'thread', 'threads')}${b.crossOriginIsolated ? ', cross-origin isolated' : ''})`;
  const rows: [string, string][] = [
    ['command', config.command],
    [
      'model',
      `${config.model.name} (${fmt(config.model.bytes / 1e6, 1)} MB, ${config.model.maxPositions} positions; --model ${config.model.source})`,
    ],
    [
      'dataset',
      `${config.dataset.name}: ${config.itemsUsed} of ${config.dataset.totalItems} items used${config.itemsUsed < config.dataset.totalItems ? ` (sampled, seed ${config.seed})` : ''}`,
    ],
    ['batch', String(config.batchSize)],
    ['backend', `${backend}${b.requested !== b.used ? ` (requested ${b.requested})` : ''}`],
    ['buckets', `[${config.buckets.join(', ')}] from ${config.bucketSource}`],
    [
      'timing',
      `${plural(Math.max(1, config.warmupRuns), 'warm-up run', 'warm-up runs')} per shape, ${plural(config.repetitions, 'timed pass', 'timed passes')} over all items per mode, modes interleaved`,
    ],
    ...(config.regimes
      ? [
          [
            'regimes',
            config.regimes
              .map((r) =>
                r === 'cold'
                  ? 'cold stream (each mode in a fresh browser: its own warm-up, then every item once)'
                  : 'steady (the timing line above)',
              )
              .join('; '),
          ] as [string, string],
        ]
      : []),
    ...(config.batchSizes
      ? [
          [
            'batch sizes',
            `${config.batchSizes.join(', ')} (partial batches of bucketed runs use the smaller ones)`,
          ] as [string, string],
        ]
      : []),
    ...(config.loadAverage ? [['load', config.loadAverage] as [string, string]] : []),
    ['browser', `${config.browser}, ${config.date}${config.revision ? `, revision ${config.revision}` : ''}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  for (const note of config.bucketNotes) lines.push(`${'note'.padEnd(width)}  ${note}`);
  return lines.join('\n');
}
