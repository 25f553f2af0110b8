import { describe, expect, it } from 'vitest';
import { fmtInt, fmtMB, fmtMs, fmtPct, fmtRate } from './format';

describe('number formats', () => {
  it.each([
    [fmtInt(1234567.4), '1,234,567'],
    [fmtPct(0.78345), '78.3%'],
    [fmtPct(1, 0), '100%'],
    [fmtMs(1234.5), '1235 ms'],
    [fmtMs(12.345), '12.3 ms'],
    [fmtMs(0.4567), '0.46 ms'],
    [fmtRate(2380.2), '2,380'],
    [fmtRate(12.34), '12.3'],
    [fmtMB(1_900_000), '1.9 MB'],
    [fmtMB(433_000_000), '433 MB'],
  ])('formats to %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});
