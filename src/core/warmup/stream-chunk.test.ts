import { describe, expect, it } from 'vitest';
import { bucketsForLength, pickWarmChunk } from './stream-chunk';

const buckets = [16, 64, 128];

describe('bucketsForLength', () => {
  it('is the smallest bucket that fits, every bucket for an item longer than the largest', () => {
    expect(bucketsForLength(3, buckets)).toEqual([16]);
    expect(bucketsForLength(16, buckets)).toEqual([16]);
    expect(bucketsForLength(17, buckets)).toEqual([64]);
    expect(bucketsForLength(128, buckets)).toEqual([128]);
    expect(bucketsForLength(400, buckets)).toEqual([16, 64, 128]);
  });
});

describe('pickWarmChunk', () => {
  //               0   1   2    3   4   5
  const lengths = [10, 50, 100, 12, 60, 300];

  it('sends the items whose buckets are ready, from the cursor on, wrapping around', () => {
    const chunk = pickWarmChunk({ lengths, buckets, ready: new Set([16]), warming: 64, cursor: 1, size: 8 });
    expect(chunk).toEqual({ indices: [3, 0], waitingFor: [], nextCursor: 1 });
  });

  it('stops at the chunk size and goes on after the last item sent', () => {
    const chunk = pickWarmChunk({ lengths, buckets, ready: new Set([16, 64]), warming: 128, cursor: 0, size: 3 });
    expect(chunk).toEqual({ indices: [0, 1, 3], waitingFor: [], nextCursor: 4 });
  });

  it('with nothing ready, waits for the bucket compiling now when the stream needs it', () => {
    const chunk = pickWarmChunk({ lengths, buckets, ready: new Set(), warming: 64, cursor: 0, size: 8 });
    expect(chunk).toEqual({ indices: [1, 4], waitingFor: [64], nextCursor: 5 });
  });

  it('else waits for the smallest bucket the stream needs', () => {
    const chunk = pickWarmChunk({
      lengths: [100, 12, 50],
      buckets,
      ready: new Set(),
      warming: null,
      cursor: 0,
      size: 8,
    });
    expect(chunk).toEqual({ indices: [1], waitingFor: [16], nextCursor: 2 });
    const notNeeded = pickWarmChunk({ lengths: [100, 50], buckets, ready: new Set(), warming: 16, cursor: 0, size: 8 });
    expect(notNeeded.waitingFor).toEqual([64]);
  });

  it('a stream of long items only waits for every missing bucket', () => {
    const chunk = pickWarmChunk({
      lengths: [300, 400],
      buckets,
      ready: new Set([16]),
      warming: 64,
      cursor: 1,
      size: 8,
    });
    expect(chunk).toEqual({ indices: [1, 0], waitingFor: [64, 128], nextCursor: 1 });
  });

  it('long items go with the others once every bucket is ready', () => {
    const chunk = pickWarmChunk({ lengths, buckets, ready: new Set(buckets), warming: null, cursor: 4, size: 3 });
    expect(chunk).toEqual({ indices: [4, 5, 0], waitingFor: [], nextCursor: 1 });
  });

  it('an empty stream gives an empty chunk', () => {
    expect(pickWarmChunk({ lengths: [], buckets, ready: new Set(), warming: null, cursor: 3, size: 8 })).toEqual({
      indices: [],
      waitingFor: [],
      nextCursor: 0,
    });
  });
});
