import { CodedError } from '../errors';

/**
 * Typed errors for OCR input problems. The worker turns them into the wire error `BAD_INPUT`; the `code`
 * lets the page say exactly what was wrong without parsing messages.
 */
export type OcrErrorCode =
  | 'NOT_AN_IMAGE'
  | 'ZERO_SIZE'
  | 'IMAGE_TOO_LARGE'
  | 'BAD_BUCKETS'
  | 'NO_BUCKET_FITS'
  | 'BAD_MAP'
  | 'BAD_BOX'
  | 'BAD_DICTIONARY'
  | 'DICTIONARY_MISMATCH'
  | 'BAD_MODEL_OUTPUT';

export class OcrError extends CodedError<OcrErrorCode> {
  override readonly name = 'OcrError';
}
