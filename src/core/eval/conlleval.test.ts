import { describe, expect, it } from 'vitest';
import { ConllevalError, conlleval, extractEntities } from './conlleval';

describe('extractEntities', () => {
  it.each([
    { tags: ['O', 'O'], entities: [] },
    { tags: ['B-PER', 'I-PER', 'O', 'B-LOC'], entities: ['0-1 PER', '3-3 LOC'] },
    // Two adjacent entities of one type are told apart by B-.
    { tags: ['B-PER', 'B-PER', 'I-PER'], entities: ['0-0 PER', '1-2 PER'] },
    // conlleval: an I- without a B- before it opens an entity.
    { tags: ['O', 'I-ORG', 'I-ORG', 'O'], entities: ['1-2 ORG'] },
    { tags: ['I-MISC'], entities: ['0-0 MISC'] },
    // A type change inside a run of I- tags closes one entity and opens another.
    { tags: ['B-ORG', 'I-ORG', 'I-LOC', 'I-LOC'], entities: ['0-1 ORG', '2-3 LOC'] },
    { tags: ['B-ORG', 'I-LOC'], entities: ['0-0 ORG', '1-1 LOC'] },
    // An entity running to the end of the sentence is closed there.
    { tags: ['O', 'B-LOC', 'I-LOC'], entities: ['1-2 LOC'] },
  ])('$tags', ({ tags, entities }) => {
    expect(extractEntities(tags).map((e) => `${e.start}-${e.end} ${e.type}`)).toEqual(entities);
  });

  it('rejects a tag that is not IOB2, with a code', () => {
    expect(() => extractEntities(['O', 'PER'])).toThrow(ConllevalError);
    expect(() => extractEntities(['B_PER'])).toThrow(expect.objectContaining({ code: 'BAD_TAG' }));
    expect(() => extractEntities(['B-'])).toThrow(expect.objectContaining({ code: 'BAD_TAG' }));
  });
});

describe('conlleval', () => {
  it('scores 1 when the prediction equals the gold tags', () => {
    const gold = [['B-PER', 'I-PER', 'O', 'B-LOC'], ['B-ORG']];
    const result = conlleval(gold, gold);
    expect(result.overall).toMatchObject({ precision: 1, recall: 1, f1: 1, correct: 3, predicted: 3, gold: 3 });
  });

  it('counts an entity only when type and both boundaries match', () => {
    const gold = [['B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC', 'O', 'B-ORG']];
    const predicted = [
      [
        'B-PER',
        'O', // right start, wrong end
        'O',
        'B-ORG',
        'I-ORG', // right boundaries, wrong type
        'O',
        'B-ORG', // exact
      ],
    ];
    const { overall, perType } = conlleval(gold, predicted);
    expect(overall).toMatchObject({ correct: 1, predicted: 3, gold: 3 });
    expect(overall.f1).toBeCloseTo(1 / 3, 12);
    expect(perType.PER).toMatchObject({ correct: 0, predicted: 1, gold: 1, f1: 0 });
    expect(perType.LOC).toMatchObject({ correct: 0, predicted: 0, gold: 1, precision: 0, recall: 0 });
    expect(perType.ORG.correct).toBe(1);
    expect(perType.ORG.precision).toBeCloseTo(1 / 2, 12);
    expect(perType.ORG.recall).toBe(1);
  });

  it('treats an I- start the same in gold and prediction', () => {
    // conlleval reads I-PER I-PER as one entity, so it matches B-PER I-PER.
    expect(conlleval([['B-PER', 'I-PER']], [['I-PER', 'I-PER']]).overall.f1).toBe(1);
  });

  it('does not match entities across sentences', () => {
    const gold = [
      ['O', 'B-LOC'],
      ['B-LOC', 'O'],
    ];
    const predicted = [
      ['B-LOC', 'O'],
      ['O', 'B-LOC'],
    ];
    expect(conlleval(gold, predicted).overall.correct).toBe(0);
  });

  it('micro-averages: frequent types weigh more than in a mean of per-type F1', () => {
    const gold = [['B-PER', 'B-PER', 'B-PER', 'B-MISC']];
    const predicted = [['B-PER', 'B-PER', 'B-PER', 'O']];
    const { overall, perType } = conlleval(gold, predicted);
    expect(overall.precision).toBe(1);
    expect(overall.recall).toBeCloseTo(3 / 4, 12);
    expect(overall.f1).toBeCloseTo(6 / 7, 12);
    expect(Object.keys(perType)).toEqual(['MISC', 'PER']);
  });

  it('scores 0, not NaN, when nothing is predicted', () => {
    const { overall } = conlleval([['B-PER']], [['O']]);
    expect(overall).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it.each([
    { gold: [['O']], predicted: [] as string[][] },
    { gold: [['O', 'O']], predicted: [['O']] },
  ])('rejects mismatched lengths with LENGTH_MISMATCH', ({ gold, predicted }) => {
    expect(() => conlleval(gold, predicted)).toThrow(expect.objectContaining({ code: 'LENGTH_MISMATCH' }));
  });
});
