import { describe, expect, it } from 'vitest';
import { BucketError } from '../core/buckets/errors';
import { NerError, TextTooLongError } from '../core/ner/errors';
import { RoutingError } from '../core/routing/errors';
import { ERROR_HINTS, isErrorCode } from './error-hints';
import { CancelledError, WorkerError, deserializeError, serializeError } from './errors';

describe('serializeError', () => {
  it('keeps every core code as itself across the boundary (it used to become BAD_INPUT)', () => {
    const cases = [
      new NerError('BAD_OPTION', 'Stride 9 must be a whole number from 1 to 4.'),
      new TextTooLongError(300, 126),
      new RoutingError('ROW_TOO_LONG', 'Row 0 has 9 tokens.'),
      new BucketError('BUCKET_ZERO', 'Bucket 0 is 0.'),
      new NerError('BAD_TRANSITIONS', 'bad table'),
    ];
    for (const err of cases) {
      const back = deserializeError(serializeError(err));
      expect(back).toBeInstanceOf(WorkerError);
      expect([back.code, back.message, back.name]).toEqual([err.code, err.message, err.name]);
    }
  });

  it('a code the protocol does not know becomes BAD_INPUT; an error without a code INTERNAL', () => {
    expect(serializeError(Object.assign(new Error('odd'), { code: 'SOMETHING_ELSE' })).code).toBe('BAD_INPUT');
    expect(serializeError(new Error('plain')).code).toBe('INTERNAL');
    expect(serializeError('a string')).toEqual({ name: 'Error', message: 'a string', code: 'INTERNAL' });
  });

  it("keeps a WorkerError's own hint, and a cancellation stays a CancelledError", () => {
    expect(serializeError(new WorkerError('NO_MODEL', 'No model.', 'Load one.'))).toMatchObject({
      code: 'NO_MODEL',
      hint: 'Load one.',
    });
    expect(deserializeError(serializeError(new CancelledError()))).toBeInstanceOf(CancelledError);
  });
});

describe('ERROR_HINTS', () => {
  it('gives every code a hint that says what to do in a sentence', () => {
    for (const [code, hint] of Object.entries(ERROR_HINTS)) {
      expect(hint, code).toMatch(/^[A-Z"].{10,}\.$/);
    }
    expect(isErrorCode('BAD_OPTION')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
  });
});
