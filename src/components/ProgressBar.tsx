/** A labelled progress bar; `fraction` null draws an indeterminate one (the total is unknown). */
export function ProgressBar({ fraction, label, testId }: { fraction: number | null; label: string; testId: string }) {
  const percent = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="progress" data-testid={testId}>
      <div
        className={percent === null ? 'progress-track indeterminate' : 'progress-track'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(percent !== null ? { 'aria-valuenow': percent } : {})}
      >
        <div className="progress-fill" style={{ width: percent === null ? '30%' : `${percent}%` }} />
      </div>
      <span className="progress-label">
        {label}
        {percent !== null ? ` (${percent}%)` : ''}
      </span>
    </div>
  );
}
