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

/**
 * A failure found on the page's side (not in the worker), with a code for tests and what to do about it.
 * Services throw it and `toUiError` reads it back without casts.
 */
export class AppError extends Error {
  readonly code: string;
  readonly hint?: string;

  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (hint !== undefined) this.hint = hint;
  }
}

/** Turns anything thrown into what the page shows next to the control that caused it. */
export function toUiError(err: unknown): UiError {
  if (err instanceof WorkerError || err instanceof AppError) {
    const hint = err.hint ?? HINTS[err.code];
    return { message: err.message, code: err.code, ...(hint ? { hint } : {}) };
  }
  if (err instanceof Error) {
    // Errors from src/core carry a string `code` (each module has its own class).
    if ('code' in err && typeof err.code === 'string') {
      const hint = HINTS[err.code];
      return { message: err.message, code: err.code, ...(hint ? { hint } : {}) };
    }
    return { message: err.message };
  }
  return { message: String(err) };
}

export function isCancelled(err: unknown): boolean {
  return err instanceof WorkerError && err.code === 'CANCELLED';
}
