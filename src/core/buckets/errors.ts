import { CodedError } from '../errors';

/**
 * Every problem the bucket core reports carries a machine-readable `code`, so the UI can react to the
 * kind of mistake (highlight a field, offer a fix) while the message stays readable for people.
 */
export type BucketErrorCode =
  | 'INVALID_K'
  | 'EMPTY_HISTOGRAM'
  | 'INVALID_LENGTH'
  | 'INVALID_COUNT'
  | 'INVALID_HISTOGRAM'
  | 'INVALID_CAP'
  | 'INVALID_MEMORY_BUDGET'
  | 'MEMORY_BUDGET_TOO_SMALL'
  | 'INVALID_BATCH_SIZE'
  | 'INVALID_COST'
  | 'COST_NOT_NON_DECREASING'
  | 'UNKNOWN_ALGORITHM'
  | 'TOO_MANY_COMBINATIONS'
  | 'NOT_A_LIST'
  | 'EMPTY_BUCKET_LIST'
  | 'BUCKET_NOT_A_NUMBER'
  | 'BUCKET_NOT_INTEGER'
  | 'BUCKET_ZERO'
  | 'BUCKET_NEGATIVE'
  | 'BUCKET_DUPLICATE'
  | 'BUCKET_ABOVE_MAX_POSITIONS'
  | 'BUCKET_TOO_SMALL'
  | 'LARGEST_BUCKET_TOO_SMALL'
  | 'INVALID_SIZE_2D';

/** Thrown for invalid input to bucket selection, validation and metrics. */
export class BucketError extends CodedError<BucketErrorCode> {
  override readonly name = 'BucketError';
}
