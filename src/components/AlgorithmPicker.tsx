import { BUCKET_ALGORITHMS, type BucketAlgorithm } from '../core/buckets';
import { MAX_BATCH_SIZE, MAX_K } from '../core/app-state';
import { useAppStore } from '../store/app-store';
import { placeBuckets } from '../store/buckets-service';
import { NumberField } from './NumberField';

/** Places the handles with one of the core's algorithms; changing a choice places them again. */
export function AlgorithmPicker({ disabled }: { disabled: boolean }) {
  const plan = useAppStore((s) => s.plan);
  const setPlan = useAppStore((s) => s.setPlan);
  const info = BUCKET_ALGORITHMS.find((a) => a.id === plan.algorithm);
  const update = (patch: Parameters<typeof setPlan>[0]) => {
    setPlan(patch);
    placeBuckets();
  };
  return (
    <fieldset className="algorithm-picker" disabled={disabled}>
      <legend>Place buckets automatically</legend>
      <div className="row wrap">
        <label className="field">
          <span>Algorithm</span>
          <select
            value={plan.algorithm}
            data-testid="algorithm-select"
            onChange={(e) => update({ algorithm: e.target.value as BucketAlgorithm })}
          >
            {BUCKET_ALGORITHMS.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          label="Buckets (k)"
          value={plan.k}
          min={1}
          max={MAX_K}
          testId="k-input"
          onCommit={(v) => update({ k: v ?? 1 })}
        />
        <div
          className="batch-aware"
          title="A batch is padded to its longest item: choose buckets for the longest item of each batch instead of for single items"
        >
          <label className="field checkbox">
            <input
              type="checkbox"
              checked={plan.batchAware}
              data-testid="batch-aware"
              onChange={(e) => update({ batchAware: e.target.checked })}
            />
            <span>Choose for batches (longest item) of size</span>
          </label>
          <NumberField
            label="Batch size for the batch distribution"
            hideLabel
            value={plan.planBatchSize}
            min={1}
            max={MAX_BATCH_SIZE}
            testId="plan-batch-input"
            onCommit={(v) => update({ planBatchSize: v ?? 1 })}
          />
        </div>
        <button type="button" data-testid="place-buckets" onClick={() => placeBuckets()}>
          Place
        </button>
      </div>
      {info ? <p className="muted small">{info.description}</p> : null}
    </fieldset>
  );
}
