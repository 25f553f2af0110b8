import { describe, expect, it } from 'vitest';
import { planBatches } from '../routing';
import {
  bucketsOfBatches,
  compareWaitText,
  nextBucketToWarm,
  warmOrder,
  warmProgress,
  warmProgressText,
} from './warm-plan';

describe('bucketsOfBatches', () => {
  it('lists each bucket of a real batch plan once, ascending', () => {
    const items = [40, 10, 60, 130, 12].map((length) => ({ length }));
    const batches = planBatches(items, [16, 32, 64, 144], 2, { policy: 'reject' });
    expect(bucketsOfBatches(batches)).toEqual([16, 64, 144]);
  });

  it('is empty for no batches', () => {
    expect(bucketsOfBatches([])).toEqual([]);
  });
});

describe('warmOrder', () => {
  it('warms the smallest buckets first', () => {
    expect(warmOrder([144, 21, 57, 35])).toEqual([21, 35, 57, 144]);
  });

  it('puts the buckets a waiting run needs first, then the rest smallest first', () => {
    expect(warmOrder([21, 35, 57, 144], [144, 35])).toEqual([35, 144, 21, 57]);
  });

  it('ignores needed buckets that are not configured, and duplicates', () => {
    expect(warmOrder([21, 35, 35], [99])).toEqual([21, 35]);
  });
});

describe('nextBucketToWarm', () => {
  it('skips warm buckets and returns null when all are warm', () => {
    expect(nextBucketToWarm([21, 35, 57], new Set([21]))).toBe(35);
    expect(nextBucketToWarm([21, 35, 57], new Set([21]), [57])).toBe(57);
    expect(nextBucketToWarm([21, 35], new Set([21, 35]), [35])).toBeNull();
  });
});

describe('warmProgress', () => {
  it('names the bucket being built and counts the ready ones', () => {
    const p = warmProgress([
      { bucket: 21, state: 'ready' },
      { bucket: 35, state: 'ready' },
      { bucket: 57, state: 'waiting' },
      { bucket: 144, state: 'compiling' },
    ]);
    expect(p).toEqual({ bucket: 144, ready: 2, total: 4 });
    expect(warmProgressText(p!)).toBe('warming bucket 144, 2 of 4');
  });

  it('says buckets when none is being built at the moment', () => {
    const p = warmProgress([
      { bucket: 21, state: 'ready' },
      { bucket: 35, state: 'waiting' },
    ]);
    expect(warmProgressText(p!)).toBe('warming buckets, 1 of 2');
  });

  it('still shows while the apply times buckets that are all ready', () => {
    const rows = [
      { bucket: 21, state: 'ready' as const },
      { bucket: 35, state: 'ready' as const },
    ];
    const p = warmProgress(rows, true);
    expect(p).toEqual({ bucket: null, ready: 2, total: 2 });
    expect(warmProgressText(p!)).toBe('timing the buckets, 2 of 2 ready');
    expect(warmProgress(rows, false)).toBeNull();
  });

  it('is null when everything is ready or there is nothing to warm', () => {
    expect(warmProgress([])).toBeNull();
    expect(warmProgress([{ bucket: 21, state: 'ready' }])).toBeNull();
  });
});

describe('compareWaitText', () => {
  it('says what Compare waits for and how far the warm-up is', () => {
    expect(compareWaitText({ bucket: 144, ready: 1, total: 4 })).toMatch(
      /^Waiting for the bucket warm-up to end before timing \(warming bucket 144, 1 of 4\): /,
    );
    expect(compareWaitText(null)).toContain('(starting)');
  });
});
