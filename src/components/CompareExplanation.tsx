import { useMemo } from 'react';
import { explainComparison, type ExplainableResult } from '../core/charts';
import { WhenBucketingWins } from './WhenBucketingWins';

/** Why the fastest mode won, in sentences built from the measured figures (src/core/charts/explain.ts). */
export function CompareExplanation({
  results,
  backend,
  batchSize,
}: {
  results: readonly ExplainableResult[];
  backend: 'wasm' | 'webgpu';
  batchSize: number;
}) {
  const explanation = useMemo(() => explainComparison(results, { backend, batchSize }), [results, backend, batchSize]);
  if (!explanation) return null;
  return (
    <div className="explanation" data-testid="compare-explanation" data-winner={explanation.winner}>
      <p className="explanation-headline">{explanation.headline}</p>
      <ul>
        {explanation.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <WhenBucketingWins />
    </div>
  );
}
