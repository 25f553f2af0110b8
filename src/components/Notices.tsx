import { useAppStore } from '../store/app-store';

/** One-off messages about the page itself: a link or saved state that was partly invalid, a worker restart. */
export function Notices() {
  const stateNotices = useAppStore((s) => s.stateNotices);
  const workerNotice = useAppStore((s) => s.workerNotice);
  const dismiss = useAppStore((s) => s.dismissStateNotices);
  if (stateNotices.length === 0 && !workerNotice) return null;
  return (
    <div className="notices" data-testid="notices" role="status">
      {stateNotices.map((n) => (
        <p key={n}>{n}</p>
      ))}
      {workerNotice ? <p data-testid="worker-notice">{workerNotice}</p> : null}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          dismiss();
          useAppStore.setState({ workerNotice: null });
        }}
      >
        Dismiss
      </button>
    </div>
  );
}
