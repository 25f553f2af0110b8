import { CodedError } from '../errors';

/** Codes of {@link ShapeError}, so callers can tell a bad argument from an input that does not fit. */
export type ShapeErrorCode =
  | 'BAD_DIMS'
  | 'DATA_SIZE_MISMATCH'
  | 'DOES_NOT_FIT'
  | 'BAD_BATCH_SIZES'
  | 'MIXED_SHAPES'
  | 'UNKNOWN_DIM'
  | 'BAD_BUCKETS';

/** Thrown by the shape helpers: padding, cropping, stacking and planning of n-dimensional tensors. */
export class ShapeError extends CodedError<ShapeErrorCode> {
  override readonly name = 'ShapeError';
}
