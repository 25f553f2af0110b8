import type { Mode, ModeResult } from '../modes';
import { fmtMs, fmtPct, fmtRate } from './format';
import { MODE_SHORT_LABELS } from './compare-series';

/**
 * What the explanation reads from a mode's result. Beyond the basic figures, a result may carry the
 * cold/steady regime, pipeline compiles split into warm-up and traffic, per-item latency and empty batch
 * rows; results from before those were measured lack them, so each is optional and a sentence is said
 * only when its figure was measured.
 */
export type ExplainableResult = Pick<ModeResult, 'mode' | 'itemsPerSec' | 'paddingEfficiency'> &
  Partial<{
    regime: 'cold' | 'steady';
    compiles: { warmup: number; traffic: number };
    latencyMs: { p50: number; p95: number; max: number };
    emptyRows: number;
    modelCalls: number;
  }>;

export interface ExplainContext {
  backend: 'wasm' | 'webgpu';
  batchSize: number;
  /** Empty rows the bucketed plan pads its partial batches with (from the bucket figures), when the results do not carry them. */
  predictedEmptyRows?: number;
}

/** Why the winner won, in sentences built from the measured figures. */
export interface Explanation {
  winner: Mode;
  headline: string;
  reasons: string[];
}

/** The section of docs/BENCHMARKS.md on when bucketing wins; the UI links here. */
export const WHEN_BUCKETING_WINS_ANCHOR = 'when-bucketing-wins';

const name = (mode: Mode) => MODE_SHORT_LABELS[mode] ?? mode;
/** Rates closer than this ratio are within the run-to-run noise of this machine's measurements. */
const NOISE_RATIO = 1.05;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The headline names every mode within noise of the fastest, not just the first two: when bucketed and
 * shared tie at the top, what a visitor asks is how far ahead of dynamic and pad-to-max they were, and
 * "bucketed and shared ran about as fast" alone would not say.
 */
function headlineOf(ranked: readonly ExplainableResult[]): string {
  const fastest = ranked[0]!;
  const tied = ranked.filter((r) => fastest.itemsPerSec / r.itemsPerSec < NOISE_RATIO);
  const next = ranked[tied.length];
  const names = listed(tied.map((r) => name(r.mode)));
  const rates = listed(tied.map((r) => fmtRate(r.itemsPerSec)));
  if (next === undefined) {
    return `${capital(names)} ran about as fast (${rates} items/s): the difference is within run-to-run noise.`;
  }
  const margin = `${(fastest.itemsPerSec / next.itemsPerSec).toFixed(2)}× ${name(next.mode)}`;
  const slowest = ranked[ranked.length - 1]!;
  const overSlowest =
    slowest === next ? '' : ` and ${(fastest.itemsPerSec / slowest.itemsPerSec).toFixed(2)}× ${name(slowest.mode)}`;
  if (tied.length === 1) return `${capital(names)} ran fastest: ${rates} items/s, ${margin}${overSlowest}.`;
  return `${capital(names)} ran fastest, within run-to-run noise of each other (${rates} items/s): ${margin}${overSlowest}.`;
}

