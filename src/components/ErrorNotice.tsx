import type { UiError } from '../store/types';

/** An error shown next to what caused it: the message, what to do about it, and an optional action. */
export function ErrorNotice({
  error,
  testId,
  onRetry,
  retryLabel = 'Try again',
}: {
  error: UiError | null;
  testId: string;
  onRetry?: () => void;
  retryLabel?: string;
}) {
  if (!error) return null;
  return (
    <div className="error-notice" role="alert" data-testid={testId} data-code={error.code ?? ''}>
      <p className="error-message">{error.message}</p>
      {error.hint ? <p className="error-hint">What to do: {error.hint}</p> : null}
      {onRetry ? (
        <button type="button" className="link-button" onClick={onRetry}>
          {retryLabel}
        </button>
      ) : null}
    </div>
  );
}
