import { CodedError } from '../core/errors';
import { isErrorCode } from './error-hints';
import type { ErrorCode, SerializedError } from './messages';

/**
 * An error that crosses the worker boundary intact: the worker throws it (or wraps whatever it caught),
 * serialises it with `serializeError`, and the client rethrows it as the same class, so callers can
 * branch on `code` instead of parsing messages.
 */
export class WorkerError extends CodedError<ErrorCode> {
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, hint?: string, name = 'WorkerError') {
    super(code, message);
    this.name = name;
    if (hint !== undefined) this.hint = hint;
  }
}

export class CancelledError extends WorkerError {
  constructor(message = 'The request was cancelled.') {
    super('CANCELLED', message, undefined, 'CancelledError');
  }
}

/**
 * Errors from src/core carry a string `code`; it crosses as itself (TEXT_TOO_LONG, BAD_OPTION,
 * BUCKET_ZERO, ...), so the page can branch on it and show its hint. A code the protocol does not know
 * becomes BAD_INPUT, and anything without a code INTERNAL.
 */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof WorkerError) {
    return { name: err.name, message: err.message, code: err.code, ...(err.hint ? { hint: err.hint } : {}) };
  }
  if (err instanceof Error) {
    const coreCode = 'code' in err ? err.code : undefined;
    const code: ErrorCode =
      typeof coreCode === 'string' ? (isErrorCode(coreCode) ? coreCode : 'BAD_INPUT') : 'INTERNAL';
    return { name: err.name, message: err.message, code };
  }
  return { name: 'Error', message: String(err), code: 'INTERNAL' };
}

export function deserializeError(e: SerializedError): WorkerError {
  if (e.code === 'CANCELLED') return new CancelledError(e.message);
  return new WorkerError(e.code, e.message, e.hint, e.name);
}