/** "a", "a and b", "a, b and c". */
function listed(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function find(results: readonly ExplainableResult[], mode: Mode): ExplainableResult | undefined {
  return results.find((r) => r.mode === mode);
}

/**
 * Explains a Compare run: which mode won and, from its figures, why (compiles during traffic, padding
 * efficiency, empty rows, backend, regime). Null when there is nothing to explain (fewer than two modes
 * or no finite rates).
 */
export function explainComparison(results: readonly ExplainableResult[], context: ExplainContext): Explanation | null {
  const ranked = results
    .filter((r) => Number.isFinite(r.itemsPerSec) && r.itemsPerSec > 0)
    .sort((a, b) => b.itemsPerSec - a.itemsPerSec);
  if (ranked.length < 2) return null;
  const winner = ranked[0]!;
  const headline = headlineOf(ranked);
  const reasons: string[] = [];
  const bucketed = find(results, 'bucketed');
  const dynamic = find(results, 'dynamic');
  const padToMax = find(results, 'pad-to-max');

  // Compiles: the cost bucketing exists to remove.
  const withCompiles = results.filter((r) => r.compiles !== undefined);
  if (withCompiles.length > 0) {
    const compiling = withCompiles
      .filter((r) => (r.compiles?.traffic ?? 0) > 0)
      .sort((a, b) => b.compiles!.traffic - a.compiles!.traffic);
    const clean = withCompiles.filter((r) => r.compiles!.traffic === 0).map((r) => name(r.mode));
    if (compiling.length > 0) {
      const parts = compiling.map((r) => `${name(r.mode)} ${plural(r.compiles!.traffic, 'time')}`);
      reasons.push(
        `Compiles while items were streaming: ${parts.join(', ')}${clean.length > 0 ? `; ${clean.join(', ')} none, because every shape they use was built during warm-up` : ''}. ` +
          'A new input shape makes WebGPU compile new pipelines, and the item waits for it.',
      );
    } else if (context.backend === 'wasm') {
      reasons.push(
        'On WASM nothing is compiled per input shape (the CPU kernels take any length), so fixed shapes save no compile time: only the amount of padding separates the modes.',
      );
    } else {
      reasons.push(
        'No mode compiled anything while items were streaming, so the modes differ by padding and per-run overhead only.',
      );
    }
  } else if (context.backend === 'wasm') {
    reasons.push(
      'On WASM nothing is compiled per input shape (the CPU kernels take any length), so fixed shapes save no compile time: only the amount of padding separates the modes.',
    );
  }

  // Padding: real tokens over computed tokens.
  const efficiencies = ranked.filter((r) => Number.isFinite(r.paddingEfficiency));
  const leastPadded = [...efficiencies].sort((a, b) => b.paddingEfficiency - a.paddingEfficiency)[0];
  if (efficiencies.length >= 2 && leastPadded) {
    const others = efficiencies
      .filter((r) => r !== leastPadded)
      .map((r) => `${name(r.mode)} ${fmtPct(r.paddingEfficiency)}`);
    const why =
      leastPadded.mode === 'dynamic'
        ? `dynamic pads each batch only to its own longest item`
        : leastPadded.mode === 'bucketed' || leastPadded.mode === 'bucketed-shared'
          ? `${name(leastPadded.mode)} pads each item only to the smallest bucket that fits it`
          : `${name(leastPadded.mode)} wasted the least`;
    reasons.push(
      `Padding: ${fmtPct(leastPadded.paddingEfficiency)} of the tokens ${name(leastPadded.mode)} computed were real (${others.join(', ')}); ${why}.`,
    );
  }

  // Model calls: a winner that padded more but called the model less won on per-call overhead.
  if (
    leastPadded &&
    leastPadded !== winner &&
    winner.modelCalls !== undefined &&
    leastPadded.modelCalls !== undefined &&
    winner.modelCalls < leastPadded.modelCalls &&
    winner.paddingEfficiency < leastPadded.paddingEfficiency
  ) {
    reasons.push(
      `Model calls: ${name(winner.mode)} made ${plural(winner.modelCalls, 'call')} per pass, ${name(leastPadded.mode)} ${leastPadded.modelCalls}. ` +
        `Each call has a fixed cost on top of its rows, and here that outweighed the padding ${name(leastPadded.mode)} saved: ` +
        'the smaller the model and the inputs, the more that fixed cost counts.',
    );
  }

  // Empty rows: the last, partial batch of each bucket.
  const emptyRows = bucketed?.emptyRows ?? context.predictedEmptyRows;
  if (bucketed && emptyRows !== undefined && emptyRows > 0 && context.batchSize > 1) {
    reasons.push(
      `Bucketed sessions have a fixed batch of ${context.batchSize}: each bucket's last batch was filled with empty rows (${plural(emptyRows, 'empty row')}), work that dynamic does not do.`,
    );
  }

  // Worst per-item wait, when measured.
  if (
    bucketed?.latencyMs &&
    dynamic?.latencyMs &&
    Number.isFinite(bucketed.latencyMs.max) &&
    Number.isFinite(dynamic.latencyMs.max)
  ) {
    reasons.push(
      `Worst wait for one item: bucketed ${fmtMs(bucketed.latencyMs.max)}, dynamic ${fmtMs(dynamic.latencyMs.max)} (p95 ${fmtMs(bucketed.latencyMs.p95)} and ${fmtMs(dynamic.latencyMs.p95)}).`,
    );
  }

  // Regime: what was and was not warmed before timing.
  const regime = results.find((r) => r.regime !== undefined)?.regime;
  if (regime === 'cold') {
    reasons.push(
      'Regime: cold stream. Each mode started from fresh sessions and warmed up only what it could know in advance; dynamic cannot know the lengths to come, so its first run of each new length is part of the traffic.',
    );
  } else if (regime === 'steady') {
    reasons.push(
      'Regime: steady. Every shape had been run before timing, so compile cost is left out; this is the best case for dynamic shapes.',
    );
  }

  if (padToMax && winner.mode !== 'pad-to-max' && padToMax.itemsPerSec > 0) {
    reasons.push(
      `Pad-to-max, the baseline, ran ${fmtRate(padToMax.itemsPerSec)} items/s: every item padded to the largest bucket.`,
    );
  }
  if (context.backend === 'wasm' && winner.mode === 'dynamic') {
    reasons.push(
      'Bucketing wins where new shapes cost compiles (WebGPU, first runs of each length) or where the hardware needs static shapes; on WASM with ready-made kernels, padding exactly to each batch is hard to beat.',
    );
  }
  return { winner: winner.mode, headline, reasons };
}

/** Inputs of {@link explainLive}: what the Live panel measures and knows about the buckets. */
export interface LiveExplainInput {
  backend: 'wasm' | 'webgpu';
  /** Recent bucketed items/s. */
  rate: number | null;
  /** Latest pad-to-max items/s. */
  reference: number | null;
  /** Padding efficiency of the current buckets on the dataset, and of one bucket at the largest size. */
  bucketedEfficiency: number | null;
  padToMaxEfficiency: number | null;
  /** A rebuild is warming up now. */
  warming: boolean;
}

/** One or two sentences under the Live chart saying why bucketed is ahead of or behind pad-to-max. */
export function explainLive(input: LiveExplainInput): string | null {
  const { rate, reference } = input;
  if (input.warming) {
    const flow =
      'items whose buckets are ready stream meanwhile, the others wait for theirs, and the pad-to-max reference waits for the end.';
    return input.backend === 'webgpu'
      ? `Warming up: each new bucket compiles its GPU pipelines once; ${flow}`
      : `Warming up the changed buckets: ${flow}`;
  }
  if (rate === null || reference === null || !(reference > 0)) return null;
  const ratio = rate / reference;
  const padding =
    input.bucketedEfficiency !== null && input.padToMaxEfficiency !== null
      ? ` Bucketed computes ${fmtPct(input.bucketedEfficiency)} real tokens, pad-to-max ${fmtPct(input.padToMaxEfficiency)}.`
      : '';
  if (ratio >= 1.05)
    return `Bucketed runs ${ratio.toFixed(2)}× pad-to-max because it pads each item only to the smallest bucket that fits.${padding}`;
  if (ratio <= 0.95) {
    return `Bucketed runs slower than pad-to-max (${ratio.toFixed(2)}×): with these buckets the saved padding does not pay for running several shapes.${padding} Try fewer buckets, or place them again.`;
  }
  return `Bucketed and pad-to-max run about as fast (${ratio.toFixed(2)}×).${padding}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
