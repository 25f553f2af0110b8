import { CodedError } from '../src/core/errors';
import { CancelledError } from '../src/protocol/errors';

// Cancellation helpers for long work in the worker (the engine's runs, the benchmark, OCR). They live
// apart from the handler so that the engine does not import the router that calls it.

/** Between units of work: see src/lib/yield-to-messages.ts (the library's runs need it too). */
export { yieldToMessages } from '../src/lib/yield-to-messages';

/** Throws a CancelledError when the request was cancelled; call it between units of work. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}

/** Whether `err` is a cancellation (CANCELLED), which is an answer to the page rather than a failure. */
export function isCancellation(err: unknown): boolean {
  return err instanceof CodedError && err.code === 'CANCELLED';
}
