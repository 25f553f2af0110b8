import { describe, expect, it } from 'vitest';
import { applyScoreThreshold, isScoreThreshold } from './threshold';

const entities = [
  { word: 'Siemens', score: 0.91 },
  { word: 'Dakar', score: 0.003 },
  { word: 'Munich', score: 0.4 },
  { word: 'Kenya', score: 0.39 },
];

describe('applyScoreThreshold', () => {
  it('hides entities below the threshold, keeps the order of the rest and counts the hidden', () => {
    const { shown, hidden } = applyScoreThreshold(entities, 0.4);
    expect(shown.map((e) => e.word)).toEqual(['Siemens', 'Munich']);
    expect(hidden).toBe(2);
  });

  it('null hides nothing; 0 hides nothing; 1 keeps only certain entities', () => {
    expect(applyScoreThreshold(entities, null)).toEqual({ shown: entities, hidden: 0 });
    expect(applyScoreThreshold(entities, 0).hidden).toBe(0);
    expect(applyScoreThreshold(entities, 1).shown).toEqual([]);
  });

  it('refuses a threshold outside 0..1, naming it', () => {
    expect(() => applyScoreThreshold(entities, 1.5)).toThrow(/1\.5 must be a number from 0 to 1/);
    expect(() => applyScoreThreshold(entities, Number.NaN)).toThrow(expect.objectContaining({ code: 'BAD_OPTION' }));
  });
});

describe('isScoreThreshold', () => {
  it.each([
    [0, true],
    [0.4, true],
    [1, true],
    [-0.1, false],
    [2, false],
    ['0.4', false],
    [null, false],
    [Infinity, false],
  ])('%s -> %s', (value, ok) => {
    expect(isScoreThreshold(value)).toBe(ok);
  });
});
