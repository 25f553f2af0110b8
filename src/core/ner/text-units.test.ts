import { describe, expect, it } from 'vitest';
import { CHAR, CJK, PUNCT, SKIP, SPACE, foldCodePoint, foldString, toTextUnits } from './text-units';

describe('toTextUnits', () => {
  it('classifies characters as BertNormalizer and BertPreTokenizer see them', () => {
    const units = toTextUnits('a b,東\u0000\t$');
    expect(Array.from(units.kinds.subarray(0, units.count))).toEqual([
      CHAR,
      SPACE,
      CHAR,
      PUNCT,
      CJK,
      SKIP,
      SPACE,
      PUNCT,
    ]);
    expect(units.folds).toEqual(['a', '', 'b', ',', '東', '', '', '$']);
  });

  it('keeps a surrogate pair as one unit and records UTF-16 offsets', () => {
    const units = toTextUnits('x\u{1F600}y');
    expect(units.count).toBe(3);
    expect([Array.from(units.starts.subarray(0, 3)), Array.from(units.ends.subarray(0, 3))]).toEqual([
      [0, 1, 3],
      [1, 3, 4],
    ]);
  });

  it('an ideograph outside the BMP is not spaced off (transformers.js tests code units)', () => {
    expect(toTextUnits('\u{20000}').kinds[0]).toBe(CHAR);
  });
});

describe('foldCodePoint / foldString', () => {
  it('folds case, accents and compatibility forms, and final sigma to sigma', () => {
    expect(['É', 'ß', 'Ｍ', '\u03a3', '\u03c2'].map(foldCodePoint)).toEqual(['e', 'ß', 'm', 'σ', 'σ']);
    expect(foldString('Café Ｍary')).toBe('cafe mary');
  });
});
