import { CodedError } from '../errors';

/** Codes of {@link ChartDataError}: the UI branches on them (disable a button, explain a limit). */
export type ChartDataErrorCode =
  | 'NO_LENGTHS'
  | 'INVALID_LENGTH'
  | 'INVALID_CAP'
  | 'INVALID_AXIS'
  | 'INVALID_BUCKETS'
  | 'LAST_BUCKET'
  | 'LARGEST_TOO_SMALL'
  | 'INVALID_INDEX'
  | 'INVALID_SPAN';

/** Thrown for input the chart helpers cannot turn into a series; the message says what to change. */
export class ChartDataError extends CodedError<ChartDataErrorCode> {
  override readonly name = 'ChartDataError';
}
