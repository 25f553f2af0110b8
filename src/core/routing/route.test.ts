import { describe, expect, it } from 'vitest';
import { RoutingError } from './errors';
import { routeLength, splitIntoWindows } from './route';

const buckets = [16, 32, 64, 128];

describe('routeLength', () => {
  it.each([
    [0, 16],
    [1, 16],
    [16, 16],
    [17, 32],
    [64, 64],
    [65, 128],
    [128, 128],
  ])('length %i goes to bucket %i', (length, bucket) => {
    expect(routeLength(length, buckets)).toEqual({ kind: 'fit', bucket, padding: bucket - length });
  });

  it('rejects a longer input by default, saying what to do', () => {
    expect(() => routeLength(300, buckets)).toThrow(RoutingError);
    expect(() => routeLength(300, buckets)).toThrow(
      /300 tokens is longer than the largest bucket \(128\).*'truncate' or 'window'/,
    );
  });

  it('truncates to the largest bucket', () => {
    expect(routeLength(300, buckets, 'truncate')).toEqual({ kind: 'truncate', bucket: 128, dropped: 172 });
  });

  it('splits into windows of the largest bucket, half overlapping by default', () => {
    const route = routeLength(300, buckets, 'window');
    expect(route).toEqual({
      kind: 'window',
      bucket: 128,
      windows: [
        { start: 0, end: 128 },
        { start: 64, end: 192 },
        { start: 128, end: 256 },
        { start: 172, end: 300 },
      ],
    });
  });

  it('refuses unsorted buckets and bad lengths', () => {
    expect(() => routeLength(5, [64, 32])).toThrow(expect.objectContaining({ code: 'NO_BUCKETS' }));
    expect(() => routeLength(5, [])).toThrow(expect.objectContaining({ code: 'NO_BUCKETS' }));
    expect(() => routeLength(-1, buckets)).toThrow(expect.objectContaining({ code: 'INVALID_LENGTH' }));
    expect(() => routeLength(2.5, buckets)).toThrow(expect.objectContaining({ code: 'INVALID_LENGTH' }));
  });
});

describe('splitIntoWindows', () => {
  it('gives one window when the sequence fits', () => {
    expect(splitIntoWindows(10, 16, 8)).toEqual([{ start: 0, end: 10 }]);
    expect(splitIntoWindows(16, 16, 8)).toEqual([{ start: 0, end: 16 }]);
  });

  it('ends the last window exactly at the end, without a repeated window', () => {
    expect(splitIntoWindows(24, 16, 8)).toEqual([
      { start: 0, end: 16 },
      { start: 8, end: 24 },
    ]);
    expect(splitIntoWindows(25, 16, 8)).toEqual([
      { start: 0, end: 16 },
      { start: 8, end: 24 },
      { start: 9, end: 25 },
    ]);
  });

  it('covers every position, with windows of the full length, on many sizes', () => {
    const problems: string[] = [];
    for (let length = 1; length <= 200; length++) {
      for (const [windowLength, stride] of [
        [16, 16],
        [16, 8],
        [16, 5],
        [7, 1],
      ]) {
        const windows = splitIntoWindows(length, windowLength, stride);
        const seen = new Uint8Array(length);
        windows.forEach((w, i) => {
          if (w.end - w.start !== Math.min(length, windowLength))
            problems.push(`${length}/${windowLength}: window ${i} has the wrong size`);
          if (i > 0 && w.start <= windows[i - 1].start)
            problems.push(`${length}/${windowLength}: window ${i} does not advance`);
          seen.fill(1, w.start, w.end);
        });
        if (windows[windows.length - 1].end !== length)
          problems.push(`${length}/${windowLength}: last window does not end at the end`);
        if (!seen.every((v) => v === 1))
          problems.push(`${length}/${windowLength}/${stride}: a position is not covered`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses a stride that would skip positions', () => {
    expect(() => splitIntoWindows(100, 16, 17)).toThrow(/skip positions/);
    expect(() => splitIntoWindows(100, 16, 0)).toThrow(expect.objectContaining({ code: 'INVALID_WINDOW' }));
    expect(() => splitIntoWindows(100, 0, 1)).toThrow(expect.objectContaining({ code: 'INVALID_WINDOW' }));
  });
});
