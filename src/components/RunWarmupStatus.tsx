import { warmProgress, warmProgressText } from '../core/warmup';
import { useAppStore } from '../store/app-store';

/**
 * Beside Run: how far the bucket warm-up is ("warming bucket 144, 2 of 4"). A run does not wait for it to
 * end, only for the buckets its text needs, so this says why a run may still take a moment.
 */
export function RunWarmupStatus() {
  const running = useAppStore((s) => s.applyStatus === 'running');
  const rows = useAppStore((s) => s.warmup);
  const progress = running ? warmProgress(rows, running) : null;
  if (!progress) return null;
  return (
    <span
      className="muted small"
      role="status"
      data-testid="entities-warmup"
      data-ready={progress.ready}
      data-total={progress.total}
      title="Bucket sessions are built in the background, smallest first; a run starts as soon as the buckets its text needs are ready."
    >
      {warmProgressText(progress)}
    </span>
  );
}
