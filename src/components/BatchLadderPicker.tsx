import { BATCH_LADDERS, ladderSizes, type BatchLadder } from '../core/routing';
import { useAppStore } from '../store/app-store';
import { applyBuckets } from '../store/buckets-service';

const LADDER_WORDS: Record<BatchLadder, string> = {
  'powers-of-4': 'powers of 4',
  'powers-of-2': 'powers of 2',
  off: 'off',
};

/**
 * Chooses the batch-size buckets: the static batch sizes a bucket's last, partial batch may run at instead
 * of being completed with empty rows. Each option names its sizes, so the price (one shape per size and
 * bucket) is visible before choosing; the figures below show it in sessions, memory and shapes to warm.
 */
export function BatchLadderPicker() {
  const ladder = useAppStore((s) => s.settings.batchLadder);
  const batchSize = useAppStore((s) => s.settings.batchSize);
  const setSettings = useAppStore((s) => s.setSettings);
  const modelLoaded = useAppStore((s) => s.modelInfo !== null);
  return (
    <label className="field">
      <span>Batch-size buckets</span>
      <select
        value={ladder}
        data-testid="batch-ladder"
        aria-describedby="batch-ladder-help"
        onChange={(e) => {
          setSettings({ batchLadder: e.target.value as BatchLadder });
          // The sessions are rebuilt for the new batch sizes; the buckets stay as they are.
          if (modelLoaded) void applyBuckets();
        }}
      >
        {BATCH_LADDERS.map((option) => (
          <option key={option} value={option}>
            {LADDER_WORDS[option]}: {ladderSizes(option, batchSize).join(', ')}
          </option>
        ))}
      </select>
      <span className="muted small" id="batch-ladder-help">
        A bucket&apos;s last, partial batch runs at the smallest sizes that hold it instead of computing empty rows;
        each size is one more shape per bucket to warm, and with per-bucket sessions one more copy of the weights.
      </span>
    </label>
  );
}
