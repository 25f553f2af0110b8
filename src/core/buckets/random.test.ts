import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32, shuffleInPlace } from './random';

describe('mulberry32', () => {
  it('repeats its sequence for a seed, differs between seeds, and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(mulberry32(43)()).not.toBe(first[0]);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = first.reduce((s, x) => s + x, 0) / first.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });
});

describe('shuffleInPlace', () => {
  it('permutes the values (same multiset) reproducibly', () => {
    const values = Array.from({ length: 50 }, (_, i) => i);
    shuffleInPlace(values, mulberry32(1));
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(values).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    const again = Array.from({ length: 50 }, (_, i) => i);
    shuffleInPlace(again, mulberry32(1));
    expect(again).toEqual(values);
  });
});

describe('gaussian', () => {
  it('has about the requested mean and standard deviation', () => {
    const rng = mulberry32(7);
    const xs = Array.from({ length: 20_000 }, () => gaussian(rng, 40, 5));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean - 40)).toBeLessThan(0.2);
    expect(Math.abs(sd - 5)).toBeLessThan(0.2);
  });
});
