import { describe, expect, it } from 'vitest';
import type { EntityResult } from '../ner';
import { entityColour, entityLegend, entityType, entityViews, highlightPieces } from './text-highlights';

const text = 'Mary is flying from Nairobi to New York';
const entities: EntityResult[] = [
  { entity_group: 'LOC', score: 0.9, word: 'New York', start: 31, end: 39 },
  { entity_group: 'PER', score: 0.99, word: 'Mary', start: 0, end: 4 },
  { entity_group: 'LOC', score: 0.95, word: 'Nairobi', start: 20, end: 27 },
];

describe('entity views and highlights', () => {
  it('reads the type from the group or from the tag without its prefix', () => {
    expect(entityType({ entity_group: 'ORG', score: 1, word: '', start: 0, end: 1 })).toBe('ORG');
    expect(entityType({ entity: 'B-PER', score: 1, word: '', start: 0, end: 1 })).toBe('PER');
    expect(entityType({ entity: 'I-creative-work', score: 1, word: '', start: 0, end: 1 })).toBe('creative-work');
  });

  it('sorts entities by position and takes their text from the offsets', () => {
    const { views, skipped } = entityViews(entities, text);
    expect(skipped).toBe(0);
    expect(views.map((v) => [v.type, v.text])).toEqual([
      ['PER', 'Mary'],
      ['LOC', 'Nairobi'],
      ['LOC', 'New York'],
    ]);
  });

  it('skips entities whose offsets fall outside the text', () => {
    const { views, skipped } = entityViews(
      [...entities, { entity: 'B-PER', score: 1, word: 'x', start: 38, end: 60 }],
      text,
    );
    expect(views).toHaveLength(3);
    expect(skipped).toBe(1);
  });

  it('cuts the text into pieces that rebuild it exactly', () => {
    const { views } = entityViews(entities, text);
    const pieces = highlightPieces(text, views);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.filter((p) => p.kind === 'entity').map((p) => p.text)).toEqual(['Mary', 'Nairobi', 'New York']);
    expect(pieces[0]).toMatchObject({ kind: 'entity', type: 'PER', score: 0.99, start: 0, end: 4 });
  });

  it('draws an overlapping entity from where the previous one ends', () => {
    const pieces = highlightPieces('abcdef', [
      { type: 'A', text: 'abcd', score: 1, start: 0, end: 4 },
      { type: 'B', text: 'cdef', score: 1, start: 2, end: 6 },
    ]);
    expect(pieces.map((p) => p.text)).toEqual(['abcd', 'ef']);
  });

  it('gives stable colours and a legend with counts, CoNLL types first', () => {
    expect(entityColour('PER')).toBe(entityColour('PER'));
    expect(entityColour('PER')).not.toBe(entityColour('LOC'));
    expect(entityColour('product')).toBe(entityColour('product'));
    const legend = entityLegend(entityViews(entities, text).views);
    expect(legend.map((l) => [l.type, l.count])).toEqual([
      ['PER', 1],
      ['LOC', 2],
    ]);
  });
});
