import { describe, expect, it } from 'vitest';
import { BucketError } from '../core/buckets';
import { NerError } from '../core/ner';
import { CancelledError, WorkerError, deserializeError, serializeError } from '../protocol/errors';
import { AppError, isCancelled, toUiError } from './errors';

describe('toUiError', () => {
  it('reads the code and hint of a page-side AppError', () => {
    expect(toUiError(new AppError('NO_FILE', 'No file is loaded.', 'Choose a file.'))).toEqual({
      message: 'No file is loaded.',
      code: 'NO_FILE',
      hint: 'Choose a file.',
    });
  });

  it('adds the known hint of a code when the error has none', () => {
    expect(toUiError(new AppError('EMPTY_HISTOGRAM', 'Nothing to place.')).hint).toMatch(/sample set/);
    expect(toUiError(new WorkerError('BAD_INPUT', 'bad')).code).toBe('BAD_INPUT');
  });

  it('keeps the code of a core error', () => {
    const ui = toUiError(new BucketError('TOO_MANY_COMBINATIONS', 'too many'));
    expect(ui.code).toBe('TOO_MANY_COMBINATIONS');
    expect(ui.hint).toMatch(/Optimal/);
  });

  it('shows the hint of a core error raised in the worker, whose code now crosses as itself', () => {
    const fromWorker = deserializeError(
      serializeError(new NerError('BAD_OPTION', 'Stride 9 must be a whole number from 1 to 4.')),
    );
    expect(toUiError(fromWorker)).toEqual({
      message: 'Stride 9 must be a whole number from 1 to 4.',
      code: 'BAD_OPTION',
      hint: 'Change the setting the message names to an allowed value.',
    });
  });

  it('says plain errors and thrown values in words, and knows a cancellation', () => {
    expect(toUiError(new Error('boom'))).toEqual({ message: 'boom' });
    expect(toUiError('odd')).toEqual({ message: 'odd' });
    expect(isCancelled(new CancelledError())).toBe(true);
    expect(isCancelled(new AppError('BUCKETS', 'x'))).toBe(false);
  });
});
