import { describe, expect, it } from 'vitest';
import { characterErrorRate, diffChars, editDistance } from './cer';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'ab', 2],
    ['kitten', 'sitting', 3],
    ['Hello bucketwise', 'Hellobucketwise', 1], // a dropped space is one error
    ['0ctober', 'October', 1],
    ['ab', 'ba', 2],
  ])('%j -> %j costs %d', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(editDistance('a😀b', 'ab')).toBe(1);
    expect(editDistance('𠀀', '𠀁')).toBe(1);
  });
});

describe('characterErrorRate', () => {
  it('sums errors and reference lengths over all lines (long lines weigh more)', () => {
    const totals = characterErrorRate([
      { hypothesis: 'Hellobucketwise OCR', reference: 'Hello bucketwise OCR' }, // 1 of 20
      { hypothesis: 'ok', reference: 'OK' }, // 2 of 2
    ]);
    expect(totals).toEqual({ errors: 3, referenceChars: 22, cer: 3 / 22 });
  });

  it('is 0 for exact matches and for nothing at all, and undefined (null) for text where none was expected', () => {
    expect(characterErrorRate([{ hypothesis: 'same', reference: 'same' }]).cer).toBe(0);
    expect(characterErrorRate([]).cer).toBe(0);
    expect(characterErrorRate([{ hypothesis: 'x', reference: '' }]).cer).toBeNull();
  });
});

describe('diffChars', () => {
  const render = (a: string, b: string) =>
    diffChars(a, b)
      .map((p) => (p.kind === 'same' ? p.text : p.kind === 'removed' ? `[-${p.text}]` : `{+${p.text}}`))
      .join('');

  it.each([
    ['Hello bucketwise OCR', 'Hellobucketwise OCR', 'Hello[- ]bucketwise OCR'],
    ['Andon', 'And on', 'And{+ }on'],
    ['0ctober', 'October', '[-0]{+O}ctober'],
    ['same', 'same', 'same'],
    ['', 'new', '{+new}'],
    ['old', '', '[-old]'],
    ['ab', 'cd', '[-ab]{+cd}'],
  ])('%j -> %j reads %j', (a, b, expected) => {
    expect(render(a, b)).toBe(expected);
  });

  it('marks as many characters as the edit distance, and both sides can be rebuilt from it', () => {
    for (const [a, b] of [
      ['Invoice 12345 Total 99.50 EUR', 'Invoice 12345Total99.50EUR'],
      ['window river Platform X9', 'window river PlatformX9'],
      ['kitten', 'sitting'],
    ] as const) {
      const parts = diffChars(a, b);
      expect(
        parts
          .filter((p) => p.kind !== 'added')
          .map((p) => p.text)
          .join(''),
      ).toBe(a);
      expect(
        parts
          .filter((p) => p.kind !== 'removed')
          .map((p) => p.text)
          .join(''),
      ).toBe(b);
      const changed = parts.filter((p) => p.kind !== 'same').reduce((n, p) => n + [...p.text].length, 0);
      // A substitution shows as one removed and one added character: at most twice the distance.
      expect(changed).toBeGreaterThanOrEqual(editDistance(a, b));
      expect(changed).toBeLessThanOrEqual(2 * editDistance(a, b));
    }
  });

  it('keeps markup as plain characters', () => {
    expect(diffChars('<b>x</b>', '<b>y</b>')).toEqual([
      { kind: 'same', text: '<b>' },
      { kind: 'removed', text: 'x' },
      { kind: 'added', text: 'y' },
      { kind: 'same', text: '</b>' },
    ]);
  });
});
