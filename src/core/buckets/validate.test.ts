import { describe, expect, it } from 'vitest';
import { BucketError } from './errors';
import { validateBuckets } from './validate';

describe('validateBuckets', () => {
  it('sorts a valid list', () => {
    expect(validateBuckets([128, 32, 64])).toEqual([32, 64, 128]);
  });

  it('accepts typed text and numeric strings', () => {
    expect(validateBuckets('64, 32 128;16')).toEqual([16, 32, 64, 128]);
    expect(validateBuckets(['48', 24])).toEqual([24, 48]);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['not a list', 42, 'NOT_A_LIST', /list of sizes/],
    ['empty', [], 'EMPTY_BUCKET_LIST', /empty/],
    ['blank text', '  ', 'EMPTY_BUCKET_LIST', /empty/],
    ['a word', [32, 'abc'], 'BUCKET_NOT_A_NUMBER', /"abc" is not a number/],
    ['fraction', [32, 40.5], 'BUCKET_NOT_INTEGER', /40.5 is not a whole number/],
    ['zero', [0, 32], 'BUCKET_ZERO', /Bucket 0/],
    ['negative', [-8, 32], 'BUCKET_NEGATIVE', /-8 is negative/],
    ['duplicate', [32, 64, 32], 'BUCKET_DUPLICATE', /32 is listed twice/],
  ])('%s is refused with its own message', (_name, input, code, message) => {
    let caught: unknown;
    try {
      validateBuckets(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BucketError);
    expect((caught as BucketError).code).toBe(code);
    expect((caught as BucketError).message).toMatch(message);
  });

  it("refuses a bucket above the model's maximum positions", () => {
    expect(() => validateBuckets([128, 1024], { maxPositions: 512 })).toThrow(
      expect.objectContaining({ code: 'BUCKET_ABOVE_MAX_POSITIONS', message: expect.stringMatching(/maximum of 512/) }),
    );
    expect(validateBuckets([128, 512], { maxPositions: 512 })).toEqual([128, 512]);
  });

  it.each(['0x20', '1e3', '0b11', '+32', '32px', '3,5x'])(
    'reads only decimal digits: %j is refused, not guessed',
    (text) => {
      expect(() => validateBuckets(`16, ${text}`)).toThrow(expect.objectContaining({ code: 'BUCKET_NOT_A_NUMBER' }));
    },
  );

  it('refuses buckets below the smallest usable size and names it', () => {
    const limits = { maxPositions: 512, minBucket: 3, minLargest: 5 };
    expect(() => validateBuckets('1', limits)).toThrow(
      expect.objectContaining({
        code: 'BUCKET_TOO_SMALL',
        message: expect.stringMatching(/smallest usable bucket is 3/),
      }),
    );
    expect(() => validateBuckets([2, 64], limits)).toThrow(expect.objectContaining({ code: 'BUCKET_TOO_SMALL' }));
    expect(() => validateBuckets('3', limits)).toThrow(
      expect.objectContaining({ code: 'LARGEST_BUCKET_TOO_SMALL', message: expect.stringMatching(/at least 5/) }),
    );
    expect(() => validateBuckets([3, 4], limits)).toThrow(
      expect.objectContaining({ code: 'LARGEST_BUCKET_TOO_SMALL' }),
    );
    expect(validateBuckets([3, 5], limits)).toEqual([3, 5]);
    expect(validateBuckets('64, 3', limits)).toEqual([3, 64]);
  });
});
