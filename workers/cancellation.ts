import { CodedError } from '../src/core/errors';
import { CancelledError } from '../src/protocol/errors';

// Cancellation helpers for long work in the worker (the engine's runs, the benchmark, OCR). They live
// apart from the handler so that the engine does not import the router that calls it.

/** Throws a CancelledError when the request was cancelled; call it between units of work. */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}

/** Whether `err` is a cancellation (CANCELLED), which is an answer to the page rather than a failure. */
export function isCancellation(err: unknown): boolean {
  return err instanceof CodedError && err.code === 'CANCELLED';
}

/**
 * Lets queued messages (a cancel, above all) be delivered. ORT's WASM runs can resolve without ever
 * returning to the event loop, so a long loop of batches would otherwise only see a cancel at its end.
 * A MessageChannel round trip is a macrotask without setTimeout's clamping.
 */
export function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
