import { appendCompareHistory } from '../core/charts';
import { CancelledError } from '../protocol/errors';
import { MODES, type BenchmarkProgress, type Mode } from '../protocol/types';
import { useAppStore } from './app-store';
import { applyBuckets, bucketsAreApplied, settleApplies } from './buckets-service';
import { datasetItems } from './dataset-service';
import { isCancelled, toUiError } from './errors';
import { LatestRequest } from './latest-request';
import { workerClient } from './worker-session';

const comparisons = new LatestRequest();

/** Overall progress of a benchmark: warm-up counts as the first slice, then each (repetition, mode) run. */
function progressFraction(
  p: BenchmarkProgress,
  modes: readonly Mode[],
  repetitions: number,
  finished: Set<string>,
): number {
  const slots = repetitions * modes.length + 1;
  if (p.repetition === 0) return (modes.indexOf(p.mode) + (p.total > 0 ? p.done / p.total : 0)) / modes.length / slots;
  const key = `${p.repetition}:${p.mode}`;
  if (p.done >= p.total) finished.add(key);
  const partial = finished.has(key) ? 0 : p.total > 0 ? p.done / p.total : 0;
  return Math.min(1, (1 + finished.size + partial) / slots);
}

/** Cold stream runs each mode's warm-up (repetition 0) and then its one pass (repetition 1), mode after mode. */
function coldProgressFraction(p: BenchmarkProgress, modes: readonly Mode[]): number {
  const part = p.total > 0 ? p.done / p.total : 0;
  const withinMode = p.repetition === 0 ? 0.2 * part : 0.2 + 0.8 * part;
  return Math.min(1, (modes.indexOf(p.mode) + withinMode) / modes.length);
}

/**
 * Runs the current dataset through the four modes with the current buckets and batch size, side by side
 * in one worker request (modes interleaved, so noise hits all alike).
 */
export async function runCompare(): Promise<void> {
  const s = useAppStore.getState();
  if (s.modelStatus !== 'ready' || !s.buckets || s.buckets.length === 0) {
    useAppStore.setState({
      compareStatus: 'error',
      compareError: { message: 'Load a model and place buckets first.' },
    });
    return;
  }
  const items = datasetItems().slice(0, Math.max(1, s.compareItemLimit));
  if (items.length === 0) {
    useAppStore.setState({
      compareStatus: 'error',
      compareError: { message: 'The dataset is empty.', hint: 'Add text, choose a file or use the sample set.' },
    });
    return;
  }
  const comparison = comparisons.begin();
  const regime = s.compareRegime;
  // Cold stream: every mode in this one worker, whose GPU program cache outlives sessions. Dynamic goes
  // first so that all of its compiles are its own; the static modes' warm-ups may then reuse some of
  // its pipelines (each result says how many the worker held before it: compilesBefore).
  const modes = regime === 'cold' ? ['dynamic' as const, ...MODES.filter((m) => m !== 'dynamic')] : [...MODES];
  const repetitions = regime === 'cold' ? 1 : s.compareRepetitions;
  const buckets = [...s.buckets];
  const batchSize = s.settings.batchSize;
  const finished = new Set<string>();
  useAppStore.setState({
    compareStatus: 'running',
    compareError: null,
    compareProgress: { fraction: 0, message: 'Starting…' },
  });
  let wasApplied = false;
  let benchmarkSent = false;
  try {
    // A warm-up in flight is waited for before anything is timed: its compiles would land in the figures
    // (and the worker would answer the benchmark only after it anyway, holding back every Run behind it).
    // The panel shows the warm-up's own progress meanwhile (compareProgress.waitingForWarmup).
    const settled = await settleApplies(comparison.signal, () =>
      useAppStore.setState({
        compareProgress: { fraction: 0, message: 'Waiting for the warm-up', waitingForWarmup: true },
      }),
    );
    if (!settled) throw new CancelledError();
    useAppStore.setState({ compareProgress: { fraction: 0, message: 'Starting…' } });
    // The benchmark releases and rebuilds sessions its own way; the buckets the user had applied are built
    // again afterwards, so Compare leaves them applied instead of making the next Run rebuild everything.
    wasApplied = bucketsAreApplied();
    benchmarkSent = true;
    const result = await workerClient().benchmark(
      { texts: items, modes, batchSize, buckets, warmupRuns: 1, repetitions, regime },
      {
        signal: comparison.signal,
        onProgress: (p) => {
          if (!comparison.isLatest()) return;
          useAppStore.setState({
            compareProgress: {
              fraction:
                regime === 'cold' ? coldProgressFraction(p, modes) : progressFraction(p, modes, repetitions, finished),
              message: p.message,
            },
          });
        },
      },
    );
    if (!comparison.isCurrent()) return;
    const after = useAppStore.getState();
    const backend = after.backend;
    const adapter = backend?.adapter
      ? [backend.adapter.vendor, backend.adapter.architecture].filter(Boolean).join(' ')
      : undefined;
    useAppStore.setState({
      compareStatus: 'done',
      compareProgress: null,
      compareResults: result.results,
      compareMeta: {
        model: after.loadedModelName ?? 'unknown',
        backend: result.results[0]?.backend ?? backend?.backend ?? 'wasm',
        ...(adapter ? { adapter } : {}),
        buckets,
        batchSize,
        items: result.itemsUsed,
        repetitions,
        regime,
        finishedAt: new Date().toISOString(),
      },
      compareHistory: appendCompareHistory(after.compareHistory, result.results, {
        buckets,
        batchSize,
        items: result.itemsUsed,
      }),
      applied: null,
    });
    if (wasApplied) void applyBuckets();
  } catch (err) {
    if (!comparison.isLatest()) return;
    // Stopped while waiting for the warm-up, the benchmark never ran: the sessions are as the apply leaves them.
    const sessions = benchmarkSent ? { applied: null } : {};
    if (isCancelled(err)) useAppStore.setState({ compareStatus: 'stopped', compareProgress: null, ...sessions });
    else
      useAppStore.setState({
        compareStatus: 'error',
        compareProgress: null,
        compareError: toUiError(err),
        ...sessions,
      });
    if (wasApplied && comparison.isCurrent()) void applyBuckets();
  } finally {
    comparison.finish();
  }
}

export function stopCompare(): void {
  comparisons.stop();
}
