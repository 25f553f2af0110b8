import { CodedError } from '../errors';

/** Codes of {@link RoutingError}, so callers can tell "too long" from "bad arguments". */
export type RoutingErrorCode =
  | 'TOO_LONG'
  | 'NO_BUCKETS'
  | 'INVALID_LENGTH'
  | 'INVALID_WINDOW'
  | 'INVALID_BATCH_SIZE'
  | 'INVALID_POLICY'
  | 'ROW_TOO_LONG'
  | 'TOO_MANY_ROWS'
  | 'NO_2D_BUCKET_FITS'
  | 'INVALID_SIZE_2D'
  | 'RESULT_MISMATCH'
  | 'ITEM_SPLIT';

/** Thrown by routing, batch planning and padding. */
export class RoutingError extends CodedError<RoutingErrorCode> {
  override readonly name = 'RoutingError';
}
