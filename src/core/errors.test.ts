import { describe, expect, it } from 'vitest';
import { BucketError } from './buckets/errors';
import { ConllParseError } from './datasets/conll';
import { DatasetError, EmptyInputError } from './datasets/text';
import { CodedError, errorMessage } from './errors';
import { NerError, TextTooLongError } from './ner/errors';
import { OnnxReadError } from './onnx/graph-io';

describe('CodedError', () => {
  it('carries its code, message and cause', () => {
    const cause = new Error('disk full');
    const err = new CodedError('SOME_CODE', 'It failed; try again.', { cause });
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('SOME_CODE');
    expect(err.message).toBe('It failed; try again.');
    expect(err.cause).toBe(cause);
    expect(err.name).toBe('CodedError');
  });

  it('lets each module keep its class name, its codes and instanceof', () => {
    const bucket = new BucketError('BUCKET_ZERO', 'A bucket of 0 tokens holds nothing.');
    expect(bucket).toBeInstanceOf(CodedError);
    expect(bucket).toBeInstanceOf(BucketError);
    expect(bucket).not.toBeInstanceOf(NerError);
    expect(bucket.name).toBe('BucketError');
    expect(bucket.code).toBe('BUCKET_ZERO');
    expect(String(bucket)).toBe('BucketError: A bucket of 0 tokens holds nothing.');
  });

  it('keeps the names of second-level classes and their extra fields', () => {
    const long = new TextTooLongError(600, 512);
    expect(long).toBeInstanceOf(NerError);
    expect(long).toBeInstanceOf(CodedError);
    expect([long.name, long.code, long.tokenCount, long.maxTokens]).toEqual([
      'TextTooLongError',
      'TEXT_TOO_LONG',
      600,
      512,
    ]);
    const empty = new EmptyInputError();
    expect(empty).toBeInstanceOf(DatasetError);
    expect([empty.name, empty.code]).toEqual(['EmptyInputError', 'EMPTY_INPUT']);
    const conll = new ConllParseError('MALFORMED_LINES', 'Line 3 has one column.', [
      { line: 3, message: 'one column' },
    ]);
    expect([conll.name, conll.code, conll.problems.length]).toEqual(['ConllParseError', 'MALFORMED_LINES', 1]);
    const onnx = new OnnxReadError('Not a model.');
    expect([onnx.name, onnx.code]).toEqual(['OnnxReadError', 'NOT_ONNX']);
  });
});

describe('errorMessage', () => {
  it("reads an Error's message and puts anything else thrown into words", () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
    expect(errorMessage('quota exceeded')).toBe('quota exceeded');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
