import { useMemo } from 'react';
import { fmtRate, latestReference, liveChartRows, recentRate } from '../core/charts';
import { useAppStore } from '../store/app-store';
import { startLive, stopLive } from '../store/live-service';
import { LiveChart } from './charts/LiveChart';
import { ErrorNotice } from './ErrorNotice';

/** "Drag bucket boundaries and watch throughput": streams the dataset and plots items/s as it happens. */
export function LivePanel() {
  const on = useAppStore((s) => s.liveOn);
  const points = useAppStore((s) => s.livePoints);
  const markers = useAppStore((s) => s.liveMarkers);
  const message = useAppStore((s) => s.liveMessage);
  const error = useAppStore((s) => s.liveError);
  const ready = useAppStore((s) => s.modelStatus === 'ready');
  const comparing = useAppStore((s) => s.compareStatus === 'running');
  const compareReference = useAppStore((s) => s.compareResults?.find((r) => r.mode === 'pad-to-max')?.itemsPerSec ?? null);
  const rows = useMemo(() => liveChartRows(points), [points]);
  const reference = latestReference(points, compareReference);
  const rate = recentRate(points);

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
        {reference !== null && rate !== null ? <span className="meta">{(rate / reference).toFixed(2)}× pad-to-max</span> : null}
      </div>
      <p className="intro">
        Drag bucket boundaries and watch throughput: the dataset streams through the worker, and releasing a handle rebuilds only the
        sessions of buckets that changed.
      </p>
      {points.length > 0 || on ? <LiveChart rows={rows} markers={markers} reference={reference} /> : null}
      {message ? <p className="meta" data-testid="live-message">{message}</p> : null}
      <ErrorNotice error={error} testId="live-error" onRetry={() => void startLive()} />
    </section>
  );
}
