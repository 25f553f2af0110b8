import { CodedError } from '../core/errors';

/** Codes of {@link BucketedSessionError}; errors from the shape helpers keep their own codes. */
export type BucketedSessionErrorCode =
  | 'BAD_OPTIONS'
  | 'BAD_MODEL'
  | 'MODEL_DOWNLOAD_FAILED'
  | 'BACKEND_UNAVAILABLE'
  | 'MEMORY_BUDGET_TOO_SMALL'
  | 'BAD_FEEDS'
  | 'BAD_KERNEL'
  | 'GRAPH_CAPTURE_UNSUPPORTED'
  | 'DISPOSED'
  | 'ABORTED'
  | 'WORKER_FAILED';

/** Thrown by BucketedSession for bad options, feeds, models, or use after dispose(). */
export class BucketedSessionError extends CodedError<BucketedSessionErrorCode> {
  override readonly name = 'BucketedSessionError';
}
