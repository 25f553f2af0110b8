import { CodedError } from '../errors';

/**
 * Typed errors for token classification. Each carries a stable `code` so the worker can forward it and the
 * page can react (for example offer the `window` policy on TEXT_TOO_LONG) without parsing messages.
 */
export type NerErrorCode =
  'TEXT_TOO_LONG' | 'SHAPE_MISMATCH' | 'BAD_LABELS' | 'BAD_TRANSITIONS' | 'BAD_WINDOWS' | 'BAD_OPTION';

export class NerError extends CodedError<NerErrorCode> {
  override name = 'NerError';
}

const OVERFLOW_ADVICE =
  'Choose the "window" policy to process it in overlapping windows, "truncate" to keep its head, or shorten the text.';

/**
 * Thrown by the `reject` overflow policy: the text needs more tokens than the largest bucket holds.
 * Build it from the counts (the message is written for you) or from your own description of the text;
 * either way the message ends with what the user can do.
 */
export class TextTooLongError extends NerError {
  override name = 'TextTooLongError';
  readonly tokenCount?: number;
  readonly maxTokens?: number;

  constructor(tokenCount: number, maxTokens: number);
  constructor(description: string);
  constructor(tokenCountOrDescription: number | string, maxTokens?: number) {
    const description =
      typeof tokenCountOrDescription === 'string'
        ? tokenCountOrDescription
        : `The text has ${tokenCountOrDescription} tokens but the largest bucket holds ${maxTokens}.`;
    super('TEXT_TOO_LONG', `${description} ${OVERFLOW_ADVICE}`);
    if (typeof tokenCountOrDescription === 'number') {
      this.tokenCount = tokenCountOrDescription;
      this.maxTokens = maxTokens;
    }
  }
}
