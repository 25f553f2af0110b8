import { fmtMs } from '../core/charts';
import { useAppStore } from '../store/app-store';
import type { WarmupRow } from '../store/types';

/** One row per bucket while sessions are built: waiting, compiling, then its first-run and steady times. */
export function WarmupList({ rows }: { rows: WarmupRow[] }) {
  const backend = useAppStore((s) => s.backend?.backend);
  if (rows.length === 0) return null;
  const ready = rows.filter((r) => r.state === 'ready').length;
  const pipelines = rows.reduce((sum, r) => sum + (r.pipelines ?? 0), 0);
  const allReady = ready === rows.length;
  return (
    <div className="warmup" data-testid="warmup">
      <p className="meta">
        Sessions of the applied buckets: {ready} of {rows.length} ready
        {allReady ? (
          <span data-testid="warmup-compiles">
            {backend === 'webgpu'
              ? ` · compiled ${pipelines} GPU pipeline${pipelines === 1 ? '' : 's'}; runs of these shapes compile nothing more`
              : ' · no shader compiles on WASM'}
          </span>
        ) : null}
      </p>
      <ul className="warmup-list">
        {rows.map((r) => (
          <li key={r.bucket} data-testid="warmup-row" data-state={r.state} className={`warmup-${r.state}`}>
            <span className="warmup-bucket">{r.bucket}</span>
            <span className="warmup-state">
              {r.state === 'waiting' ? 'waiting' : r.state === 'compiling' ? 'compiling…' : r.reused ? 'kept' : 'ready'}
            </span>
            {r.state === 'ready' ? (
              <span className="muted small">
                first run {fmtMs(r.firstRunMs ?? 0)} · steady{' '}
                {r.steadyMs === undefined ? 'being timed' : fmtMs(r.steadyMs)}
                {backend === 'webgpu' && !r.reused ? ` · ${r.pipelines ?? 0} pipelines` : ''}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
