import { CodedError } from '../../../src/core/errors';

/**
 * Problems with what the user asked the benchmark command for. Each carries a `code`, and the command
 * turns every one into a single line on stderr and exit status 2 (a usage error), so scripts can tell a
 * mistyped option from a benchmark that failed while running.
 */
export type BenchErrorCode =
  | 'UNKNOWN_OPTION'
  | 'MISSING_VALUE'
  | 'BAD_NUMBER'
  | 'BAD_MODE'
  | 'BAD_BACKEND'
  | 'BAD_BUCKETS'
  | 'BAD_DISTRIBUTION'
  | 'BAD_REGIME'
  | 'UNKNOWN_DATASET'
  | 'DATA_MISSING'
  | 'EMPTY_DATASET'
  | 'MODEL_MISSING'
  | 'BUILD_FAILED'
  | 'BROWSER_MISSING';

export class BenchError extends CodedError<BenchErrorCode> {
  override readonly name = 'BenchError';
}
