import { useMemo } from 'react';
import { AGGREGATIONS } from '../core/app-state';
import { entityLegend, entityViews, fmtInt, fmtMs } from '../core/charts';
import { applyScoreThreshold } from '../core/ner';
import type { Aggregation } from '../protocol/types';
import { useAppStore } from '../store/app-store';
import { textChanged } from '../store/dataset-service';
import { runEntities } from '../store/entities-service';
import { EntityHighlights } from './EntityHighlights';
import { EntityTable } from './EntityTable';
import { ErrorNotice } from './ErrorNotice';
import { RunWarmupStatus } from './RunWarmupStatus';

const AGGREGATION_HELP: Record<Aggregation, string> = {
  none: 'none (word-pieces)',
  simple: 'simple (join pieces)',
  first: 'first (first piece)',
  average: 'average (mean score)',
  max: 'max (best piece)',
};

/**
 * Entities drawn at most: a megabyte of text can hold a hundred thousand entities, and drawing them all
 * would freeze the page for minutes. The rest are counted, not drawn.
 */
const MAX_SHOWN_ENTITIES = 1000;

/** "bucket 64" or "buckets 32, 64 × 3": one entry per distinct bucket, however many windows a long text has. */
function bucketSummary(buckets: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const b of buckets) counts.set(b, (counts.get(b) ?? 0) + 1);
  const parts = [...counts].map(([b, n]) => (n === 1 ? String(b) : `${b} × ${fmtInt(n)}`));
  return `bucket${counts.size === 1 ? '' : 's'} ${parts.join(', ')}`;
}

/** Paste text, run the model, see the entities inline and in a table. */
export function EntitiesPanel() {
  const text = useAppStore((s) => s.text);
  const setText = useAppStore((s) => s.setText);
  const status = useAppStore((s) => s.entitiesStatus);
  const run = useAppStore((s) => s.entitiesRun);
  const error = useAppStore((s) => s.entitiesError);
  const aggregation = useAppStore((s) => s.settings.aggregation);
  const setSettings = useAppStore((s) => s.setSettings);
  const modelReady = useAppStore((s) => s.modelStatus === 'ready');
  // The user's threshold, else the model's suggestion (config.json), else none.
  const threshold = useAppStore((s) => s.settings.scoreThreshold ?? s.modelInfo?.scoreThreshold ?? null);

  const kept = useMemo(
    () => (run ? applyScoreThreshold(run.entities, threshold) : { shown: [], hidden: 0 }),
    [run, threshold],
  );
  const { views, skipped } = useMemo(
    () => (run ? entityViews(kept.shown, run.text) : { views: [], skipped: 0 }),
    [run, kept],
  );
  const legend = useMemo(() => entityLegend(views), [views]);
  // Past the limit, the text is drawn up to the first entity left out, so every mark shown is complete.
  const shown = useMemo(() => {
    if (!run || views.length <= MAX_SHOWN_ENTITIES) return { views, text: run?.text ?? '', cut: false };
    return {
      views: views.slice(0, MAX_SHOWN_ENTITIES),
      text: run.text.slice(0, views[MAX_SHOWN_ENTITIES]!.start),
      cut: true,
    };
  }, [run, views]);
  const stale = run !== null && run.text !== text;
  const staleAggregation = run !== null && run.aggregation !== undefined && run.aggregation !== aggregation;

  return (
    <section className="panel entities-panel" aria-labelledby="entities-title" data-testid="entities-panel">
      <h2 id="entities-title">Entities</h2>
      <label className="sr-only" htmlFor="entities-text">
        Text to analyse
      </label>
      <textarea
        id="entities-text"
        data-testid="entities-text"
        rows={5}
        value={text}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          textChanged();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void runEntities();
          }
        }}
      />
      <div className="row">
        <button
          type="button"
          className="primary"
          data-testid="entities-run"
          disabled={status === 'running' || !modelReady}
          onClick={() => void runEntities()}
        >
          {status === 'running' ? 'Running…' : 'Run'}
        </button>
        <span className="key-hint">Ctrl+Enter</span>
        <RunWarmupStatus />
        <label className="field inline" title="How word-pieces are merged into entities">
          <span>Aggregation</span>
          <select
            value={aggregation}
            data-testid="aggregation-select"
            onChange={(e) => {
              setSettings({ aggregation: e.target.value as Aggregation });
              // The entities shown were merged another way: run again (one text, quick) rather than leave them.
              if (run !== null && modelReady && status !== 'running') void runEntities();
            }}
          >
            {AGGREGATIONS.map((a) => (
              <option key={a} value={a}>
                {AGGREGATION_HELP[a]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNotice error={error} testId="entities-error" onRetry={() => void runEntities()} />
      {run ? (
        <div className="entities-result" data-testid="entities-result" aria-live="polite">
          <p className="meta">
            {fmtInt(views.length)} entit{views.length === 1 ? 'y' : 'ies'} · {fmtInt(run.tokenCount)} tokens ·{' '}
            {bucketSummary(run.buckets)}
            {run.aggregation ? (
              <>
                {' · merged by '}
                <span data-testid="entities-aggregation">{AGGREGATION_HELP[run.aggregation]}</span>
              </>
            ) : null}
            {run.truncated ? ' · truncated to the largest bucket' : ''} · {fmtMs(run.ms)}
            {run.duringWarmup ? ' (with the wait for its buckets to warm up)' : ''}
            {run.warmupAtServe && run.warmupAtServe.pending.length > 0 ? (
              <span
                data-testid="entities-served-during-warmup"
                data-ready={run.warmupAtServe.ready.join(',')}
                data-pending={run.warmupAtServe.pending.join(',')}
              >
                {' '}
                · served while {run.warmupAtServe.pending.length === 1 ? 'bucket' : 'buckets'}{' '}
                {run.warmupAtServe.pending.join(', ')} {run.warmupAtServe.pending.length === 1 ? 'was' : 'were'} still
                warming up
              </span>
            ) : null}
            {stale ? ' · the text changed since: press Run again' : ''}
            {staleAggregation ? (
              <span data-testid="entities-stale-aggregation">
                {' '}
                · merged with “{AGGREGATION_HELP[run.aggregation!]}”, not the aggregation chosen now: press Run again
              </span>
            ) : null}
            {skipped > 0 ? ` · ${skipped} entities outside the text were left out` : ''}
            {kept.hidden > 0 && threshold !== null ? (
              <span data-testid="entities-hidden">
                {' '}
                · {fmtInt(kept.hidden)} entit{kept.hidden === 1 ? 'y' : 'ies'} below {threshold.toFixed(2)} hidden
                (threshold in the settings)
              </span>
            ) : null}
          </p>
          {shown.cut ? (
            <p className="notice small" data-testid="entities-cut">
              Showing the first {fmtInt(shown.views.length)} of {fmtInt(views.length)} entities, in the first{' '}
              {fmtInt(shown.text.length)} of {fmtInt(run.text.length)} characters; drawing them all would freeze the
              page. To see the rest, run a shorter part of the text.
            </p>
          ) : null}
          <EntityHighlights text={shown.text} views={shown.views} legend={legend} />
          <EntityTable views={shown.views} />
        </div>
      ) : null}
    </section>
  );
}
