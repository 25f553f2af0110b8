import { useMemo } from 'react';
import { histogramFromLengths } from '../core/buckets';
import { ladderSizes } from '../core/routing';
import {
  bucketFigures,
  explainLive,
  fmtInt,
  fmtRate,
  latestReference,
  liveChartRows,
  recentRate,
} from '../core/charts';
import { useAppStore } from '../store/app-store';
import { startLive, stopLive } from '../store/live-service';
import { LiveChart } from './charts/LiveChart';
import { ErrorNotice } from './ErrorNotice';
import { ProgressBar } from './ProgressBar';
import { WhenBucketingWins } from './WhenBucketingWins';

/** Padding efficiency of the applied buckets on the dataset, and of padding every item to the largest one. */
function useEfficiencies(): { bucketed: number | null; padToMax: number | null } {
  const lengths = useAppStore((s) => s.lengths);
  const applied = useAppStore((s) => s.applied);
  const overflow = useAppStore((s) => s.settings.overflow);
  return useMemo(() => {
    if (!lengths || lengths.length === 0 || !applied) return { bucketed: null, padToMax: null };
    try {
      // What the streamed runs compute: bucketed batches at the applied batch sizes (empty rows included),
      // pad-to-max batches all at the full batch size in the largest bucket.
      const hist = histogramFromLengths(lengths);
      const largest = applied.buckets[applied.buckets.length - 1]!;
      const common = { hist, batchSize: applied.batchSize, overflow };
      const bucketed = bucketFigures({
        ...common,
        buckets: applied.buckets,
        batchSizes: ladderSizes(applied.batchLadder, applied.batchSize),
      });
      const padToMax = bucketFigures({ ...common, buckets: [largest] });
      return { bucketed: bucketed.batched.paddingEfficiency, padToMax: padToMax.fullSize.paddingEfficiency };
    } catch {
      return { bucketed: null, padToMax: null };
    }
  }, [lengths, applied, overflow]);
}

/** "Drag bucket boundaries and watch throughput": streams the dataset and plots items/s as it happens. */
export function LivePanel() {
  const on = useAppStore((s) => s.liveOn);
  const points = useAppStore((s) => s.livePoints);
  const markers = useAppStore((s) => s.liveMarkers);
  const message = useAppStore((s) => s.liveMessage);
  const error = useAppStore((s) => s.liveError);
  const ready = useAppStore((s) => s.modelStatus === 'ready');
  const comparing = useAppStore((s) => s.compareStatus === 'running');
  const compareReference = useAppStore(
    (s) => s.compareResults?.find((r) => r.mode === 'pad-to-max')?.itemsPerSec ?? null,
  );
  const rows = useMemo(() => liveChartRows(points), [points]);
  const reference = latestReference(points, compareReference);
  const rate = recentRate(points);
  const backend = useAppStore((s) => (s.backend?.backend === 'webgpu' ? 'webgpu' : 'wasm'));
  const applyRunning = useAppStore((s) => s.applyStatus === 'running');
  const warmup = useAppStore((s) => s.warmup);
  const efficiencies = useEfficiencies();
  const liveRows = useAppStore((s) => s.liveRows);
  const liveBatchSizes = useAppStore((s) => s.liveBatchSizes);
  const servedDuringWarmup = useAppStore((s) => s.liveServedDuringWarmup);
  const readyRows = warmup.filter((r) => r.state === 'ready').length;
  const compiling = warmup.find((r) => r.state === 'compiling');
  const explanation = on
    ? explainLive({
        backend,
        rate,
        reference,
        bucketedEfficiency: efficiencies.bucketed,
        padToMaxEfficiency: efficiencies.padToMax,
        warming: applyRunning,
      })
    : null;

  return (
    <section className="panel live-panel" aria-labelledby="live-title" data-testid="live-panel">
      <div className="row">
        <h2 id="live-title">Live</h2>
        <button
          type="button"
          className={on ? 'toggle on' : 'toggle'}
          aria-pressed={on}
          data-testid="live-toggle"
          disabled={!ready || (comparing && !on)}
          onClick={() => (on ? stopLive() : void startLive())}
        >
          {on ? 'Stop live' : 'Start live'}
        </button>
        {rate !== null ? (
          <span className="big-figure" data-testid="live-rate">
            {fmtRate(rate)} items/s
          </span>
        ) : null}
        {reference !== null && rate !== null ? (
          <span className="meta">{(rate / reference).toFixed(2)}× pad-to-max</span>
        ) : null}
      </div>
      <p className="intro">
        Drag bucket boundaries and watch throughput: the dataset streams through the worker, and releasing a handle
        rebuilds only the sessions of buckets that changed.
      </p>
      {points.length > 0 || on ? <LiveChart rows={rows} markers={markers} reference={reference} /> : null}
      {on && applyRunning && warmup.length > 0 ? (
        <ProgressBar
          fraction={readyRows / warmup.length}
          label={`Building bucket sessions: ${readyRows} of ${warmup.length} ready${compiling ? `, compiling bucket ${compiling.bucket}` : ''}`}
          testId="live-warmup-progress"
        />
      ) : null}
      {message ? (
        <p className="meta" data-testid="live-message" role="status">
          {message}
        </p>
      ) : null}
      {servedDuringWarmup > 0 ? (
        <p className="meta" data-testid="live-served-during-warmup" data-items={servedDuringWarmup}>
          {fmtInt(servedDuringWarmup)} items ran while other buckets were still warming up (the worker served them as
          soon as their own buckets were ready)
        </p>
      ) : null}
      {liveRows.rows > 0 ? (
        <p className="meta" data-testid="live-rows" aria-label="Rows of the bucketed batches streamed so far">
          Bucketed batches so far: <span data-testid="live-rows-used">{fmtInt(liveRows.used)}</span> rows used of{' '}
          {fmtInt(liveRows.rows)} computed, <span data-testid="live-empty-rows">{fmtInt(liveRows.empty)}</span> empty
          rows
          {liveBatchSizes.length > 1
            ? ` (batch-size buckets ${liveBatchSizes.join(', ')}: a partial batch runs at sizes it fills)`
            : ' (no batch-size buckets: a partial batch is completed with empty rows)'}
        </p>
      ) : null}
      {explanation ? (
        <p className="explanation-line" data-testid="live-explanation">
          {explanation}
        </p>
      ) : null}
      {on || points.length > 0 ? <WhenBucketingWins /> : null}
      <ErrorNotice error={error} testId="live-error" onRetry={() => void startLive()} />
    </section>
  );
}
