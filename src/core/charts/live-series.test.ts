import { describe, expect, it } from 'vitest';
import {
  appendWindowed,
  itemsPerSecond,
  latestReference,
  liveChartRows,
  nextChunkSize,
  recentRate,
  warmupSpans,
  type LivePoint,
} from './live-series';

describe('live series', () => {
  it('drops points older than the window and beyond the cap', () => {
    let list: { t: number }[] = [];
    for (let t = 0; t <= 200; t += 10) list = appendWindowed(list, { t }, 60, 100);
    expect(list.map((p) => p.t)).toEqual([140, 150, 160, 170, 180, 190, 200]);
    let capped: { t: number }[] = [];
    for (let t = 0; t < 10; t++) capped = appendWindowed(capped, { t }, 1000, 3);
    expect(capped.map((p) => p.t)).toEqual([7, 8, 9]);
  });

  it('computes items per second and is 0 when no time passed', () => {
    expect(itemsPerSecond(50, 250)).toBe(200);
    expect(itemsPerSecond(5, 0)).toBe(0);
  });

  const points: LivePoint[] = [
    { t: 1, itemsPerSec: 10, mode: 'bucketed' },
    { t: 2, itemsPerSec: 4, mode: 'pad-to-max' },
    { t: 3, itemsPerSec: 20, mode: 'bucketed', compiles: 0 },
    { t: 4.04, itemsPerSec: 30, mode: 'bucketed', compiles: 6 },
  ];

  it('splits bucketed and pad-to-max points into lines, with a running mean of the bucketed ones', () => {
    expect(liveChartRows(points, 2)).toEqual([
      { t: 1, bucketed: 10, smoothed: 10, padToMax: null, compiled: null },
      { t: 2, bucketed: null, smoothed: null, padToMax: 4, compiled: null },
      { t: 3, bucketed: 20, smoothed: 15, padToMax: null, compiled: null },
      // A chunk that compiled is marked at its own height.
      { t: 4, bucketed: 30, smoothed: 25, padToMax: null, compiled: 30 },
    ]);
  });

  it.each([
    [null, 8, 32],
    [{ items: 32, ms: 30 }, 8, 320],
    [{ items: 32, ms: 3000 }, 8, 8],
    [{ items: 8, ms: 100 }, 8, 24],
    [{ items: 8, ms: 0 }, 2, 8],
  ])('sizes the next chunk from %j at batch %i to %i items', (previous, batch, expected) => {
    expect(nextChunkSize(previous, batch, 300, 40)).toBe(expected);
  });

  it('takes the last pad-to-max point as the reference, else the fallback', () => {
    expect(latestReference(points, 99)).toBe(4);
    expect(
      latestReference(
        points.filter((p) => p.mode === 'bucketed'),
        99,
      ),
    ).toBe(99);
    expect(latestReference([], null)).toBeNull();
  });

  it('averages the latest bucketed points', () => {
    expect(recentRate(points, 2)).toBe(25);
    expect(recentRate([], 2)).toBeNull();
  });

  it('pairs rebuilds with the ready that ends them; an unfinished one stays open', () => {
    expect(
      warmupSpans([
        { t: 1, label: 'rebuild 32', kind: 'rebuild' },
        { t: 2, label: 'ready', kind: 'ready' },
        { t: 5, label: 'rebuild 40', kind: 'rebuild' },
        { t: 6, label: 'rebuild 48', kind: 'rebuild' },
      ]),
    ).toEqual([
      { from: 1, to: 2, label: 'rebuild 32' },
      { from: 5, to: null, label: 'rebuild 40' },
      { from: 6, to: null, label: 'rebuild 48' },
    ]);
  });
});
