import { describe, expect, it } from 'vitest';
import { parseDecimal } from './decimal';

describe('parseDecimal', () => {
  it.each<[string, number]>([
    ['32', 32],
    [' 64 ', 64],
    ['007', 7],
    ['-3', -3],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['2.', 2],
    ['0', 0],
  ])('reads %j as %d', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each([
    '0x20',
    '0b11',
    '0o7',
    '1e3',
    '1E3',
    '',
    '  ',
    '+5',
    '1,000',
    '1_000',
    '3 4',
    'Infinity',
    'NaN',
    '--1',
    '1.2.3',
    'twelve',
    '٣',
  ])('refuses %j instead of guessing', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });
});
