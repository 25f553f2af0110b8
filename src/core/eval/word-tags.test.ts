import { describe, expect, it } from 'vitest';
import { joinWords, wordTagsFromEntities } from './word-tags';

const entity = (entity_group: string, start: number, end: number) => ({ entity_group, start, end });

describe('joinWords', () => {
  it("joins with single spaces and records each word's span", () => {
    const { text, spans } = joinWords(['EU', 'rejects', 'German', 'call']);
    expect(text).toBe('EU rejects German call');
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['EU', 'rejects', 'German', 'call']);
    expect(joinWords([])).toEqual({ text: '', spans: [] });
  });
});

describe('wordTagsFromEntities', () => {
  const { text, spans } = joinWords(['Peter', 'Blackburn', 'visited', 'New', 'York', 'and', 'Paris', '.']);
  const at = (word: string) => text.indexOf(word);

  it("tags B- on an entity's first word, I- on the rest, O elsewhere", () => {
    const tags = wordTagsFromEntities(spans, [
      entity('PER', 0, at('Blackburn') + 9),
      entity('LOC', at('New'), at('York') + 4),
      entity('LOC', at('Paris'), at('Paris') + 5),
    ]);
    expect(tags).toEqual(['B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC', 'O', 'B-LOC', 'O']);
  });

  it('two adjacent entities of one type stay two (B- B-)', () => {
    expect(
      wordTagsFromEntities(spans, [
        entity('LOC', at('New'), at('New') + 3),
        entity('LOC', at('York'), at('York') + 4),
      ]).slice(3, 5),
    ).toEqual(['B-LOC', 'B-LOC']);
  });

  it('an entity covering part of a word tags the word; a second entity in the same word moves on', () => {
    const { text: t, spans: s } = joinWords(['U.S.-based', 'Acme']);
    // The app may find "U.S." (LOC) and "-based Acme" (ORG) inside the first word.
    expect(wordTagsFromEntities(s, [entity('LOC', 0, 4), entity('ORG', 4, t.length)])).toEqual(['B-LOC', 'B-ORG']);
    expect(wordTagsFromEntities(s, [entity('MISC', 2, 3)])).toEqual(['B-MISC', 'O']);
  });

  it('no entities: all O', () => {
    expect(wordTagsFromEntities(spans, [])).toEqual(spans.map(() => 'O'));
  });
});
