import { useAppStore } from '../store/app-store';
import { startEngine } from '../store/engine-service';

/**
 * Which backend runs the model and why. The tooltip adds what a user may need to know about speed:
 * without cross-origin isolation (hosts that cannot send COOP/COEP headers) WASM runs on one thread.
 */
export function BackendBadge() {
  const backend = useAppStore((s) => s.backend);
  const status = useAppStore((s) => s.backendStatus);
  const error = useAppStore((s) => s.backendError);

  if (status === 'starting' || (!backend && !error)) {
    return (
      <span className="badge badge-pending" data-testid="backend-badge">
        Detecting backend…
      </span>
    );
  }
  if (error || !backend) {
    return (
      <span className="badge badge-error" data-testid="backend-badge" title={error?.hint ?? ''}>
        Backend error: {error?.message}
      </span>
    );
  }
  const isolation = backend.crossOriginIsolated
    ? `Cross-origin isolated: WASM can use ${backend.wasmThreads} thread(s).`
    : 'Not cross-origin isolated (the host sends no COOP/COEP headers): WASM runs single-threaded, which is slower but works.';
  if (backend.backend === 'webgpu') {
    const a = backend.adapter;
    const name = [a?.vendor, a?.architecture].filter(Boolean).join(' ') || 'adapter';
    const title = [a?.description, a?.device, isolation].filter(Boolean).join('\n');
    return (
      <span className="badge badge-gpu" data-testid="backend-badge" title={title}>
        WebGPU · {name}
        {backend.measured ? <span className="badge-reason"> — {backend.measured}</span> : null}
      </span>
    );
  }
  const threads = backend.crossOriginIsolated
    ? `${backend.wasmThreads} thread${backend.wasmThreads === 1 ? '' : 's'}`
    : 'single-threaded';
  return (
    <span
      className="badge badge-wasm"
      data-testid="backend-badge"
      title={`${backend.fallbackReason ?? ''}\n${isolation}`.trim()}
    >
      WASM · {threads} <span className="badge-reason">— {backend.fallbackReason ?? 'chosen'}</span>
      {!backend.crossOriginIsolated ? <span className="badge-reason"> (no COOP/COEP headers: one thread)</span> : null}
      {backend.passedOverAdapter ? ' ' : null}
      {backend.passedOverAdapter ? (
        <button
          type="button"
          className="link-button"
          data-testid="use-webgpu"
          onClick={() => {
            useAppStore.getState().setSettings({ backend: 'webgpu' });
            void startEngine();
          }}
        >
          Use WebGPU anyway
        </button>
      ) : null}
    </span>
  );
}
