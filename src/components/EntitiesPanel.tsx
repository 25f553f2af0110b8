import { useMemo } from 'react';
import { AGGREGATIONS } from '../core/app-state';
import { entityLegend, entityViews, fmtMs } from '../core/charts';
import type { Aggregation } from '../protocol/types';
import { useAppStore } from '../store/app-store';
import { textChanged } from '../store/dataset-service';
import { runEntities } from '../store/entities-service';
import { EntityHighlights } from './EntityHighlights';
import { EntityTable } from './EntityTable';
import { ErrorNotice } from './ErrorNotice';

const AGGREGATION_HELP: Record<Aggregation, string> = {
  none: 'none (word-pieces)',
  simple: 'simple (join pieces)',
  first: 'first (first piece)',
  average: 'average (mean score)',
  max: 'max (best piece)',
};

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

  const { views, skipped } = useMemo(() => (run ? entityViews(run.entities, run.text) : { views: [], skipped: 0 }), [run]);
  const legend = useMemo(() => entityLegend(views), [views]);
  const stale = run !== null && run.text !== text;

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
        <button type="button" className="primary" data-testid="entities-run" disabled={status === 'running' || !modelReady} onClick={() => void runEntities()}>
          {status === 'running' ? 'Running…' : 'Run'}
        </button>
        <span className="key-hint">Ctrl+Enter</span>
        <label className="field inline" title="How word-pieces are merged into entities">
          <span>Aggregation</span>
          <select value={aggregation} data-testid="aggregation-select" onChange={(e) => setSettings({ aggregation: e.target.value as Aggregation })}>
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
            {views.length} entit{views.length === 1 ? 'y' : 'ies'} · {run.tokenCount} tokens · bucket{run.buckets.length === 1 ? '' : 's'} {run.buckets.join(', ')}
            {run.truncated ? ' · truncated to the largest bucket' : ''} · {fmtMs(run.ms)}
            {stale ? ' · the text changed since: press Run again' : ''}
            {skipped > 0 ? ` · ${skipped} entities outside the text were left out` : ''}
          </p>
          <EntityHighlights text={run.text} views={views} legend={legend} />
          <EntityTable views={views} />
        </div>
      ) : null}
    </section>
  );
}
