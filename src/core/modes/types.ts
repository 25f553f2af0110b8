import type { Backend } from '../backend';
import type { CompileSplit } from '../compiles';

/**
 * How the same model and inputs are run: a session per bucket, one shared session fed bucket shapes, every
 * input padded to the longest bucket, or each batch at its own length (see workers/engine/ner-runner.ts).
 */
export type Mode = 'bucketed' | 'bucketed-shared' | 'pad-to-max' | 'dynamic';
export const MODES: readonly Mode[] = ['bucketed', 'bucketed-shared', 'pad-to-max', 'dynamic'];

/**
 * How a benchmark meets its items. `cold`: fresh sessions, each mode warms only what it can know before
 * traffic (the static modes their shapes, dynamic one run), then the items stream through once, compiles
 * included. `steady`: every shape has been seen before timing, so no compile is in the figures.
 */
export type Regime = 'cold' | 'steady';
export const REGIMES: readonly Regime[] = ['cold', 'steady'];

/** The throughput figures of one timed run: one of the app's modes, or the bench's outside reference. */
export interface RunFigures {
  backend: Backend;
  items: number;
  itemsPerSec: number;
  tokensPerSec: number;
  /** Per batch, in milliseconds. */
  p50Ms: number;
  p95Ms: number;
  paddingEfficiency: number;
  realTokens: number;
  computedTokens: number;
  /** The first (compiling) run: for a mode, summed over its shapes; for the reference, its first batch. */
  firstRunMs: number;
}

/** What a benchmark measured for one mode; the charts, the exports and the bench report read it. */
export interface ModeResult extends RunFigures {
  mode: Mode;
  firstRunByShape: Record<string, number>;
  sessionBytes: number;
  /** items/s of this mode over items/s of pad-to-max in the same run. */
  ratioToPadToMax: number | null;
  /** pad-to-max computed tokens over this mode's: the speed-up if time were proportional to tokens. */
  idealSpeedup: number | null;
  /**
   * items/s of each timed pass, in repetition order. Within a repetition the modes run back to back, so
   * ratios taken pass by pass (and their median) resist a load spike that hits one pass.
   */
  itemsPerSecByRepetition?: number[];
  regime: Regime;
  /** GPU pipelines plus shader modules created by this mode: before traffic, and while serving it. */
  compiles: CompileSplit;
  /** Compiles by batch shape "rows x length"; shapes that compiled nothing are absent. */
  compilesByShape?: Record<string, CompileSplit>;
  /**
   * Cold regime: pipelines and shader modules the worker had created before this mode started. The GPU
   * program cache is per worker, not per session, so a mode that follows others may reuse their work.
   */
  compilesBefore?: number;
  /** Time spent warming up before traffic (cold: this mode's warm-up; steady: warming every shape). */
  warmupMs: number;
  /** Time to serve the items once (steady: mean over the timed passes). */
  trafficMs: number;
  /** Per item: time from the start of its batch's run to that batch's result (batch 1: its own run). */
  latencyMs: { p50: number; p95: number; max: number };
  /** Model calls (batches) per pass: each has a fixed cost on top of the rows it computes. */
  modelCalls?: number;
  /** Rows computed per pass and how many of them were empty padding rows. */
  rows?: number;
  emptyRows?: number;
  /** Static batch sizes the plan used (batch-size buckets), e.g. [1, 2, 4, 8]. */
  batchSizes?: number[];
}
