import { NerError } from './errors';

/**
 * Entities whose score is below `threshold` are hidden; the rest are shown in their order. A null
 * threshold hides nothing. The page and `npm run eval:ner` both filter through here, so the F1 measured
 * at a threshold is the F1 of what the page shows at it.
 */
export function applyScoreThreshold<E extends { score: number }>(
  entities: readonly E[],
  threshold: number | null,
): { shown: E[]; hidden: number } {
  if (threshold === null) return { shown: [...entities], hidden: 0 };
  if (!isScoreThreshold(threshold)) {
    throw new NerError('BAD_OPTION', `Score threshold ${threshold} must be a number from 0 to 1.`);
  }
  const shown = entities.filter((e) => e.score >= threshold);
  return { shown, hidden: entities.length - shown.length };
}

export function isScoreThreshold(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}
