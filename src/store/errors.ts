import { CodedError } from '../core/errors';
import { ERROR_HINTS, isErrorCode } from '../protocol/error-hints';
import { WorkerError } from '../protocol/errors';
import type { UiError } from './types';

/**
 * A failure found on the page's side (not in the worker), with a code for tests and what to do about it.
 * Services throw it and `toUiError` reads it back without casts.
 */
export class AppError extends CodedError {
  override readonly name = 'AppError';
  readonly hint?: string;

  constructor(code: string, message: string, hint?: string) {
    super(code, message);
    if (hint !== undefined) this.hint = hint;
  }
}

/** Turns anything thrown into what the page shows next to the control that caused it. */
export function toUiError(err: unknown): UiError {
  if (err instanceof WorkerError || err instanceof AppError) {
    const hint = err.hint ?? hintFor(err.code);
    return { message: err.message, code: err.code, ...(hint ? { hint } : {}) };
  }
  if (err instanceof Error) {
    // Errors from src/core carry a string `code` (each module has its own class).
    if ('code' in err && typeof err.code === 'string') {
      const hint = hintFor(err.code);
      return { message: err.message, code: err.code, ...(hint ? { hint } : {}) };
    }
    return { message: err.message };
  }
  return { message: String(err) };
}

/** Every error code the worker or src/core raises has a hint (src/protocol/error-hints.ts). */
function hintFor(code: string): string | undefined {
  return isErrorCode(code) ? ERROR_HINTS[code] : undefined;
}

export function isCancelled(err: unknown): boolean {
  return err instanceof WorkerError && err.code === 'CANCELLED';
}
