/**
 * The one shape of every coded error in this project: a stable machine-readable `code` that the page, the
 * worker and the scripts branch on (and src/protocol/error-hints.ts turns into a hint), and a message for
 * people that names the problem and what to do. Each module extends it with its own class name and its
 * own union of codes, so `instanceof` still tells the modules apart and `code` is typed per module.
 */
export class CodedError<Code extends string = string> extends Error {
  override name = 'CodedError';
  readonly code: Code;

  constructor(code: Code, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** The message of anything thrown: an Error's own, otherwise the value in words (a thrown string, say). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
