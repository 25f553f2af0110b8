import { describe, expect, it } from 'vitest';
import {
  DatasetError,
  EmptyInputError,
  InputTooLargeError,
  TooManyItemsError,
  parseTextLines,
  splitIntoItems,
  splitSentences,
  utf8Length,
} from './text';

describe('parseTextLines', () => {
  it('one trimmed item per non-blank line, any line ending', () => {
    expect(parseTextLines('\uFEFFfirst line\r\n\n  second  \rthird\n\n')).toEqual(['first line', 'second', 'third']);
  });

  it.each([[''], ['   '], ['\n\t\r\n'], ['\uFEFF']])('refuses empty or whitespace-only input %j', (text) => {
    expect(() => parseTextLines(text)).toThrow(EmptyInputError);
    expect(() => parseTextLines(text)).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });

  it('refuses more items than the limit instead of dropping any', () => {
    const text = Array.from({ length: 11 }, (_, i) => `line ${i}`).join('\n');
    expect(parseTextLines(text, { maxItems: 11 })).toHaveLength(11);
    try {
      parseTextLines(text, { maxItems: 10 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TooManyItemsError);
      expect((err as TooManyItemsError).count).toBe(11);
      expect((err as Error).message).toMatch(/11 items, more than the limit of 10\. Split it/);
    }
  });

  it('refuses text larger than the byte limit, counting UTF-8 bytes', () => {
    expect(() => parseTextLines('é'.repeat(6), { maxBytes: 11 })).toThrow(InputTooLargeError);
    expect(parseTextLines('é'.repeat(6), { maxBytes: 12 })).toEqual(['éééééé']);
  });

  it('names a bad limit', () => {
    expect(() => parseTextLines('a', { maxItems: 0 })).toThrow(DatasetError);
    expect(() => parseTextLines('a', { maxItems: 0 })).toThrow(/maxItems limit must be a positive whole number/);
  });

  it('the default limits allow 200,000 items', () => {
    expect(parseTextLines('x\n'.repeat(200_000))).toHaveLength(200_000);
    expect(() => parseTextLines('x\n'.repeat(200_001))).toThrow(TooManyItemsError);
  });
});

describe('splitSentences', () => {
  it.each([
    ['plain', 'It rained. We stayed in! Did you? Yes.', ['It rained.', 'We stayed in!', 'Did you?', 'Yes.']],
    ['titles', 'Mr. Smith met Dr. Jones. They talked.', ['Mr. Smith met Dr. Jones.', 'They talked.']],
    [
      'dotted acronyms',
      'The U.S. economy grew, e.g. in Ohio. It slowed.',
      ['The U.S. economy grew, e.g. in Ohio.', 'It slowed.'],
    ],
    ['initials', 'J. R. R. Tolkien wrote it. Others read it.', ['J. R. R. Tolkien wrote it.', 'Others read it.']],
    ['lower-case continuation', 'We met at 3 p.m. today. Then left.', ['We met at 3 p.m. today.', 'Then left.']],
    ['closing quotes stay with their sentence', 'He said "Stop." Then he left.', ['He said "Stop."', 'Then he left.']],
    ['decimals and ellipses', 'Pi is 3.14... Roughly. OK', ['Pi is 3.14...', 'Roughly.', 'OK']],
    ['line breaks always split', 'no stop here\nnext line', ['no stop here', 'next line']],
    ['CJK full stops', '今日は晴れ。明日は雨！', ['今日は晴れ。', '明日は雨！']],
    [
      'known limit: a sentence ending in an acronym joins the next',
      'He moved to the U.S. Then he left.',
      ['He moved to the U.S. Then he left.'],
    ],
  ])('%s', (_, text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it('splitIntoItems(sentences) applies the same checks', () => {
    expect(splitIntoItems('One. Two.', 'sentences')).toEqual(['One.', 'Two.']);
    expect(() => splitIntoItems(' ', 'sentences')).toThrow(EmptyInputError);
    expect(() => splitIntoItems('One. Two. Three.', 'sentences', { maxItems: 2 })).toThrow(TooManyItemsError);
    expect(() => splitIntoItems('x', 'paragraphs' as 'lines')).toThrow(/use "lines" or "sentences"/);
  });
});

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    ['\u{1F600}', 4],
    ['\uD800', 3],
  ])('%j is %i bytes, as TextEncoder counts', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(new TextEncoder().encode(text).length).toBe(bytes);
  });
});
