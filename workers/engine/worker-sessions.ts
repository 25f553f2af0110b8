import type * as Ort from 'onnxruntime-web';
import { WorkerError } from '../../src/protocol/errors';
import type { Backend } from '../../src/protocol/types';
import { SessionSet, type SessionFailure } from '../../src/lib/session-set';

/**
 * The worker's one SessionSet (the library's session manager): NER and OCR sessions side by side, each
 * request bringing its model's bytes; no memory budget (the Buckets tab decides what stays); every
 * operation races the loss of the GPU device; a refused session is a WorkerError with a hint.
 */
export function createWorkerSessions(
  ort: typeof Ort,
  backend: () => Backend,
  /** Rejects when the GPU device is lost, so that no run waits forever on a dead device. */
  deviceLost: () => Promise<never>,
): SessionSet {
  return new SessionSet(ort, { backend, interrupt: deviceLost, createError: workerSessionError });
}

function workerSessionError(failure: SessionFailure): WorkerError {
  if (failure.captureRefusal) {
    return new WorkerError('BAD_MODEL', `Graph capture refused (${failure.key}): ${failure.captureRefusal}`);
  }
  return new WorkerError(
    'BAD_MODEL',
    `Could not create an ONNX Runtime session (${failure.key}): ${failure.message}`,
    'Check that the file is a valid ONNX model for token classification.',
  );
}
