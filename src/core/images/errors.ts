import { CodedError } from '../errors';

/** Codes of {@link ImagesError}: the Images tab branches on them and the tests assert them. */
export type ImagesErrorCode =
  | 'BAD_BUCKET_TEXT'
  | 'BAD_BUCKET_SIDE'
  | 'DUPLICATE_BUCKET'
  | 'TOO_MANY_BUCKETS'
  | 'LAST_BUCKET'
  | 'INVALID_INDEX'
  | 'FILE_TOO_LARGE'
  | 'NO_IMAGES'
  | 'BAD_K';

/** Thrown for input the Images tab's helpers refuse; the message says what to change. */
export class ImagesError extends CodedError<ImagesErrorCode> {
  override readonly name = 'ImagesError';
}
