import { useState } from 'react';
import { validateBuckets, type ValidateOptions } from '../core/buckets';
import { bucketColour } from '../core/charts';
import { toUiError } from '../store/errors';

/**
 * The buckets as removable chips and as an editable list, for exact values and for people who do not
 * use a mouse; the histogram handles edit the same list.
 */
export function BucketList({
  buckets,
  limits,
  onChange,
  onRemove,
  onAdd,
  canAdd,
}: {
  buckets: number[];
  /** The model's maximum positions and the smallest usable sizes. */
  limits: ValidateOptions;
  onChange: (buckets: number[]) => void;
  onRemove: (index: number) => void;
  onAdd: () => void;
  canAdd: boolean;
}) {
  const [draft, setDraft] = useState(buckets.join(', '));
  const [problem, setProblem] = useState<string | null>(null);
  // Set when the typed list was accepted in another order, so the user knows why the field changed; shown
  // only while the buckets are still that list.
  const [sorted, setSorted] = useState<string | null>(null);
  // The field follows new buckets from elsewhere (drags, algorithms): adjusted while rendering, as React
  // recommends over an effect that sets state.
  const listed = buckets.join(', ');
  const [shownList, setShownList] = useState(listed);
  if (shownList !== listed) {
    setShownList(listed);
    setDraft(listed);
  }

  const commit = () => {
    try {
      const parsed = validateBuckets(draft, limits);
      setProblem(null);
      const typed = draft
        .split(/[\s,;]+/)
        .filter((part) => part !== '')
        .map(Number);
      setSorted(typed.join(',') !== parsed.join(',') ? parsed.join(', ') : null);
      setDraft(parsed.join(', '));
      if (parsed.join(',') !== buckets.join(',')) onChange(parsed);
    } catch (err) {
      setSorted(null);
      setProblem(toUiError(err).message);
      return;
    }
  };

  return (
    <div className="bucket-list">
      <ul className="chips" aria-label="Buckets">
        {buckets.map((b, i) => (
          <li key={b} className="chip" style={{ borderColor: bucketColour(i) }}>
            ≤ {b}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove bucket ${b}`}
              data-testid={`remove-bucket-${i}`}
              disabled={buckets.length === 1}
              onClick={() => onRemove(i)}
            >
              ×
            </button>
          </li>
        ))}
        <li>
          <button
            type="button"
            data-testid="add-bucket"
            disabled={!canAdd}
            onClick={onAdd}
            title="Adds the bucket that removes the most padding"
          >
            + Add bucket
          </button>
        </li>
      </ul>
      <label className="field grow">
        <span>Bucket sizes (tokens)</span>
        <input
          value={draft}
          data-testid="bucket-input"
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'bucket-input-problem' : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
      </label>
      {problem ? (
        <p className="field-problem" role="alert" id="bucket-input-problem" data-testid="bucket-input-problem">
          {problem}
        </p>
      ) : null}
      {sorted !== null && sorted === buckets.join(', ') ? (
        <p className="notice small" role="status" data-testid="bucket-input-note">
          Bucket sizes are kept in ascending order, so your list was sorted: {sorted}.
        </p>
      ) : null}
    </div>
  );
}
