import { describe, expect, it } from 'vitest';
import { pickBucket2D } from '../routing/route2d';
import { mulberry32 } from './random';
import { type Size2D, select2DBuckets } from './select2d';

/** Padded area of a bucket set, routing each image with the routing core; Infinity if one does not fit. */
function paddedArea(sizes: Size2D[], buckets: Size2D[], multipleOf: number): number {
  let total = 0;
  for (const s of sizes) {
    const h = Math.ceil(s.h / multipleOf) * multipleOf;
    const w = Math.ceil(s.w / multipleOf) * multipleOf;
    if (!buckets.some((b) => b.h >= h && b.w >= w)) return Infinity;
    const { bucket } = pickBucket2D(h, w, buckets);
    total += bucket.h * bucket.w;
  }
  return total;
}

/** Reference: every set of at most k buckets from (any image height) x (any image width). */
function bruteForce2D(sizes: Size2D[], k: number, multipleOf: number): number {
  const hs = [...new Set(sizes.map((s) => Math.ceil(s.h / multipleOf) * multipleOf))];
  const ws = [...new Set(sizes.map((s) => Math.ceil(s.w / multipleOf) * multipleOf))];
  const pool = hs.flatMap((h) => ws.map((w) => ({ h, w })));
  let best = Infinity;
  const pick = (from: number, chosen: Size2D[]): void => {
    if (chosen.length > 0) best = Math.min(best, paddedArea(sizes, chosen, multipleOf));
    if (chosen.length === k) return;
    for (let i = from; i < pool.length; i++) pick(i + 1, [...chosen, pool[i]]);
  };
  pick(0, []);
  return best;
}

function randomSizes(rng: () => number, count: number, maxSide: number): Size2D[] {
  return Array.from({ length: count }, () => ({
    h: 1 + Math.floor(rng() * maxSide),
    w: 1 + Math.floor(rng() * maxSide),
  }));
}

describe('select2DBuckets', () => {
  it('exhaustive search equals brute force on 150 small random inputs', () => {
    const rng = mulberry32(11);
    for (let trial = 0; trial < 150; trial++) {
      const sizes = randomSizes(rng, 2 + Math.floor(rng() * 6), 20);
      const k = 1 + Math.floor(rng() * 3);
      const result = select2DBuckets(sizes, k, { multipleOf: 1 });
      expect(result.method).toBe('exhaustive');
      expect(result.buckets.length).toBeLessThanOrEqual(k);
      expect(result.paddedArea).toBe(bruteForce2D(sizes, k, 1));
      expect(paddedArea(sizes, result.buckets, 1)).toBe(result.paddedArea);
    }
  });

  it('local search stays within 5% of brute force, and matches it in at least 145 of 150 small random inputs', () => {
    const rng = mulberry32(12);
    let exact = 0;
    for (let trial = 0; trial < 150; trial++) {
      const sizes = randomSizes(rng, 3 + Math.floor(rng() * 5), 20);
      const k = 2 + Math.floor(rng() * 2);
      const result = select2DBuckets(sizes, k, { multipleOf: 1, maxExhaustiveWork: 0 });
      expect(result.method).toBe('local-search');
      const best = bruteForce2D(sizes, k, 1);
      expect(paddedArea(sizes, result.buckets, 1)).toBe(result.paddedArea);
      expect(result.paddedArea).toBeLessThanOrEqual(best * 1.05);
      if (result.paddedArea === best) exact++;
    }
    expect(exact).toBeGreaterThanOrEqual(145);
  });

  it('rounds bucket sides up to multiples of 32 by default and covers every image', () => {
    const rng = mulberry32(3);
    const sizes = randomSizes(rng, 300, 1000);
    const result = select2DBuckets(sizes, 4);
    expect(result.buckets.length).toBeLessThanOrEqual(4);
    for (const b of result.buckets) {
      expect(b.h % 32).toBe(0);
      expect(b.w % 32).toBe(0);
    }
    expect(paddedArea(sizes, result.buckets, 32)).toBe(result.paddedArea);
    expect(result.paddedArea).toBeGreaterThanOrEqual(result.realArea);
  });

  it('portrait and landscape images get their own buckets instead of one square', () => {
    const sizes = [...Array(10).fill({ h: 640, w: 320 }), ...Array(10).fill({ h: 320, w: 640 })];
    const result = select2DBuckets(sizes, 2);
    expect(result.buckets).toEqual([
      { h: 320, w: 640 },
      { h: 640, w: 320 },
    ]);
    expect(result.paddedArea).toBe(result.realArea);
  });

  it('refuses invalid sizes and k', () => {
    expect(() => select2DBuckets([{ h: 0, w: 5 }], 1)).toThrow(expect.objectContaining({ code: 'INVALID_SIZE_2D' }));
    expect(() => select2DBuckets([], 1)).toThrow(expect.objectContaining({ code: 'EMPTY_HISTOGRAM' }));
    expect(() => select2DBuckets([{ h: 5, w: 5 }], 0)).toThrow(expect.objectContaining({ code: 'INVALID_K' }));
  });
});
