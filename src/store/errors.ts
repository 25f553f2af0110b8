import { WorkerError } from '../protocol/errors';
import type { UiError } from './types';

/** What to do about core errors whose message alone does not say it. */
const HINTS: Readonly<Record<string, string>> = Object.freeze({
  TOO_MANY_COMBINATIONS: 'Choose "Optimal (DP)": it finds the same best buckets far faster.',
  MEMORY_BUDGET_TOO_SMALL: 'Raise the memory budget in the settings, or clear it.',
  EMPTY_HISTOGRAM: 'Add some text, choose a file, or use the sample set.',
  BUCKET_ABOVE_MAX_POSITIONS: 'Lower the largest bucket to the model\'s maximum positions.',
  TEXT_TOO_LONG: 'Choose "window" or "truncate" for long texts in the settings, or add a larger bucket.',
});

/** Turns anything thrown into what the page shows next to the control that caused it. */
export function toUiError(err: unknown): UiError {
  if (err instanceof WorkerError) {
    const hint = err.hint ?? HINTS[err.code];
    return { message: err.message, code: err.code, ...(hint ? { hint } : {}) };
  }
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string') {
      const hint = HINTS[code];
      return { message: err.message, code, ...(hint ? { hint } : {}) };
    }
    return { message: err.message };
  }
  return { message: String(err) };
}

export function isCancelled(err: unknown): boolean {
  return err instanceof WorkerError && err.code === 'CANCELLED';
}
