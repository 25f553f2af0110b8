import { CodedError } from '../errors';

/** Codes of {@link AppStateError}. */
export type AppStateErrorCode = 'BAD_CONFIG_FILE' | 'BAD_EXPORT_INPUT';

/** Thrown for a file or value the app cannot read back; the message names the field and the fix. */
export class AppStateError extends CodedError<AppStateErrorCode> {
  override readonly name = 'AppStateError';
}
