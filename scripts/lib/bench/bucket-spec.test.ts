import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/buckets';
import { formatBucketSpec, parseBucketSpec, resolveBuckets } from './bucket-spec';
import { BenchError } from './errors';

describe('parseBucketSpec', () => {
  it.each([
    ['15,35,55,75,max', { kind: 'explicit', sizes: [15, 35, 55, 75], withMax: true }],
    [' 16, 32 ,64 ', { kind: 'explicit', sizes: [16, 32, 64], withMax: false }],
    ['max', { kind: 'explicit', sizes: [], withMax: true }],
    ['auto:optimal:4', { kind: 'auto', algorithm: 'optimal', k: 4 }],
    ['auto:lloydMax:3', { kind: 'auto', algorithm: 'lloydMax', k: 3 }],
  ])('parses %j', (text, expected) => {
    expect(parseBucketSpec(text)).toEqual(expected);
  });

  it.each([
    ['35,15', /strictly ascending/],
    ['15,15', /strictly ascending/],
    ['15,,35', /empty entry/],
    ['', /empty entry/],
    ['max,64', /"max" may only be the last/],
    ['0,16', /"0" is not a positive whole number/],
    ['16.5', /not a positive whole number/],
    ['auto:optimal', /not of the form auto/],
    ['auto:best:4', /unknown algorithm "best"/],
    ['auto:optimal:0', /k is "0"/],
    ['automatic', /not of the form auto/],
  ])('rejects %j with a BAD_BUCKETS error that says why', (text, message) => {
    let caught: unknown;
    try {
      parseBucketSpec(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BenchError);
    expect((caught as BenchError).code).toBe('BAD_BUCKETS');
    expect((caught as BenchError).message).toMatch(message);
  });

  it('formats back to the text it was parsed from', () => {
    for (const text of ['15,35,55,75,max', '8,32', 'auto:optimal:4'])
      expect(formatBucketSpec(parseBucketSpec(text))).toBe(text);
  });
});

/** Lengths with a short median and a long tail, like tokenised WNUT-17 sentences. */
function tailLengths(n: number, seed: number): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => Math.max(3, Math.round(10 + 25 * -Math.log(1 - rng() * 0.999))));
}

describe('resolveBuckets', () => {
  const lengths = [5, 9, 14, 20, 33, 41, 70, 90];

  it('appends the longest item for "max", as the DeepSparse guide does', () => {
    const out = resolveBuckets(parseBucketSpec('15,35,55,75,max'), {
      lengths,
      batchSize: 8,
      maxPositions: 512,
      distribution: 'batch-max',
    });
    expect(out.buckets).toEqual([15, 35, 55, 75, 90]);
    expect(out.truncatedItems).toBe(0);
    expect(out.source).toContain('max = 90 tokens');
  });

  it('adds no bucket when "max" is not above the last size', () => {
    const out = resolveBuckets(parseBucketSpec('50,100,max'), {
      lengths,
      batchSize: 1,
      maxPositions: 512,
      distribution: 'items',
    });
    expect(out.buckets).toEqual([50, 100]);
    expect(out.notes.join(' ')).toContain('adds no bucket');
  });

  it('counts and reports the items a short explicit list truncates', () => {
    const out = resolveBuckets(parseBucketSpec('16,40'), {
      lengths,
      batchSize: 1,
      maxPositions: 512,
      distribution: 'items',
    });
    expect(out.truncatedItems).toBe(3);
    expect(out.notes.join(' ')).toMatch(/3 item\(s\) longer than the largest bucket \(40 tokens\)/);
  });

  it('caps "max" at the model maximum positions and truncates the rest', () => {
    const out = resolveBuckets(parseBucketSpec('16,max'), {
      lengths,
      batchSize: 1,
      maxPositions: 64,
      distribution: 'items',
    });
    expect(out.buckets).toEqual([16, 64]);
    expect(out.truncatedItems).toBe(2);
  });

  it('rejects explicit sizes above the maximum positions', () => {
    expect(() =>
      resolveBuckets(parseBucketSpec('16,600'), { lengths, batchSize: 1, maxPositions: 512, distribution: 'items' }),
    ).toThrow(/600 exceed the model's maximum positions \(512\)/);
  });

  it('selects k ascending buckets ending at the longest item, on the distribution asked for', () => {
    const many = tailLengths(2000, 7);
    const longest = Math.max(...many);
    const onItems = resolveBuckets(parseBucketSpec('auto:optimal:4'), {
      lengths: many,
      batchSize: 64,
      maxPositions: 512,
      distribution: 'items',
    });
    const onBatches = resolveBuckets(parseBucketSpec('auto:optimal:4'), {
      lengths: many,
      batchSize: 64,
      maxPositions: 512,
      distribution: 'batch-max',
    });
    for (const out of [onItems, onBatches]) {
      expect(out.buckets).toHaveLength(4);
      expect(out.buckets[3]).toBe(longest);
      expect([...out.buckets].sort((a, b) => a - b)).toEqual(out.buckets);
      expect(out.truncatedItems).toBe(0);
    }
    expect(onItems.source).toContain('item length distribution');
    expect(onBatches.source).toContain('batch of 64');
    // The longest of 64 items is rarely short, so the batched distribution pushes the first edge up.
    expect(onBatches.buckets[0]).toBeGreaterThan(onItems.buckets[0]!);
  });

  it('selects on items when the batch size is 1 even if batch-max was asked for', () => {
    const many = tailLengths(500, 3);
    const a = resolveBuckets(parseBucketSpec('auto:optimal:3'), {
      lengths: many,
      batchSize: 1,
      maxPositions: 512,
      distribution: 'batch-max',
    });
    const b = resolveBuckets(parseBucketSpec('auto:optimal:3'), {
      lengths: many,
      batchSize: 1,
      maxPositions: 512,
      distribution: 'items',
    });
    expect(a.buckets).toEqual(b.buckets);
  });
});

describe('resolveBuckets with items longer than the model allows', () => {
  it('ends auto buckets at the maximum positions and reports the truncated items', () => {
    const out = resolveBuckets(parseBucketSpec('auto:optimal:2'), {
      lengths: [4, 6, 8, 300, 400],
      batchSize: 1,
      maxPositions: 256,
      distribution: 'items',
    });
    expect(out.buckets[out.buckets.length - 1]).toBe(256);
    expect(out.truncatedItems).toBe(2);
  });
});
