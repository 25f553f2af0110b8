import { useMemo } from 'react';
import { MODE_LABELS, compareBarRows, fmtInt, fmtMB, fmtMs, fmtPct, fmtRate } from '../core/charts';
import { compareWaitText, warmProgress } from '../core/warmup';
import { useAppStore } from '../store/app-store';
import { runCompare, stopCompare } from '../store/compare-service';
import { exportCompareCsv, exportCompareJson } from '../store/downloads';
import { CompareCharts } from './charts/CompareCharts';
import { CompareExplanation } from './CompareExplanation';
import { ErrorNotice } from './ErrorNotice';
import { NumberField } from './NumberField';
import { ProgressBar } from './ProgressBar';

/** One click runs the dataset through all four modes and shows them side by side. */
export function ComparePanel() {
  const status = useAppStore((s) => s.compareStatus);
  const progress = useAppStore((s) => s.compareProgress);
  const results = useAppStore((s) => s.compareResults);
  const meta = useAppStore((s) => s.compareMeta);
  const history = useAppStore((s) => s.compareHistory);
  const error = useAppStore((s) => s.compareError);
  const itemLimit = useAppStore((s) => s.compareItemLimit);
  const repetitions = useAppStore((s) => s.compareRepetitions);
  const regime = useAppStore((s) => s.compareRegime);
  const setOptions = useAppStore((s) => s.setCompareOptions);
  const datasetSize = useAppStore((s) => s.datasetSize);
  const batchSize = useAppStore((s) => s.settings.batchSize);
  const ready = useAppStore((s) => s.modelStatus === 'ready' && (s.buckets?.length ?? 0) > 0);
  const liveOn = useAppStore((s) => s.liveOn);
  const rows = useMemo(() => (results ? compareBarRows(results) : []), [results]);
  const running = status === 'running';
  const warmupRows = useAppStore((s) => s.warmup);
  const applying = useAppStore((s) => s.applyStatus === 'running');
  const warmWait = progress?.waitingForWarmup ? warmProgress(warmupRows, applying) : null;

  return (
    <section className="panel compare-panel" aria-labelledby="compare-title" data-testid="compare-panel">
      <h2 id="compare-title">Compare</h2>
      <p className="intro">
        Runs the same items through four ways of shaping inputs, with batches of {batchSize}: <strong>bucketed</strong>{' '}
        (a session per bucket), <strong>shared</strong> (the same padded shapes through one dynamic session),{' '}
        <strong>pad-to-max</strong> (every input padded to the largest bucket) and <strong>dynamic</strong> (each batch
        padded to its own longest item).
      </p>
      <div className="row wrap">
        <NumberField
          label="Items to run"
          value={itemLimit}
          min={1}
          max={1_000_000}
          testId="compare-items"
          help="How many dataset items to run; the first ones are taken"
          onCommit={(v) => setOptions({ compareItemLimit: v ?? 1 })}
        />
        <label className="field">
          <span>Regime</span>
          <select
            data-testid="compare-regime"
            value={regime}
            onChange={(e) => setOptions({ compareRegime: e.target.value === 'steady' ? 'steady' : 'cold' })}
            title="Cold stream: fresh sessions, each mode warms only what it can know before the items arrive, then every item once, compiles included. Steady: every shape seen before timing."
          >
            <option value="cold">Cold stream (what a visitor sees)</option>
            <option value="steady">Steady (every shape seen)</option>
          </select>
        </label>
        {regime === 'steady' ? (
          <NumberField
            label="Repetitions"
            value={repetitions}
            min={1}
            max={50}
            testId="compare-reps"
            onCommit={(v) => setOptions({ compareRepetitions: v ?? 1 })}
          />
        ) : null}
        <span className="meta" data-testid="compare-items-note">
          {itemLimit >= datasetSize
            ? `all ${fmtInt(datasetSize)} item${datasetSize === 1 ? '' : 's'} in the dataset`
            : `the first ${fmtInt(itemLimit)} of ${fmtInt(datasetSize)} items in the dataset`}
        </span>
        <button
          type="button"
          className="primary"
          data-testid="compare-run"
          disabled={!ready || running || liveOn}
          onClick={() => void runCompare()}
        >
          Run comparison
        </button>
        {running ? (
          <button type="button" data-testid="compare-stop" onClick={stopCompare}>
            Stop
          </button>
        ) : null}
        {liveOn ? <span className="meta">Stop live mode to compare.</span> : null}
      </div>
      {running && progress?.waitingForWarmup ? (
        <div data-testid="compare-warmup-wait">
          <ProgressBar
            fraction={warmWait ? warmWait.ready / warmWait.total : 0}
            label={compareWaitText(warmWait)}
            testId="compare-progress"
          />
        </div>
      ) : running && progress ? (
        <ProgressBar fraction={progress.fraction} label={progress.message} testId="compare-progress" />
      ) : null}
      {status === 'stopped' ? (
        <p className="notice small" data-testid="compare-stopped">
          Stopped. Results of an earlier run, if any, are kept below.
        </p>
      ) : null}
      <ErrorNotice error={error} testId="compare-error" onRetry={() => void runCompare()} />
      {results && meta ? (
        <>
          <p className="meta" data-testid="compare-meta">
            <strong data-testid="compare-regime-label">{meta.regime === 'cold' ? 'Cold stream' : 'Steady'}</strong> ·{' '}
            {fmtInt(meta.items)} item{meta.items === 1 ? '' : 's'} × {meta.repetitions} repetition
            {meta.repetitions === 1 ? '' : 's'} · {meta.model} on {meta.backend}
            {meta.adapter ? ` (${meta.adapter})` : ''} · buckets {meta.buckets.join(', ')} · batch {meta.batchSize}
          </p>
          <div className="table-scroll">
            <table className="data-table" data-testid="compare-table">
              <thead>
                <tr>
                  <th scope="col">Mode</th>
                  <th scope="col" className="num">
                    Items/s
                  </th>
                  <th scope="col" className="num">
                    Tokens/s
                  </th>
                  <th scope="col" className="num">
                    p50 / batch
                  </th>
                  <th scope="col" className="num">
                    p95 / batch
                  </th>
                  <th scope="col" className="num">
                    Padding eff.
                  </th>
                  <th scope="col" className="num">
                    p95 / item
                  </th>
                  <th scope="col" className="num">
                    Worst item
                  </th>
                  <th scope="col" className="num">
                    Warm-up
                  </th>
                  <th scope="col" className="num">
                    Compiles during the run
                  </th>
                  <th scope="col" className="num">
                    First run
                  </th>
                  <th scope="col" className="num">
                    Sessions
                  </th>
                  <th scope="col" className="num">
                    vs pad-to-max
                  </th>
                </tr>
              </thead>
              <tbody>
                {results.map((r) => (
                  <tr key={r.mode} data-testid={`compare-row-${r.mode}`} data-mode={r.mode}>
                    <th scope="row">{MODE_LABELS[r.mode]}</th>
                    <td className="num">{fmtRate(r.itemsPerSec)}</td>
                    <td className="num">{fmtRate(r.tokensPerSec)}</td>
                    <td className="num">{fmtMs(r.p50Ms)}</td>
                    <td className="num">{fmtMs(r.p95Ms)}</td>
                    <td className="num">{fmtPct(r.paddingEfficiency)}</td>
                    <td className="num">{fmtMs(r.latencyMs?.p95 ?? 0)}</td>
                    <td className="num">{fmtMs(r.latencyMs?.max ?? 0)}</td>
                    <td className="num">{fmtMs(r.warmupMs ?? 0)}</td>
                    <td
                      className="num"
                      data-testid={`compare-compiles-${r.mode}`}
                      title={
                        r.backend === 'wasm'
                          ? 'No shader compiles on WASM'
                          : `${r.compiles?.warmup ?? 0} more in the warm-up before the items`
                      }
                    >
                      {r.backend === 'wasm' ? '—' : fmtInt(r.compiles?.traffic ?? 0)}
                    </td>
                    <td className="num">{fmtMs(r.firstRunMs)}</td>
                    <td className="num">{fmtMB(r.sessionBytes)}</td>
                    <td className="num">{r.ratioToPadToMax !== null ? `${r.ratioToPadToMax.toFixed(2)}×` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="meta small" data-testid="compare-compiles-note">
            {meta.backend === 'wasm'
              ? 'No shader compiles on WASM: nothing is compiled per shape, so the compile column is empty.'
              : 'Compiles during the run: GPU pipelines and shader modules built while the items were served (each one stalls the item that needs it).'}{' '}
            Per item = from the start of its batch to the batch’s result.
            {meta.regime === 'cold'
              ? " Cold stream: modes share this worker's GPU program cache, so a mode run after another may reuse some of its pipelines; dynamic runs first."
              : ''}
          </p>
          <div className="row wrap">
            <button type="button" data-testid="export-json" onClick={exportCompareJson}>
              Export results (JSON)
            </button>
            <button type="button" data-testid="export-csv" onClick={exportCompareCsv}>
              Export results (CSV)
            </button>
          </div>
          <CompareExplanation
            results={results}
            backend={meta.backend === 'webgpu' ? 'webgpu' : 'wasm'}
            batchSize={meta.batchSize}
          />
          <CompareCharts rows={rows} history={history} gpu={meta.backend === 'webgpu'} />
        </>
      ) : null}
    </section>
  );
}
