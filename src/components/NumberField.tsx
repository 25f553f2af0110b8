import { useId, useState } from 'react';
import { parseDecimal } from '../core/numbers';

/**
 * A number input that commits on Enter or blur, and only a valid value: while the user types "1" on the
 * way to "16" nothing is rebuilt, and a bad value is explained beside the field instead of applied.
 * It is a text field read with parseDecimal: a number field would quietly take "1e3" as 1000, and what
 * it refuses reaches the page only as an empty value, so the message could not say what was wrong.
 */
export function NumberField({
  label,
  value,
  onCommit,
  min,
  max,
  integer = true,
  allowEmpty = false,
  placeholder,
  testId,
  help,
  hideLabel = false,
}: {
  label: string;
  /** Keep the label for screen readers only, where the text beside the field already says it. */
  hideLabel?: boolean;
  value: number | null;
  onCommit: (value: number | null) => void;
  min: number;
  max: number;
  integer?: boolean;
  allowEmpty?: boolean;
  placeholder?: string;
  testId: string;
  help?: string;
}) {
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  const [problem, setProblem] = useState<string | null>(null);
  const problemId = useId();
  // The field follows a new value from elsewhere: adjusted while rendering rather than in an effect.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    setDraft(value === null ? '' : String(value));
  }

  const commit = () => {
    const trimmed = draft.trim();
    if (trimmed === '') {
      if (allowEmpty) {
        setProblem(null);
        if (value !== null) onCommit(null);
      } else {
        setProblem(`Enter a number from ${min} to ${max}.`);
      }
      return;
    }
    const n = parseDecimal(trimmed);
    if (n === null) {
      setProblem(
        `"${trimmed}" is not a number: ${label} takes the digits 0-9${integer ? '' : ' and a decimal point'}, from ${min} to ${max}.`,
      );
      return;
    }
    if ((integer && !Number.isInteger(n)) || n < min || n > max) {
      setProblem(`${label} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`);
      return;
    }
    setProblem(null);
    if (n !== value) onCommit(n);
  };

  return (
    <label className="field" title={help}>
      <span className={hideLabel ? 'sr-only' : undefined}>{label}</span>
      <input
        type="text"
        className="number-input"
        inputMode={integer ? 'numeric' : 'decimal'}
        autoComplete="off"
        value={draft}
        placeholder={placeholder}
        aria-invalid={problem !== null}
        aria-describedby={problem ? problemId : undefined}
        data-testid={testId}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {problem ? (
        <span className="field-problem" role="alert" id={problemId}>
          {problem}
        </span>
      ) : null}
    </label>
  );
}
